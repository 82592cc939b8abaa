import Foundation

/// SARIF 2.1.0 as GitHub code scanning accepts it (docs/formats.md): one run, one rule descriptor
/// per rule of the pack (`run.rules`), one result per finding, suppressed findings as results with
/// an external suppression. Written as a stream with `JSONWriter`: `begin` opens the run's
/// `results` array, each tenant adds its results, `end` closes the array and writes `tool` (keys
/// sorted, like every JSON mgaudit writes, so the same report always gives the same bytes).
///
/// GitHub rejects a whole file when one result has no location, so every result has one: the
/// finding's own, else the tenant's first input, else the tenant's name.
public struct SARIFReport: ReportRenderer {
    /// GitHub code scanning takes at most this many results in one run and rejects larger files.
    public static let githubResultLimit = 25_000
    /// GitHub code scanning's upload limit for the gzip-compressed file ("10 MB"; read as decimal
    /// megabytes, the smaller reading, so a file under it is under either).
    public static let githubGzipByteLimit = 10_000_000
    static let schemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    /// The `partialFingerprints` key: mgaudit's own fingerprint, versioned so a new scheme can sit beside it.
    static let fingerprintKey = "mgaudit/v1"
    /// GitHub's bound on `shortDescription` and `fullDescription`.
    static let descriptionLimit = 1024

    public init() {}

    public func begin(_ run: ReportRun) -> String {
        var schema = ""
        JSONWriter.appendString(Self.schemaURI, to: &schema)
        return "{\n  \"$schema\" : \(schema),\n  \"runs\" : [\n    {\n      \"results\" : ["
    }

    /// The tenant's results, each starting on its own line, joined by commas (`separator` goes
    /// between tenants; a tenant with no results returns "" and gets none).
    public func tenant(_ tenant: TenantResult, position: Int, run: ReportRun) -> String {
        let indexes = run.ruleIndex
        var results: [String] = []
        for finding in ReportSupport.sorted(tenant.findings) {
            results.append(result(finding, suppression: nil, tenant: tenant, indexes: indexes, run: run))
        }
        for suppressed in tenant.suppressed {
            results.append(result(suppressed.finding, suppression: suppressed, tenant: tenant, indexes: indexes, run: run))
        }
        return results.map { "\n        " + $0 }.joined(separator: ",")
    }

    public var separator: String { "," }

    public func end(_ totals: ReportTotals, run: ReportRun) -> String {
        let resultCount = Self.resultCount(totals)
        var json = JSONWriter(pretty: true, level: 3)
        tool(run, totals: totals, to: &json)
        return (resultCount == 0 ? "]" : "\n      ]") + ",\n      \"tool\" : " + json.text
            + "\n    }\n  ],\n  \"version\" : \"2.1.0\"\n}\n"
    }

    // MARK: GitHub's limits

    /// How many results the file holds: every active and every suppressed finding.
    public static func resultCount(_ totals: ReportTotals) -> Int {
        totals.counts.error + totals.counts.warning + totals.counts.info + totals.suppressed
    }

    /// One English line for standard error per GitHub code scanning limit the file exceeds (none
    /// when it may be uploaded). `gzipBytes`: the file's gzip-compressed size (`GzipSize`).
    public static func githubLimitProblems(resultCount: Int, gzipBytes: Int, path: String = "results.sarif") -> [String] {
        var problems: [String] = []
        if resultCount > githubResultLimit {
            problems.append("\(path): \(grouped(resultCount)) results; GitHub code scanning accepts at most "
                + "\(grouped(githubResultLimit)) per run and rejects the whole file (split the tenants over several runs, "
                + "or use the JSON or CSV report)")
        }
        if gzipBytes > githubGzipByteLimit {
            problems.append("\(path): \(grouped(gzipBytes)) bytes gzip-compressed; GitHub code scanning accepts at most "
                + "\(grouped(githubGzipByteLimit)) bytes (10 MB) and rejects the whole file (split the tenants over "
                + "several runs, or use the JSON or CSV report)")
        }
        return problems
    }

    /// `31204` as "31,204".
    static func grouped(_ number: Int) -> String {
        let digits = String(number.magnitude)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out += "," }
            out.append(digit)
        }
        return (number < 0 ? "-" : "") + out
    }

    // MARK: results

    /// SARIF's three levels; mgaudit's `info` is SARIF's `note`.
    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .info: "note"
        }
    }

    private func result(_ finding: Finding, suppression: SuppressedFinding?, tenant: TenantResult,
                        indexes: [String: Int], run: ReportRun) -> String {
        var json = JSONWriter(pretty: true, level: 4)
        json.beginObject()
        json.field("level", Self.level(finding.severity))
        json.key("locations")
        json.beginArray()
        json.beginObject()
        json.key("physicalLocation")
        json.beginObject()
        json.key("artifactLocation")
        json.beginObject()
        json.field("uri", Self.uri(forPath: finding.location?.path ?? tenant.inputs.first?.path ?? tenant.name))
        json.endObject()
        if let line = finding.location?.line, line >= 1 {
            json.key("region")
            json.beginObject()
            json.field("startLine", line)
            json.endObject()
        }
        json.endObject()
        json.endObject()
        json.endArray()
        Self.textObject("message", Self.nonEmpty(ReportSupport.prose(finding.message.text(run.language)),
                                                 ReportSupport.prose(finding.title.text(run.language)), finding.rule), to: &json)
        json.key("partialFingerprints")
        json.beginObject()
        // The engine always sets one; a finding made elsewhere gets the same value computed here,
        // because GitHub refuses a result without fingerprints.
        json.field(Self.fingerprintKey, finding.fingerprint.isEmpty
            ? Fingerprint.of(tenant: tenant.name, rule: finding.rule, subject: finding.subject) : finding.fingerprint)
        json.endObject()
        json.key("properties")
        json.beginObject()
        json.optionalField("change", finding.change?.rawValue)
        json.field("subject", finding.subject)
        json.field("tenant", tenant.name)
        json.endObject()
        json.field("ruleId", finding.rule)
        if let index = indexes[finding.rule] { json.field("ruleIndex", index) }
        if let suppression {
            json.key("suppressions")
            json.beginArray()
            json.beginObject()
            json.field("justification", suppression.reason)
            json.field("kind", "external")
            json.endObject()
            json.endArray()
        }
        json.endObject()
        return json.text
    }

    /// A path as a URI reference (RFC 3986): a relative path stays relative (GitHub resolves it
    /// against the repository root), an absolute one becomes a `file://` URI. Every byte other
    /// than the unreserved characters and `/` is percent-encoded, so a space, `#`, `%`, `:` or a
    /// Japanese file name cannot change what the URI means.
    static func uri(forPath path: String) -> String {
        var relative = Substring(path)
        while relative.hasPrefix("./") { relative = relative.dropFirst(2) }
        let absolute = relative.hasPrefix("/")
        var out = absolute ? "file://" : ""
        for byte in relative.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                 UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" : "") + hex
            }
        }
        return out
    }

    /// GitHub refuses empty strings for required properties: the first non-empty candidate.
    static func nonEmpty(_ candidates: String...) -> String {
        candidates.first { candidate in
            // A first byte that is printable ASCII settles it without Foundation's trimming.
            if let first = candidate.utf8.first, first > 0x20, first < 0x7F { return true }
            return !candidate.isBlank
        } ?? "-"
    }

    // MARK: tool

    /// The driver and its rules: the pack's, then a bare descriptor (the id as every text) for
    /// each rule a finding names that `run.rules` lacks (a report rendered without its pack), so
    /// every `ruleId` is a rule of the run, as GitHub requires.
    private func tool(_ run: ReportRun, totals: ReportTotals, to json: inout JSONWriter) {
        let labels = ReportLabels(language: run.language)
        let language = run.language
        json.beginObject()
        json.key("driver")
        json.beginObject()
        json.field("name", "mgaudit")
        json.key("rules")
        json.beginArray()
        for rule in run.rules {
            let title = ReportSupport.prose(rule.title.text(language))
            let description = ReportSupport.prose(rule.description.text(language))
            let message = ReportSupport.prose(rule.message.text(language))
            let fix = ReportSupport.prose(rule.fix.text(language))
            let step = ReportSupport.prose(rule.guideStep.text(language))
            json.beginObject()
            json.key("defaultConfiguration")
            json.beginObject()
            json.field("level", Self.level(rule.severity))
            json.endObject()
            Self.textObject("fullDescription", Self.truncated(Self.nonEmpty(description, message, title, rule.id)), to: &json)
            json.key("help")
            json.beginObject()
            json.field("markdown", Self.nonEmpty(Self.helpMarkdown(fix: fix, step: step, labels: labels), MarkdownText.escape(title), rule.id))
            json.field("text", Self.nonEmpty(Self.helpText(fix: fix, step: step, labels: labels), title, rule.id))
            json.endObject()
            json.field("id", rule.id)
            Self.textObject("shortDescription", Self.truncated(Self.nonEmpty(title, rule.id)), to: &json)
            json.endObject()
        }
        let known = Set(run.rules.map(\.id))
        for id in totals.byRule.keys.sorted() where !known.contains(id) {
            guard let tally = totals.byRule[id] else { continue }
            json.beginObject()
            json.key("defaultConfiguration")
            json.beginObject()
            json.field("level", Self.level(tally.severity))
            json.endObject()
            Self.textObject("fullDescription", id, to: &json)
            Self.textObject("help", id, to: &json)
            json.field("id", id)
            Self.textObject("shortDescription", id, to: &json)
            json.endObject()
        }
        json.endArray()
        json.field("version", run.generatorVersion)
        json.endObject()
        json.endObject()
    }

    /// `"key" : {"text" : value}`, SARIF's message shape.
    static func textObject(_ key: String, _ value: String, to json: inout JSONWriter) {
        json.key(key)
        json.beginObject()
        json.field("text", value)
        json.endObject()
    }

    static func helpText(fix: String, step: String, labels: ReportLabels) -> String {
        var lines: [String] = []
        if !fix.isEmpty { lines.append("\(labels.remedy): \(fix)") }
        if !step.isEmpty { lines.append("\(labels.fix): \(step)") }
        return lines.joined(separator: "\n")
    }

    static func helpMarkdown(fix: String, step: String, labels: ReportLabels) -> String {
        var paragraphs: [String] = []
        if !fix.isEmpty { paragraphs.append("**\(labels.remedy):** \(MarkdownText.escape(fix))") }
        if !step.isEmpty { paragraphs.append("**\(labels.fix):** \(MarkdownText.escape(step))") }
        return paragraphs.joined(separator: "\n\n")
    }

    /// At most `descriptionLimit` characters, an ellipsis marking a cut.
    static func truncated(_ text: String) -> String {
        text.count <= descriptionLimit ? text : String(text.prefix(descriptionLimit - 1)) + "…"
    }
}
