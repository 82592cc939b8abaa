/// What every renderer knows before the first tenant.
public struct ReportRun: Sendable {
    /// The day the audit is "as of", `YYYY-MM-DD` (UTC).
    public var asOf: String
    public var language: Language
    /// Shown in generator fields and footers; tests pass a fixed value so golden files survive releases.
    public var generatorVersion: String
    /// The rule pack's rules, in pack order (SARIF `tool.driver.rules`, JUnit test cases).
    public var rules: [Rule] { didSet { (ruleIds, ruleIndex, ruleIdAttributes) = Self.index(rules) } }
    /// The rules' ids in pack order, each once, and each id's first place in `rules`: made once
    /// per run, not per tenant.
    public private(set) var ruleIds: [String] = []
    public private(set) var ruleIndex: [String: Int] = [:]
    /// `ruleIds`, each as the UTF-8 of an XML attribute value (`XMLText.visibleAttribute`): JUnit
    /// names a test case after each rule in every tenant.
    private(set) var ruleIdAttributes: [[UInt8]] = []
    /// Whether findings were compared with a baseline run (`change`, `fixed` and new/fixed counts mean something).
    public var hasBaseline: Bool

    public init(asOf: String, language: Language, generatorVersion: String = MGAudit.version, rules: [Rule] = [],
                hasBaseline: Bool = false) {
        self.asOf = asOf
        self.language = language
        self.generatorVersion = generatorVersion
        self.rules = rules
        self.hasBaseline = hasBaseline
        (ruleIds, ruleIndex, ruleIdAttributes) = Self.index(rules)
    }

    static func index(_ rules: [Rule]) -> (ids: [String], index: [String: Int], attributes: [[UInt8]]) {
        var ids: [String] = []
        var index: [String: Int] = [:]
        for (position, rule) in rules.enumerated() where index[rule.id] == nil {
            index[rule.id] = position
            ids.append(rule.id)
        }
        return (ids, index, ids.map { Array(XMLText.visibleAttribute($0).utf8) })
    }
}

/// One output format, written as a stream: `begin` once, `tenant` once per item in report
/// order, `end` once, each returning the text to append. `check`, `batch`, `report` and `triage`
/// all drive renderers through `RenderStream`, so no format ever holds the whole report. An item
/// is a tenant's result for audit reports (`AuditRenderer`), one triaged error for triage.
///
/// `tenant` must not depend on earlier calls: `batch` renders tenants on its worker threads, ahead
/// of and out of order, and `RenderStream` writes them in order (with `separator` between them).
/// Whatever spans items is in `Totals` (`ReportTotals`), handed to `end` (and `overview`).
///
/// Every format lives in its own file with one type conforming to this protocol; adding a format
/// is one new file plus one case in `ReportFormat`.
public protocol ReportRenderer<Item, Totals>: Sendable {
    associatedtype Item: Sendable = TenantResult
    associatedtype Totals: Sendable = ReportTotals

    func begin(_ run: ReportRun) -> String
    /// `position`: 0-based place of the item in the report (anchors, row numbers).
    func tenant(_ tenant: Item, position: Int, run: ReportRun) -> String
    /// `tenant`'s text as UTF-8 bytes, what `RenderStream` writes: a renderer that builds bytes
    /// hands them over without making a String of them (default: `tenant`'s bytes).
    func tenantBytes(_ tenant: Item, position: Int, run: ReportRun) -> [UInt8]
    /// Written between two items that have text (JSON's comma); default none.
    var separator: String { get }
    func end(_ totals: Totals, run: ReportRun) -> String

    /// A format whose opening needs the totals (the HTML dashboard, a Markdown summary) returns
    /// true: `RenderStream` then holds the item texts in a spool file and writes `begin`,
    /// `overview`, every `indexRow`, `indexEnd`, the items, then `end`. Default false.
    var wantsOverviewFirst: Bool { get }
    func overview(_ totals: Totals, run: ReportRun) -> String
    /// One line of a table of every item, written after `overview` (spooled too).
    func indexRow(_ tenant: Item, position: Int, run: ReportRun) -> String
    func indexEnd(_ totals: Totals, run: ReportRun) -> String
}

/// A renderer of audit reports (`check`, `batch`, `report`).
public typealias AuditRenderer = any ReportRenderer<TenantResult, ReportTotals>

extension ReportRenderer {
    public func tenantBytes(_ tenant: Item, position: Int, run: ReportRun) -> [UInt8] {
        Array(self.tenant(tenant, position: position, run: run).utf8)
    }
    public var separator: String { "" }
    public var wantsOverviewFirst: Bool { false }
    public func overview(_ totals: Totals, run: ReportRun) -> String { "" }
    public func indexRow(_ tenant: Item, position: Int, run: ReportRun) -> String { "" }
    public func indexEnd(_ totals: Totals, run: ReportRun) -> String { "" }

    /// Every item through this renderer into `sink` (small reports: `check`, `triage`, tests).
    public func write(_ items: [Item], totals: Totals, run: ReportRun, to sink: any ReportSink) throws {
        let stream = try RenderStream(renderer: self, run: run, sink: sink)
        for item in items { try stream.append(item) }
        try stream.finish(totals)
    }

    /// The items as one string, exactly the bytes a stream writes, before masking.
    public func render(_ items: [Item], totals: Totals, run: ReportRun) throws -> String {
        let sink = StringSink(redacting: false)
        try write(items, totals: totals, run: run, to: sink)
        return sink.text
    }
}

extension ReportRenderer where Item == TenantResult, Totals == ReportTotals {
    /// The whole report as one string (tests, small reports), exactly the bytes `ReportStream`
    /// writes, before masking.
    public func render(_ report: AuditReport, run: ReportRun) throws -> String {
        try render(report.tenants, totals: ReportTotals(report.tenants), run: run)
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

    /// The renderer for this format. `colour` only affects `text` (the CLI passes isatty),
    /// `csvByteOrderMark` only `csv` (`--csv-no-bom`).
    public func renderer(colour: Bool = false, csvByteOrderMark: Bool = true) -> AuditRenderer {
        switch self {
        case .text: TextReport(colour: colour)
        case .json: JSONReport()
        case .jsonl: JSONLinesReport()
        case .html: HTMLReport()
        case .markdown: MarkdownReport()
        case .sarif: SARIFReport()
        case .junit: JUnitReport()
        case .csv: CSVReport(byteOrderMark: csvByteOrderMark)
        }
    }
}
