import ArgumentParser
import Foundation
import MGAuditCLI
import MGAuditCore

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Audit one or more tenants: manifest files or tenant folders.",
        discussion: """
        A folder is one tenant (its name is the tenant's name) holding any of: the app manifest \
        (either portal format), the notification sheet, consent exports, MailGates settings. \
        A file is a tenant of its own. A path that cannot be read is reported as such \
        and the other paths are still audited. Suppressions (docs/suppressions.md) are read from each \
        tenant folder's own mgaudit.yml, from the mgaudit.yml of the folder holding the tenant \
        folders, and from --suppressions FILE. Exit 0: nothing at or above --fail-on; 1: findings; \
        2: usage error or unreadable input, a broken suppression file included (one stderr line each).
        """
    )

    @Argument(help: "Manifest files or tenant folders.")
    var paths: [String]

    @Option(help: "Report format.")
    var format: ReportFormat = .text

    @Flag(name: .customLong("csv-no-bom"), help: "With --format csv: no UTF-8 byte order mark.")
    var csvNoBOM = false

    @OptionGroup var outputOption: OutputOption
    @OptionGroup var languageOption: LanguageOption
    @OptionGroup var asOfOption: AsOfOption
    @OptionGroup var inputLimit: InputLimitOption

    @Option(name: .customLong("fail-on"), help: "Lowest severity that makes the exit code 1.")
    var failOn: FailOn = .error

    @Option(help: "Folder of the rule pack to use instead of the bundled rules/.")
    var rules: String?

    @Option(help: "A notification sheet (開通通知書) to check every given tenant against.")
    var sheet: String?

    @Option(help: ArgumentHelp("Suppressions (mgaudit.yml format) for every given tenant.", valueName: "file"))
    var suppressions: String?

    func run() throws {
        try inputLimit.apply { try audit() }
    }

    func audit() throws {
        let (asOfDate, asOfDay) = try asOfOption.resolve()
        let rulesDirectory = try RulesDirectory.resolve(rules)
        let engine = try RuleEngine(pack: RulePackLoader.load(directory: rulesDirectory, examples: false))
        let fixTexts = try FixTexts.loadIfPresent(directory: rulesDirectory)
        let extraFiles = sheet.map { [$0] } ?? []
        try RunProblems.requireExplicitFiles(extraFiles)
        // Read once for every tenant; `--sheet -` is standard input.
        let explicit = sheet.map { [TenantLoader.ExplicitInput.read($0, as: .notificationSheet, option: "--sheet")] } ?? []
        var runSuppressions = try RunSuppressions(paths: paths, option: suppressions, engine: engine)
        var results: [TenantResult] = []
        var problems = RunProblems()
        // Everything this run reads, which --output must not replace.
        var inputs = paths + extraFiles.filter { $0 != "-" } + RulesDirectory.files(rulesDirectory) + runSuppressions.files
        for path in runSuppressions.tenantPaths {
            // A bad path becomes a tenant saying so; the others are still audited.
            var bundle = engine.validated(RunProblems.loadTenant(path: path, explicit: explicit))
            problems.record(bundle)
            inputs += bundle.inputs.map(\.path)
            bundle.suppressions += runSuppressions.forTenant(path)
            let assessment = engine.assess(bundle, asOf: asOfDate)
            runSuppressions.used.formUnion(assessment.usedSuppressions)
            var findings = assessment.findings
            if let fixTexts { FixCommands.attach(to: &findings, bundle: bundle, catalog: engine.pack.catalog, texts: fixTexts, asOf: asOfDate) }
            results.append(TenantResult(bundle, assessment, findings: findings))
        }
        let report = AuditReport(asOf: asOfDay, tenants: results)
        let run = ReportRun(asOf: asOfDay, language: languageOption.language, rules: engine.pack.rules)
        try ReportWriter.write(report, format: format, run: run, to: outputOption.output, inputs: inputs, csvByteOrderMark: !csvNoBOM)
        // Not an exit-code change: an unused entry hides nothing.
        for note in runSuppressions.unused {
            Console.error("mgaudit: \(note.unusedWarning)")
        }
        for line in problems.lines {
            Console.error("mgaudit: \(line)")
        }
        if !problems.isEmpty { throw ExitCode(2) }
        if failOn.fails(report.summary) { throw ExitCode(1) }
    }
}

