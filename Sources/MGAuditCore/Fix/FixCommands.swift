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
        let ja = toolTexts(FixScripts(plan: plan, texts: texts, language: .ja, tenant: bundle.name).blocks())
        let en = toolTexts(FixScripts(plan: plan, texts: texts, language: .en, tenant: bundle.name).blocks())
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

    /// A block's rules and each tool's lines joined, made once per block (not once per finding it fixes).
    private struct ToolText {
        var rules: [String]
        var az: String
        var powershell: String
        var graph: String
    }

    /// The block comment, which names rule ids, is left to the scripts.
    private static func toolTexts(_ blocks: [FixScripts.Block]) -> [ToolText] {
        blocks.map { block in
            func lines(_ tool: FixScripts.Tool) -> String { (block.lines[tool] ?? []).joined(separator: "\n") }
            return ToolText(rules: block.rules, az: lines(.az), powershell: lines(.powershell), graph: lines(.graph))
        }
    }

    /// The blocks' texts for `tool`, a blank line between blocks.
    private static func joined(_ blocks: [ToolText], _ tool: FixScripts.Tool) -> String {
        blocks.map { block in
            switch tool {
            case .az: block.az
            case .powershell: block.powershell
            case .graph: block.graph
            }
        }.joined(separator: "\n\n")
    }
}
