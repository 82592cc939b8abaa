/// The machine-readable report, schemaVersion 1 (see docs/json-schema.md): one JSON document,
/// written as a stream (the tenants as they come, the summary after them). Keys of each object are
/// sorted, so the same report always gives the same bytes.
public struct JSONReport: ReportRenderer, TenantBytesSharing {
    /// Overrides the run's generator version (tests pass a fixed value so golden files survive releases).
    public var generatorVersion: String?

    public init(generatorVersion: String? = nil) {
        self.generatorVersion = generatorVersion
    }

    public func begin(_ run: ReportRun) -> String {
        var json = JSONWriter(pretty: true)
        json.beginObject()
        json.field("asOf", run.asOf)
        json.key("generator")
        json.beginObject()
        json.field("name", "mgaudit")
        json.field("version", generatorVersion ?? run.generatorVersion)
        json.endObject()
        json.field("language", run.language.rawValue)
        json.field("schemaVersion", AuditReport.schemaVersion)
        return json.text + ",\n  \"tenants\" : ["
    }

    public func tenant(_ tenant: TenantResult, position: Int, run: ReportRun) -> String {
        String(decoding: tenantBytes(tenant, position: position, run: run), as: UTF8.self)
    }

    public func tenantBytes(_ tenant: TenantResult, position: Int, run: ReportRun) -> [UInt8] {
        var json = JSONWriter(pretty: true, level: 2)
        JSONOutput.write(tenant, run: run, to: &json)
        return Array("\n    ".utf8) + json.utf8
    }

    /// `tenantBytes` made from the tenant's JSON Lines line (which `batch` writes too): the line
    /// re-indented without `asOf` and `language`, the two members the line adds.
    func tenantBytes(_ tenant: TenantResult, position: Int, run: ReportRun, shared: TenantRenderings) -> [UInt8] {
        let line = shared.jsonLine(tenant, run: run)
        var out = Array("\n    ".utf8)
        out += line.withUnsafeBufferPointer { JSONWriter.prettyPrinted(compact: $0, level: 2, dropping: JSONLinesReport.addedKeys) }
        return out
    }

    public var separator: String { "," }

    public func end(_ totals: ReportTotals, run: ReportRun) -> String {
        // `summary` keeps its schema-1 shape (the severity counts); the rest of the totals is `totals`.
        var counts = JSONWriter(pretty: true, level: 1)
        counts.counts(totals.counts)
        var json = JSONWriter(pretty: true, level: 1)
        JSONOutput.write(totals, run: run, to: &json)
        return (totals.tenants == 0 ? "]" : "\n  ]") + ",\n  \"summary\" : " + counts.text + ",\n  \"totals\" : " + json.text + "\n}\n"
    }
}

/// JSON Lines (`batch --jsonl`, `check --format jsonl`): one tenant per line, compact, in the
/// `check` JSON tenant shape plus `asOf` and `language`, so that `mgaudit report` can merge the
/// files of several shards without anything beside them.
public struct JSONLinesReport: ReportRenderer, TenantBytesSharing {
    public init() {}

    public func begin(_ run: ReportRun) -> String { "" }

    public func tenant(_ tenant: TenantResult, position: Int, run: ReportRun) -> String {
        String(decoding: tenantBytes(tenant, position: position, run: run), as: UTF8.self)
    }

    public func tenantBytes(_ tenant: TenantResult, position: Int, run: ReportRun) -> [UInt8] {
        var line = Self.line(tenant, run: run)
        line.append(0x0A)
        return line
    }

    func tenantBytes(_ tenant: TenantResult, position: Int, run: ReportRun, shared: TenantRenderings) -> [UInt8] {
        var line = shared.jsonLine(tenant, run: run)
        line.append(0x0A)
        return line
    }

    /// The members a line has beside the `check` JSON tenant shape.
    static let addedKeys: Set<String> = ["asOf", "language"]

    /// The tenant's line without its line break.
    static func line(_ tenant: TenantResult, run: ReportRun) -> [UInt8] {
        var json = JSONWriter(pretty: false)
        // `asOf` sorts first: a line starts {"asOf":...
        JSONOutput.write(tenant, run: run, to: &json, first: { json in
            json.field("asOf", run.asOf)
        }, extra: { json in
            json.field("language", run.language.rawValue)
        })
        return json.utf8
    }

    public func end(_ totals: ReportTotals, run: ReportRun) -> String { "" }
}

/// The summary written beside a JSON Lines file (`results.summary.json`).
public struct JSONSummaryReport: ReportRenderer {
    public init() {}
    public func begin(_ run: ReportRun) -> String { "" }
    public func tenant(_ tenant: TenantResult, position: Int, run: ReportRun) -> String { "" }
    public func end(_ totals: ReportTotals, run: ReportRun) -> String {
        var json = JSONWriter(pretty: true)
        json.beginObject()
        json.field("asOf", run.asOf)
        json.field("language", run.language.rawValue)
        json.field("schemaVersion", AuditReport.schemaVersion)
        json.key("summary")
        JSONOutput.write(totals, run: run, to: &json)
        json.endObject()
        return json.text + "\n"
    }
}

/// What the renderers of one tenant can share (`batch` renders every format of a tenant on one
/// worker): the tenant's compact JSON line, made once for the JSON Lines and the JSON report.
final class TenantRenderings {
    private var line: [UInt8]?

    func jsonLine(_ tenant: TenantResult, run: ReportRun) -> [UInt8] {
        if let line { return line }
        let made = JSONLinesReport.line(tenant, run: run)
        line = made
        return made
    }
}

/// A renderer whose tenant text can be made from `TenantRenderings` (the same bytes as `tenantBytes`).
protocol TenantBytesSharing: Sendable {
    func tenantBytes(_ tenant: TenantResult, position: Int, run: ReportRun, shared: TenantRenderings) -> [UInt8]
}
