/// The fixed words of the HTML dashboard (`HTMLReport`) that no other format prints. Kept apart
/// from `ReportLabels.swift` so the dashboard's wording can change without touching every format's.
extension ReportLabels {
    /// "29 tenants, 25 with findings".
    func tenantsWithFindings(_ tenants: Int, withFindings: Int) -> String {
        pick("テナント \(tenants) 件（指摘あり \(withFindings) 件）",
                      "\(tenants) \(tenants == 1 ? "tenant" : "tenants"), \(withFindings) with findings")
    }

    /// The badge on a finding the baseline did not have.
    var newBadge: String { pick("新規", "new") }
    var findingsColumn: String { pick("指摘数", "Findings") }
    var ruleColumn: String { pick("ルール", "Rule") }
    var secretEndsColumn: String { pick("有効期限", "Ends") }
    var secretColumn: String { pick("シークレット", "Secret") }
    /// Beside a secret whose end date is before the audit's day.
    var ended: String { pick("期限切れ", "ended") }
    var allTenants: String { pick("全テナント", "All tenants") }
    var numberColumn: String { "#" }
    var filterByName: String { pick("名前で絞り込み", "Filter by name") }
    var onlyWithFindings: String { pick("指摘のあるテナントのみ", "Only tenants with findings") }
    /// Shown before the filter's "12 / 29" (written by the script).
    var shown: String { pick("表示中", "Shown") }
    var suppressedFindings: String { pick("抑止された指摘", "Suppressed findings") }
    var reason: String { pick("理由", "Reason") }
    var suppressionSource: String { pick("抑止設定", "Suppression") }
    var until: String { pick("期限", "until") }
    var fixedSinceBaseline: String { pick("前回から解消された指摘", "Fixed since the baseline") }
    var backToSummary: String { pick("概要に戻る", "Back to the summary") }
    var contents: String { pick("目次", "Contents") }
}
