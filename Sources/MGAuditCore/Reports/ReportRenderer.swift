/// A renderer turns an `AuditReport` into one output format. Each format lives in its own file
/// with one type conforming to this protocol, so adding a format (markdown, sarif, junit, csv,
/// ics) is one new file plus one case below.
public protocol ReportRenderer: Sendable {
    /// The whole report as text (UTF-8 when written), ending with a newline.
    func render(_ report: AuditReport, language: Language) throws -> String
}

extension ReportRenderer {
    /// The report as it may leave the process: rendered, then every secret value and token masked
    /// (`Redaction.redact`, which keeps JSON strings valid). Callers that write a report use this.
    public func output(_ report: AuditReport, language: Language) throws -> String {
        Redaction.redact(try render(report, language: language))
    }
}

/// The `--format` values of `check` and `batch`. Raw values are the CLI spelling.
public enum ReportFormat: String, CaseIterable, Sendable {
    case text
    case json
    case html

    /// The extension of a report file of this format, without the dot.
    public var fileExtension: String {
        switch self {
        case .text: "txt"
        case .json: "json"
        case .html: "html"
        }
    }

    /// The renderer for this format. `colour` only affects `text` (the CLI passes isatty).
    public func renderer(colour: Bool = false) -> any ReportRenderer {
        switch self {
        case .text: TextReport(colour: colour)
        case .json: JSONReport()
        case .html: HTMLReport()
        }
    }
}
