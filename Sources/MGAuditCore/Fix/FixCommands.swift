import Foundation

/// Gives each finding that a command fixes the commands of `mgaudit fix`'s scripts (the report's
/// `fixCommands`). The one step after the engine that check and batch run: the same plan and the
/// same script blocks as `mgaudit fix`, so the report and the scripts never disagree.
public enum FixCommands {
    /// Sets `commands` on the findings of `bundle` a script step fixes; the others are left nil.
    /// Nothing for a tenant without a manifest or with a Graph PowerShell export (`fix` refuses it).
    public static func attach(to findings: inout [Finding], bundle: TenantBundle, catalog: PermissionCatalog,
                              texts: FixTexts, asOf: Date) {
        guard let registration = bundle.manifest, registration.dialect == .standard else { return }
        let plan = FixPlan.plan(registration: registration, sheet: bundle.sheet, findings: findings, catalog: catalog, asOf: asOf)
        guard !plan.steps.isEmpty || plan.credentials != nil else { return }
        let ja = FixScripts(plan: plan, texts: texts, language: .ja, tenant: bundle.name).blocks()
        let en = FixScripts(plan: plan, texts: texts, language: .en, tenant: bundle.name).blocks()
        for index in findings.indices {
            let rule = findings[index].rule
            let mine = (ja: ja.filter { $0.rules.contains(rule) }, en: en.filter { $0.rules.contains(rule) })
            guard !mine.ja.isEmpty else { continue }
            func text(_ tool: FixScripts.Tool) -> LocalizedText {
                LocalizedText(ja: joined(mine.ja, tool), en: joined(mine.en, tool))
            }
            findings[index].commands = FindingCommands(az: text(.az), powershell: text(.powershell), graph: text(.graph))
        }
    }

    /// The blocks' lines for `tool`, a blank line between blocks (the block comment, which names
    /// rule ids, is left to the scripts).
    private static func joined(_ blocks: [FixScripts.Block], _ tool: FixScripts.Tool) -> String {
        blocks.map { ($0.lines[tool] ?? []).joined(separator: "\n") }.joined(separator: "\n\n")
    }
}
