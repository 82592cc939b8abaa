import ArgumentParser
import Foundation
import MGAuditCLI
import MGAuditCore

/// The report files of `batch` and `report`: one option per format, `--out-dir` for all of them.
struct ReportFilesOption: ParsableArguments {
    @Option(help: ArgumentHelp("JSON Lines: one tenant per line (and FILE's .summary.json beside it).", valueName: "file"))
    var jsonl: String?
    @Option(help: ArgumentHelp("One JSON document, the check --format json shape.", valueName: "file"))
    var json: String?
    @Option(help: ArgumentHelp("The HTML dashboard: totals, worst tenants, soonest secrets, every tenant.", valueName: "file"))
    var html: String?
    @Option(help: ArgumentHelp("SARIF 2.1.0 for GitHub code scanning.", valueName: "file"))
    var sarif: String?
    @Option(help: ArgumentHelp("JUnit XML: a test suite per tenant, a test case per rule.", valueName: "file"))
    var junit: String?
    @Option(help: ArgumentHelp("CSV, one row per finding (UTF-8 with BOM for Excel).", valueName: "file"))
    var csv: String?
    @Option(help: ArgumentHelp("A Markdown summary for a ticket or a CI job summary.", valueName: "file"))
    var markdown: String?
    @Option(name: .customLong("out-dir"), help: ArgumentHelp(
        "Write every format here: results.jsonl, results.json, report.html, results.sarif, junit.xml, findings.csv, summary.md.",
        valueName: "dir"))
    var outDir: String?
    @Flag(name: .customLong("csv-no-bom"), help: "Write the CSV without the UTF-8 byte order mark.")
    var csvNoBOM = false

    func outputs() throws -> BatchOutputs {
        try BatchOutputs.make(explicit: [(.jsonl, jsonl), (.json, json), (.html, html), (.sarif, sarif), (.junit, junit),
                                         (.csv, csv), (.markdown, markdown)], outDir: outDir)
    }

    func renderer(_ format: ReportFormat) -> AuditRenderer {
        format.renderer(csvByteOrderMark: !csvNoBOM)
    }
}

/// What makes the exit code 1, shared by `batch` and `report`.
struct FailOption: ParsableArguments {
    @Option(name: .customLong("fail-on"), help: "Lowest severity that makes the exit code 1.")
    var failOn: FailOn = .error

    @Flag(name: .customLong("fail-on-new"), help: "With --baseline: only new findings (at or above --fail-on) make the exit code 1.")
    var failOnNew = false

    func fails(_ totals: ReportTotals) -> Bool {
        failOn.fails(failOnNew ? totals.newCounts : totals.counts)
    }
}

extension Shard: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}

/// The streams of a run: one per report file (plus the JSON Lines summary), or the text summary on stdout.
struct RunStreams {
    var streams: [ReportStream] = []
    var renderers: [AuditRenderer] = []
    var sarifPaths: [String] = []

    init(outputs: BatchOutputs, files: ReportFilesOption, run: ReportRun, quiet: Bool) throws {
        func add(_ renderer: AuditRenderer, sink: any ReportSink) throws {
            streams.append(try ReportStream(renderer: renderer, run: run, sink: sink))
            renderers.append(renderer)
        }
        try outputs.prepare()
        do {
            for target in outputs.targets {
                try add(files.renderer(target.format), sink: try FileSink(path: target.path))
                if target.format == .jsonl {
                    try add(JSONSummaryReport(), sink: try FileSink(path: BatchOutputs.summaryPath(besideJSONLines: target.path)))
                }
                if target.format == .sarif { sarifPaths.append(target.path) }
            }
            if outputs.targets.isEmpty, !quiet {
                try add(TextReport(colour: Console.wantsColour, summaryOnly: true), sink: FileSink())
            }
        } catch let error as FileWriteError {
            for stream in streams { stream.abandon() }
            throw InputError(path: error.path, problem: error.problem)
        }
    }

    func finish(_ totals: ReportTotals) throws {
        do {
            for stream in streams { try stream.finish(totals) }
        } catch let error as FileWriteError {
            for stream in streams { stream.abandon() }
            throw InputError(path: error.path, problem: error.problem)
        }
        // GitHub code scanning refuses a run over its caps: say so now, not at upload time.
        for path in sarifPaths {
            let gzipBytes = (try? GzipSize.ofFile(atPath: path, exactAbove: SARIFReport.githubGzipByteLimit)) ?? 0
            for line in SARIFReport.githubLimitProblems(resultCount: SARIFReport.resultCount(totals), gzipBytes: gzipBytes, path: path) {
                Console.error("mgaudit: warning: \(line)")
            }
        }
    }
}

/// `done/total, rate, ETA` on stderr, redrawn at most ten times a second, only on a terminal.
final class ProgressLine {
    private let enabled: Bool
    private let start = Date()
    private var last = Date.distantPast
    private var drawn = false

    init(enabled: Bool) { self.enabled = enabled && Console.stderrIsTerminal }

    func update(done: Int, total: Int) {
        guard enabled else { return }
        let now = Date()
        guard done == total || now.timeIntervalSince(last) >= 0.1 else { return }
        last = now
        let elapsed = max(now.timeIntervalSince(start), 0.001)
        let rate = Double(done) / elapsed
        let eta = rate > 0 ? Double(total - done) / rate : 0
        let line = "mgaudit: \(done)/\(total) tenants, \(Int(rate.rounded()))/s, ETA \(Int(eta.rounded())) s"
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
        drawn = true
    }

    /// A stderr line (`Console.error`), on a line of its own even while the progress line is drawn.
    func message(_ line: String) {
        if drawn {
            FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
            last = .distantPast
        }
        Console.error(line)
    }

    func end() {
        guard drawn else { return }
        FileHandle.standardError.write(Data("\n".utf8))
    }
}
