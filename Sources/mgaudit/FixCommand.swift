import ArgumentParser
import Foundation
import MGAuditCLI
import MGAuditCore

struct FixCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fix",
        abstract: "Write the fix for one tenant: the corrected manifest, a JSON Patch, or an az, PowerShell or Graph script (never run).",
        discussion: """
        Changes only what the findings show and the notification sheet confirms: redirect URIs, \
        signInAudience, the implicit-grant flags, missing or wrong-typed permissions; the scripts also \
        grant consent and add a client secret. Exit 0: written, or nothing to fix (one stderr line); \
        2: no manifest, usage error or unreadable input. See docs/fix.md.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case manifest, patch, az, powershell, graph
    }

    @Argument(help: "A manifest file or a tenant folder.")
    var tenant: String

    @Option(help: "What to write.")
    var format: Format = .manifest

    @OptionGroup var outputOption: OutputOption
    @OptionGroup var languageOption: LanguageOption
    @OptionGroup var asOfOption: AsOfOption

    @Option(help: "Folder of the rule pack to use instead of the bundled rules/.")
    var rules: String?

    func run() throws {
        let (asOfDate, _) = try asOfOption.resolve()
        let language = languageOption.language
        let rulesDirectory = try RulesDirectory.resolve(rules)
        let engine = try RuleEngine(pack: RulePackLoader.load(directory: rulesDirectory, examples: false))
        let texts = try FixTexts.load(directory: rulesDirectory)
        let bundle = engine.validated(RunProblems.loadTenant(path: tenant))
        let manifestKinds: Set<InputKind> = [.manifestAADGraph, .manifestMicrosoftGraph, .manifestGraphPowerShell]
        guard let registration = bundle.manifest, let file = bundle.inputs.first(where: { manifestKinds.contains($0.kind) }) else {
            let problems = bundle.problems.map(\.description)
            throw InputError(path: tenant, problem: problems.isEmpty ? "holds no app manifest" : problems.joined(separator: "; "))
        }
        let plan = FixPlan.plan(registration: registration, sheet: bundle.sheet, findings: engine.assess(bundle, asOf: asOfDate).findings,
                                catalog: engine.pack.catalog, asOf: asOfDate)
        if registration.dialect != .standard {
            throw InputError(path: file.path, problem: texts.unsupportedDialect.text(language))
        }
        // UTF-16 and BOM exports are read as check reads them; the output is UTF-8.
        let (json, _) = try TextDecoding.read(URL(fileURLWithPath: file.path), allowShiftJIS: false)
        let output: FixOutput
        do {
            output = try FixOutput(plan: plan, manifest: Data(json.utf8), file: file.path)
        } catch {
            throw InputError(path: file.path, problem: "\(error)")
        }
        let text: String
        switch format {
        case .manifest, .patch:
            guard !output.edits.isEmpty else { return nothingToFix(output, texts, language) }
            text = format == .manifest ? output.manifestText : output.patchText
        case .az, .powershell, .graph:
            guard !plan.steps.isEmpty || plan.credentials != nil, let tool = FixScripts.Tool(rawValue: format.rawValue) else {
                return nothingToFix(output, texts, language)
            }
            text = FixScripts(plan: plan, texts: texts, language: language, tenant: bundle.name).script(tool)
        }
        let inputs = [tenant] + bundle.inputs.map(\.path) + RulesDirectory.files(rulesDirectory)
        try ReportWriter.emit(text, to: outputOption.output, inputs: inputs)
        notes(output, texts, language, blanked: format == .manifest)
    }

    private func nothingToFix(_ output: FixOutput, _ texts: FixTexts, _ language: Language) {
        Console.error("mgaudit: \(texts.nothingToFix.text(language))")
        notes(output, texts, language, blanked: false)
    }

    private func notes(_ output: FixOutput, _ texts: FixTexts, _ language: Language, blanked: Bool) {
        for note in output.notes {
            let text: LocalizedText
            switch note {
            case .noSheet: text = texts.noSheet
            case .sheetUntrusted: text = texts.sheetUntrusted
            case .legacyReplyURLs: text = texts.legacyReplyURLs
            case .unsupportedDialect: continue
            }
            Console.error("mgaudit: \(text.text(language))")
        }
        if blanked, output.plan.format == .aadGraph { Console.error("mgaudit: \(texts.aadGraphUpload.text(language))") }
        if blanked, output.secretBlanked { Console.error("mgaudit: \(texts.secretBlanked.text(language))") }
    }
}
