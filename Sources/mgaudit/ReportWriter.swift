import Foundation
import MGAuditCore

/// Renders a report and sends it to stdout or, atomically, to `--output`.
enum ReportWriter {
    /// `inputs`: every file and folder the run read, which `-o` must not replace.
    static func write(_ report: AuditReport, format: ReportFormat, language: Language, to output: String?, inputs: [String]) throws {
        let target = try OutputTarget.resolve(output, inputs: inputs)
        // Colour only when a person is looking at the terminal.
        let renderer = format.renderer(colour: target == .standardOutput && Console.wantsColour && format == .text)
        try emit(try renderer.render(report, language: language), to: target)
    }

    /// Sends finished text to `-o` (refused when it is one of `inputs` or not a regular file).
    static func emit(_ text: String, to output: String?, inputs: [String] = []) throws {
        try emit(text, to: try OutputTarget.resolve(output, inputs: inputs))
    }

    /// Every report and triage text leaves the process here, so this is where secret values and
    /// tokens are masked (`Redaction.redact`, as `ReportRenderer.output` does for library callers).
    static func emit(_ text: String, to target: OutputTarget) throws {
        let text = Redaction.redact(text)
        switch target {
        case .standardOutput:
            Console.out(text)
        case .file(let path):
            do {
                try AtomicFile.write(Data(text.utf8), to: URL(fileURLWithPath: path))
            } catch let error as FileWriteError {
                throw InputError(path: error.path, problem: error.problem)
            }
        }
    }
}
