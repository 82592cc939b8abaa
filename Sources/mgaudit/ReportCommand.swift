import ArgumentParser
import Foundation
import MGAuditCLI
import MGAuditCore

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Merge the JSON Lines of batch runs (shards) into one set of reports, without auditing again.",
        discussion: """
        Each file is one batch --jsonl output (each in tenant name order, as batch writes it); the \
        tenants of all files are merged in name order. A tenant in two files is an error \
        (overlapping shards). Texts stay in the language they were written in. Exit codes as batch.
        """
    )

    @Argument(help: "results.jsonl files of batch runs.")
    var results: [String]

    @OptionGroup var files: ReportFilesOption
    @OptionGroup var fail: FailOption

    @Option(help: "Folder of the rule pack whose rule descriptions SARIF and JUnit list (default: the bundled rules/).")
    var rules: String?

    @Flag(help: "No summary on stdout.")
    var quiet = false

    func run() throws {
        let rulesDirectory = try RulesDirectory.resolve(rules)
        let pack = try RulePackLoader.load(directory: rulesDirectory, examples: false)
        let merge = try ResultsMerge(paths: results)
        let outputs = try files.outputs()
        try outputs.check(inputs: results + RulesDirectory.files(rulesDirectory), folders: [])
        let run = ReportRun(asOf: merge.asOf ?? "", language: merge.language ?? .en, rules: pack.rules, hasBaseline: merge.hasBaseline)
        let streams = try RunStreams(outputs: outputs, files: files, run: run, quiet: quiet)
        var totals = ReportTotals()
        var position = 0
        do {
            while let tenant = try merge.next() {
                for stream in streams.streams { try stream.append(tenant) }
                totals.add(tenant, position: position)
                position += 1
            }
        } catch {
            for stream in streams.streams { stream.abandon() }
            throw error
        }
        try streams.finish(totals)
        if fail.fails(totals) { throw ExitCode(1) }
    }
}
