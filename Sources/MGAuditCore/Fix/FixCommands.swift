import Foundation

/// Gives each finding that a command fixes the commands of `mgaudit fix`'s scripts (the report's
/// `fixCommands`). The one step after the engine that check and batch run: the same plan and the
/// same script blocks as `mgaudit fix`, so the report and the scripts never disagree.
public enum FixCommands {
    /// Sets `commands` on the findings of `bundle` a script step fixes; the others are left nil.
    /// Nothing for a tenant without a manifest or with a Graph PowerShell export (`fix` refuses it).
    ///
    /// `language`: a run that renders in one language (check, batch) has the commands made in it
    /// alone, both sides of each `LocalizedText` holding that text (as `ResultsMerge` does for
    /// results read back); nil makes both (triage, which may answer in either).
    public static func attach(to findings: inout [Finding], bundle: TenantBundle, catalog: PermissionCatalog,
                              texts: FixTexts, asOf: Date, language: Language? = nil) {
        guard let registration = bundle.manifest, registration.dialect == .standard else { return }
        let plan = FixPlan.plan(registration: registration, sheet: bundle.sheet, findings: findings, catalog: catalog, asOf: asOf)
        guard !plan.steps.isEmpty || plan.credentials != nil else { return }
        func blocks(_ language: Language) -> [ToolText] {
            toolTexts(FixScripts(plan: plan, texts: texts, language: language, tenant: bundle.name).blocks())
        }
        let first = blocks(language ?? .ja)
        let second = language == nil ? blocks(.en) : nil
        for index in findings.indices {
            let rule = findings[index].rule
            let mine = first.filter { $0.rules.contains(rule) }
            guard !mine.isEmpty else { continue }
            let other = second?.filter { $0.rules.contains(rule) }
            func text(_ tool: FixScripts.Tool) -> LocalizedText {
                let text = joined(mine, tool)
                guard let other else { return .same(text) }
                return LocalizedText(ja: text, en: joined(other, tool))
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
