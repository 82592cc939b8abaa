/// The machine-readable report, schemaVersion 1 (see docs/json-schema.md): one JSON document,
/// written as a stream (the tenants as they come, the summary after them). Keys of each object are
/// sorted, so the same report always gives the same bytes.
public struct JSONReport: ReportRenderer {
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
public struct JSONLinesReport: ReportRenderer {
    public init() {}

    public func begin(_ run: ReportRun) -> String { "" }

    public func tenant(_ tenant: TenantResult, position: Int, run: ReportRun) -> String {
        String(decoding: tenantBytes(tenant, position: position, run: run), as: UTF8.self)
    }

    public func tenantBytes(_ tenant: TenantResult, position: Int, run: ReportRun) -> [UInt8] {
        var json = JSONWriter(pretty: false)
        // `asOf` sorts first: a line starts {"asOf":...
        JSONOutput.write(tenant, run: run, to: &json, first: { json in
            json.field("asOf", run.asOf)
        }, extra: { json in
            json.field("language", run.language.rawValue)
        })
        var line = json.utf8
        line.append(0x0A)
        return line
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
