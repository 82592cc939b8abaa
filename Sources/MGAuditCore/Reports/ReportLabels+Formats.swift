/// The fixed words of the SARIF, JUnit and Markdown reports, in both languages (CSV's column
/// names are English on purpose: see `CSVReport.columns`).
extension ReportLabels {

    // MARK: JUnit

    /// A failing test case's `message`: how many findings, and the rule's title.
    func findingCount(_ count: Int, title: String) -> String {
        pick("指摘 \(count) 件：\(title)", "\(count) \(count == 1 ? "finding" : "findings"): \(title)")
    }

    /// A skipped test case's `message`: every finding of the rule is held back by a suppression.
    func suppressedBecause(_ reasons: String) -> String {
        pick("抑止設定により除外（理由：\(reasons)）", "Suppressed: \(reasons)")
    }

    /// Between several suppression reasons.
    var listSeparator: String { pick("、", "; ") }

    // MARK: Markdown

    var countColumn: String { pick("件数", "Findings") }
    var messageColumn: String { pick("内容", "Message") }
    var endsColumn: String { pick("期限", "Ends") }
    var keyIdColumn: String { pick("キー ID", "Key ID") }
    var secretNameColumn: String { pick("説明", "Description") }
    var tenantDetails: String { pick("テナント別の指摘事項", "Findings by tenant") }
    var noFindingsAnywhere: String { pick("どのテナントにも問題は見つかりませんでした。", "No problems found in any tenant.") }

    /// Under a tenant's table cut short by the size bound.
    func moreFindings(_ count: Int) -> String {
        pick("ほか \(count) 件の指摘は省略しました。すべての指摘は JSON または CSV のレポートで確認してください。",
               "\(count) more \(count == 1 ? "finding is" : "findings are") not shown here; the JSON and CSV reports list them all.")
    }

    /// Under a list cut short (unused suppressions).
    func moreItems(_ count: Int) -> String {
        pick("ほか \(count) 件は省略しました。", "\(count) more not shown.")
    }

    /// At the end when tenants past the detail bound were not listed.
    func tenantsLeftOut(_ count: Int, shown: Int) -> String {
        pick("レポートを 1 MiB 以内に収めるため、\(shown + 1) 件目以降のテナント（\(count) 件）の詳細は省略しました。"
                + "すべての指摘は JSON または CSV のレポートで確認してください。",
               "To keep this report within 1 MiB, the \(count) \(count == 1 ? "tenant" : "tenants") after the first \(shown) "
                + "\(count == 1 ? "is" : "are") not listed in detail; the JSON and CSV reports list every finding.")
    }
}
