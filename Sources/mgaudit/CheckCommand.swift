import ArgumentParser
import Foundation
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
        let engine = try RuleEngine(pack: RulePackLoader.load(directory: rulesDirectory))
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
            results.append(TenantResult(name: bundle.name, inputs: bundle.inputs, findings: assessment.findings,
                                        suppressed: assessment.suppressed, secrets: SecretEnd.of(bundle.manifest)))
        }
        let report = AuditReport(asOf: asOfDay, tenants: results)
        let run = ReportRun(asOf: asOfDay, language: languageOption.language, rules: engine.pack.rules)
        try ReportWriter.write(report, format: format, run: run, to: outputOption.output, inputs: inputs)
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

/// The run-scope suppressions of `check`: `--suppressions FILE` and an `mgaudit.yml` given as a
/// path (`check DIR/*` lists it) hold for every tenant; the `mgaudit.yml` of the folder holding a
/// tenant folder holds for the tenants of that folder. Every file is read and its rule ids checked
/// before any tenant is audited: a broken one stops the run (exit 2, one line naming file and line).
struct RunSuppressions {
    /// The paths that are tenants: suppression files given as paths are not.
    var tenantPaths: [String] = []
    /// The suppression files read, which `--output` must not replace.
    var files: [String] = []
    /// Sources of the entries that matched a finding somewhere in the run.
    var used: Set<String> = []
    private var everyTenant: [Suppression] = []
    private var byFile: [String: [Suppression]] = [:]
    /// Tenant folder -> the run file beside it.
    private var besideFile: [String: String] = [:]
    private var all: [Suppression] = []

    init(paths: [String], option: String?, engine: RuleEngine) throws {
        var isFolder: ObjCBool = false
        var global = option.map { [$0] } ?? []
        var beside: [String: String] = [:]  // tenant folder -> its run file
        for path in paths {
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
            if exists, !isFolder.boolValue, SuppressionFile.isSuppressionFile(path) {
                global.append(path)
                continue
            }
            tenantPaths.append(path)
            if exists, isFolder.boolValue, let file = SuppressionFile.runFile(besideTenant: path) { beside[path] = file }
        }
        // The folder's file listed by DIR/* is the same file as the one beside its tenants: read once.
        global.removeAll { Set(beside.values).contains($0) }
        for file in Self.unique(global + tenantPaths.compactMap { beside[$0] }) {
            let entries = try SuppressionFile.load(path: file, scope: .run)
            try engine.validate(entries)
            files.append(file)
            byFile[file] = entries
            all += entries
        }
        everyTenant = Self.unique(global).flatMap { byFile[$0] ?? [] }
        besideFile = beside
    }

    /// The run-scope entries that hold for the tenant at `path`.
    func forTenant(_ path: String) -> [Suppression] {
        everyTenant + (besideFile[path].flatMap { byFile[$0] } ?? [])
    }

    /// The run's entries that matched no finding in any tenant.
    var unused: [SuppressionNote] { Suppression.unusedRunNotes(all, used: used) }

    private static func unique(_ files: [String]) -> [String] {
        var seen: Set<String> = []
        return files.filter { seen.insert($0).inserted }
    }
}
