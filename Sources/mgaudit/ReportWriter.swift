import Foundation
import MGAuditCore

/// Renders a report and sends it to stdout or, atomically, to `--output`.
enum ReportWriter {
    static func write(_ report: AuditReport, format: ReportFormat, language: Language, to output: String?) throws {
        // Colour only when a person is looking at the terminal.
        let renderer = format.renderer(colour: output == nil && Console.wantsColour && format == .text)
        try emit(try renderer.render(report, language: language), to: output)
    }

    static func emit(_ text: String, to output: String?) throws {
        guard let output else {
            Console.out(text)
            return
        }
        do {
            try AtomicFile.write(Data(text.utf8), to: URL(fileURLWithPath: output))
        } catch let error as FileWriteError {
            throw InputError(path: error.path, problem: error.problem)
        }
    }
}
