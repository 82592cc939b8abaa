import Foundation
import MGAuditCLI
import MGAuditCore

/// Renders a report and sends it to stdout or, atomically, to `--output`.
enum ReportWriter {
    /// `inputs`: every file and folder the run read, which `-o` must not replace.
    static func write(_ report: AuditReport, format: ReportFormat, run: ReportRun, to output: String?, inputs: [String],
                      csvByteOrderMark: Bool = true) throws {
        let target = try OutputTarget.resolve(output, inputs: inputs)
        // Colour only when a person is looking at the terminal.
        let renderer = format.renderer(colour: target == .standardOutput && Console.wantsColour && format == .text,
                                       csvByteOrderMark: csvByteOrderMark)
        let sink = try sink(for: target)
        do {
            try ReportStream.write(report, renderer: renderer, run: run, to: sink)
        } catch let error as FileWriteError {
            sink.abandon()
            throw InputError(path: error.path, problem: error.problem)
        }
    }

    /// Any renderer's items (triage errors) through a stream to stdout or `-o`.
    static func write<Item, Totals>(_ items: [Item], renderer: any ReportRenderer<Item, Totals>, totals: Totals, run: ReportRun,
                                    to output: String?, inputs: [String] = []) throws {
        let sink = try sink(for: try OutputTarget.resolve(output, inputs: inputs))
        do {
            try renderer.write(items, totals: totals, run: run, to: sink)
        } catch let error as FileWriteError {
            sink.abandon()
            throw InputError(path: error.path, problem: error.problem)
        }
    }

    /// Where a report goes; every byte passes `Redaction.redact` on the way.
    static func sink(for target: OutputTarget) throws -> any ReportSink {
        switch target {
        case .standardOutput:
            return FileSink()
        case .file(let path):
            do {
                return try FileSink(path: path)
            } catch let error as FileWriteError {
                throw InputError(path: error.path, problem: error.problem)
            }
        }
    }

    /// Sends finished text to `-o` (refused when it is one of `inputs` or not a regular file).
    static func emit(_ text: String, to output: String?, inputs: [String] = []) throws {
        try emit(text, to: try OutputTarget.resolve(output, inputs: inputs))
    }

    /// Every report and triage text leaves the process through a sink, so this is where secret
    /// values and tokens are masked (`Redaction.redact`, as `ReportRenderer.output` does for library callers).
    static func emit(_ text: String, to target: OutputTarget) throws {
        let sink = try sink(for: target)
        do {
            try sink.write(text)
            try sink.finish()
        } catch let error as FileWriteError {
            sink.abandon()
            throw InputError(path: error.path, problem: error.problem)
        }
    }
}
