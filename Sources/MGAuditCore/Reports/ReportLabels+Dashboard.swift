/// The fixed words of the HTML dashboard (`HTMLReport`) that no other format prints. Kept apart
/// from `ReportLabels.swift` so the dashboard's wording can change without touching every format's.
extension ReportLabels {
    /// "29 tenants, 25 with findings".
    func tenantsWithFindings(_ tenants: Int, withFindings: Int) -> String {
        pickDashboard("テナント \(tenants) 件（指摘あり \(withFindings) 件）",
                      "\(tenants) \(tenants == 1 ? "tenant" : "tenants"), \(withFindings) with findings")
    }

    var newLabel: String { pickDashboard("新規", "New") }
    /// The badge on a finding the baseline did not have.
    var newBadge: String { pickDashboard("新規", "new") }
    var fixedLabel: String { pickDashboard("解消", "Fixed") }
    var suppressedLabel: String { pickDashboard("抑止", "Suppressed") }
    var tenantsColumn: String { pickDashboard("テナント数", "Tenants") }
    var findingsColumn: String { pickDashboard("指摘数", "Findings") }
    var severityColumn: String { pickDashboard("重要度", "Severity") }
    var ruleColumn: String { pickDashboard("ルール", "Rule") }
    var secretEndsColumn: String { pickDashboard("有効期限", "Ends") }
    var secretColumn: String { pickDashboard("シークレット", "Secret") }
    /// Beside a secret whose end date is before the audit's day.
    var ended: String { pickDashboard("期限切れ", "ended") }
    var unusedSuppressions: String { pickDashboard("一致する指摘のない抑止設定", "Suppressions that matched nothing") }
    var allTenants: String { pickDashboard("全テナント", "All tenants") }
    var numberColumn: String { "#" }
    var filterByName: String { pickDashboard("名前で絞り込み", "Filter by name") }
    var onlyWithFindings: String { pickDashboard("指摘のあるテナントのみ", "Only tenants with findings") }
    /// Shown before the filter's "12 / 29" (written by the script).
    var shown: String { pickDashboard("表示中", "Shown") }
    var suppressedFindings: String { pickDashboard("抑止された指摘", "Suppressed findings") }
    var reason: String { pickDashboard("理由", "Reason") }
    var suppressionSource: String { pickDashboard("抑止設定", "Suppression") }
    var until: String { pickDashboard("期限", "until") }
    var fixedSinceBaseline: String { pickDashboard("前回から解消された指摘", "Fixed since the baseline") }
    var backToSummary: String { pickDashboard("概要に戻る", "Back to the summary") }
    var contents: String { pickDashboard("目次", "Contents") }

    private func pickDashboard(_ ja: String, _ en: String) -> String { language == .ja ? ja : en }
}
