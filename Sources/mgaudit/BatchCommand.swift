import ArgumentParser
import Foundation
import MGAuditCLI
import MGAuditCore

struct BatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Audit every tenant folder of DIR in parallel and write the reports as a stream.",
        discussion: """
        Each sub-folder of DIR is a tenant (--list FILE names tenant folders instead, one per line). \
        Reports list tenants in name order whatever order they finish in; two runs give the same \
        bytes. A tenant that cannot be read gets its input finding and the others go on. \
        Exit 0: nothing at or above --fail-on; 1: findings (with --fail-on-new: new findings); \
        2: usage error or unreadable input (one stderr line each).
        """
    )

    @Argument(help: "The folder of tenant folders.")
    var dir: String

    @Option(help: ArgumentHelp("Audit the tenant folders this file names instead (relative to DIR).", valueName: "file"))
    var list: String?

    @Option(help: "Tenants audited at once (default: the number of cores).")
    var jobs: Int?

    @Option(help: ArgumentHelp("Audit only shard I of N (0 <= I < N), chosen by a stable hash of the tenant name.", valueName: "I/N"))
    var shard: Shard?

    @OptionGroup var files: ReportFilesOption

    @Option(help: ArgumentHelp("Renewal reminders for every client secret as an iCalendar file (as mgaudit calendar writes it).", valueName: "file"))
    var ics: String?

    @Option(name: .customLong("ics-window"), help: "With --ics: renew this many days before the end.")
    var icsWindow: Int = 60

    @Option(help: ArgumentHelp("The JSON Lines of an earlier run: mark findings new or unchanged and list the fixed ones.", valueName: "previous.jsonl"))
    var baseline: String?

    @Option(help: ArgumentHelp("A suppressions file (mgaudit.yml format) besides DIR/mgaudit.yml.", valueName: "file"))
    var suppressions: String?

    @OptionGroup var asOfOption: AsOfOption
    @OptionGroup var languageOption: LanguageOption
    @OptionGroup var fail: FailOption
    @OptionGroup var inputLimit: InputLimitOption

    @Option(help: "Folder of the rule pack to use instead of the bundled rules/.")
    var rules: String?

    @Flag(help: "No progress line and no summary on stdout.")
    var quiet = false

    func validate() throws {
        if let jobs, jobs < 1 || jobs > 1024 { throw ValidationError("--jobs must be between 1 and 1024") }
        if !(0...3650).contains(icsWindow) { throw ValidationError("--ics-window must be 0 to 3650 days") }
        if fail.failOnNew, baseline == nil { throw ValidationError("--fail-on-new needs --baseline") }
    }

    func run() throws {
        try inputLimit.apply { try audit() }
    }

    func audit() throws {
        let (asOfDate, asOfDay) = try asOfOption.resolve()
        let jobCount = jobs ?? ProcessInfo.processInfo.activeProcessorCount
        // The plan first, so that its first tenants are read while the rule pack loads (on a
        // second thread, when more than one job may run); its errors are still reported after
        // the rule pack's.
        let planned = Result { () throws -> (plan: BatchPlan, fleet: Int) in
            let whole = try list.map { try BatchPlan.listed(in: $0, root: dir) } ?? BatchPlan.folders(of: dir)
            return (shard.map { whole.shard($0) } ?? whole, whole.tenants.count)
        }
        let preloader = jobCount > 1 ? (try? planned.get()).map { TenantPreloader(plan: $0.plan) } : nil
        defer { preloader?.stop() }
        let rulesDirectory = try RulesDirectory.resolve(rules)
        let engine = try RuleEngine(pack: RulePackLoader.load(directory: rulesDirectory, examples: false))
        let (plan, fleet) = try planned.get()
        guard !plan.tenants.isEmpty else {
            let onlyFiles = list == nil && ((try? FileManager.default.contentsOfDirectory(atPath: dir))?.contains { !$0.hasPrefix(".") } ?? false)
            let what = list.map { _ in "names no tenant folder" }
                ?? (onlyFiles ? "holds no tenant folders, only files: for one tenant use mgaudit check \(dir)" : "holds no tenant folders")
            throw InputError(path: list ?? dir, problem: shard.map { "shard \($0) holds none of the \(fleet) tenants" } ?? what)
        }
        // DIR's folders: DIR's run file once; a --list: each folder's parent, as check does.
        let runSuppressions = if plan.foldersOf != nil, let first = plan.tenants.first {
            try RunSuppressions(everyTenantBeside: first.path, option: suppressions, engine: engine)
        } else {
            try RunSuppressions(paths: plan.tenants.map(\.path), option: suppressions, engine: engine)
        }
        let baselineData = try baseline.map { try Baseline.load(path: $0, tenants: Set(plan.tenants.map(\.name))) }
        var outputs = try files.outputs()
        if let ics { outputs.others.append(ics) }
        let calendar = try ics.map { _ in
            RenewalCalendar(texts: try CalendarTexts.load(directory: rulesDirectory), language: languageOption.language, window: icsWindow)
        }
        let inputs = [list, baseline].compactMap { $0 } + runSuppressions.files + RulesDirectory.files(rulesDirectory)
        let folders = [dir] + (list == nil ? [] : plan.tenants.map(\.path))
        try outputs.check(inputs: inputs, folders: folders)

        let run = ReportRun(asOf: asOfDay, language: languageOption.language, rules: engine.pack.rules, hasBaseline: baselineData != nil)
        let streams = try RunStreams(outputs: outputs, files: files, run: run, quiet: quiet)
        var audit = BatchRunner.Audit(engine: engine, asOf: asOfDate, run: run, renderers: streams.renderers,
                                     baseline: baselineData, suppressions: runSuppressions, calendar: calendar,
                                     fixTexts: try FixTexts.loadIfPresent(directory: rulesDirectory))
        preloader?.stop()
        audit.preloaded = preloader
        let calendarSink = try ics.map { try ReportWriter.sink(for: .file($0)) }
        let progress = ProgressLine(enabled: !quiet)
        let outcome = try BatchRunner(jobs: jobCount)
            .run(plan, audit: audit, streams: streams.streams, calendar: calendarSink, progress: { done, total, problems in
                for line in problems { progress.message("mgaudit: \(line)") }
                progress.update(done: done, total: total)
            }, notes: { lines in
                for line in lines { progress.message("mgaudit: " + VisibleText.terminal(line)) }
            })
        progress.end()
        try streams.finish(outcome.totals)
        // Not an exit-code change: an unused entry hides nothing.
        for note in outcome.totals.unusedSuppressions { Console.error("mgaudit: \(note.unusedWarning)") }
        if outcome.tenantsWithProblems > 0 { throw ExitCode(2) }
        if fail.fails(outcome.totals) { throw ExitCode(1) }
    }
}
