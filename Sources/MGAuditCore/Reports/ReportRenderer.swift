/// What every renderer knows before the first tenant.
public struct ReportRun: Sendable {
    /// The day the audit is "as of", `YYYY-MM-DD` (UTC).
    public var asOf: String
    public var language: Language
    /// Shown in generator fields and footers; tests pass a fixed value so golden files survive releases.
    public var generatorVersion: String
    /// The rule pack's rules, in pack order (SARIF `tool.driver.rules`, JUnit test cases).
    public var rules: [Rule]
    /// Whether findings were compared with a baseline run (`change`, `fixed` and new/fixed counts mean something).
    public var hasBaseline: Bool

    public init(asOf: String, language: Language, generatorVersion: String = MGAudit.version, rules: [Rule] = [],
                hasBaseline: Bool = false) {
        self.asOf = asOf
        self.language = language
        self.generatorVersion = generatorVersion
        self.rules = rules
        self.hasBaseline = hasBaseline
    }
}

/// One output format, written as a stream: `begin` once, `tenant` once per tenant in report
/// order, `end` once, each returning the text to append. `check`, `batch` and `report` all drive
/// renderers through `ReportStream`, so no format ever holds the whole report.
///
/// `tenant` must not depend on earlier calls: `batch` renders tenants on its worker threads, ahead
/// of and out of order, and `ReportStream` writes them in order (with `separator` between them).
/// Whatever spans tenants is in `ReportTotals`, handed to `end` (and `overview`).
///
/// Every format lives in its own file with one type conforming to this protocol; adding a format
/// is one new file plus one case in `ReportFormat`.
public protocol ReportRenderer: Sendable {
    func begin(_ run: ReportRun) -> String
    /// `position`: 0-based place of the tenant in the report (anchors, row numbers).
    func tenant(_ tenant: TenantResult, position: Int, run: ReportRun) -> String
    /// Written between two tenants (JSON's comma); default none. A tenant whose text is empty gets
    /// none on either side (a SARIF tenant without results), so `tenant` may return "".
    var separator: String { get }
    func end(_ totals: ReportTotals, run: ReportRun) -> String

    /// A format whose opening needs the totals (the HTML dashboard, a Markdown summary) returns
    /// true: `ReportStream` then holds the tenant texts in a spool file and writes `begin`,
    /// `overview`, every `indexRow`, `indexEnd`, the tenants, then `end`. Default false.
    var wantsOverviewFirst: Bool { get }
    func overview(_ totals: ReportTotals, run: ReportRun) -> String
    /// One line of a table of every tenant, written after `overview` (spooled too).
    func indexRow(_ tenant: TenantResult, position: Int, run: ReportRun) -> String
    func indexEnd(_ totals: ReportTotals, run: ReportRun) -> String
}

extension ReportRenderer {
    public var separator: String { "" }
    public var wantsOverviewFirst: Bool { false }
    public func overview(_ totals: ReportTotals, run: ReportRun) -> String { "" }
    public func indexRow(_ tenant: TenantResult, position: Int, run: ReportRun) -> String { "" }
    public func indexEnd(_ totals: ReportTotals, run: ReportRun) -> String { "" }

    /// The whole report as one string (tests, small reports), exactly the bytes `ReportStream`
    /// writes, before masking.
    public func render(_ report: AuditReport, run: ReportRun) throws -> String {
        let sink = StringSink(redacting: false)
        try ReportStream.write(report, renderer: self, run: run, to: sink)
        return sink.text
    }

    public func render(_ report: AuditReport, language: Language) throws -> String {
        try render(report, run: ReportRun(asOf: report.asOf, language: language))
    }

    /// The report as it may leave the process: rendered, then every secret value and token masked
    /// (`Redaction.redact`, which keeps JSON strings valid). Callers that write a report use this.
    public func output(_ report: AuditReport, language: Language) throws -> String {
        Redaction.redact(try render(report, language: language))
    }
}

/// The `--format` values of `check`, and the files `batch --out-dir` writes. Raw values are the CLI spelling.
public enum ReportFormat: String, CaseIterable, Sendable {
    case text
    case json
    case jsonl
    case html
    case markdown
    case sarif
    case junit
    case csv

    /// The extension of a report file of this format, without the dot.
    public var fileExtension: String {
        switch self {
        case .text: "txt"
        case .json: "json"
        case .jsonl: "jsonl"
        case .html: "html"
        case .markdown: "md"
        case .sarif: "sarif"
        case .junit: "xml"
        case .csv: "csv"
        }
    }

    /// The renderer for this format. `colour` only affects `text` (the CLI passes isatty).
    public func renderer(colour: Bool = false) -> any ReportRenderer {
        switch self {
        case .text: TextReport(colour: colour)
        case .json: JSONReport()
        case .jsonl: JSONLinesReport()
        case .html: HTMLReport()
        case .markdown: MarkdownReport()
        case .sarif: SARIFReport()
        case .junit: JUnitReport()
        case .csv: CSVReport()
        }
    }
}
