import Foundation

/// The machine-readable report, schemaVersion 1 (see docs/json-schema.md). Keys are sorted and
/// the output pretty-printed, so the same report always gives the same bytes.
public struct JSONReport: ReportRenderer {
    /// Written as `generator.version`; tests pass a fixed value so golden files survive releases.
    public var generatorVersion: String

    public init(generatorVersion: String = MGAudit.version) {
        self.generatorVersion = generatorVersion
    }

    public func render(_ report: AuditReport, language: Language) throws -> String {
        let document = Document(
            schemaVersion: AuditReport.schemaVersion,
            generator: Generator(name: "mgaudit", version: generatorVersion),
            language: language.rawValue,
            asOf: report.asOf,
            tenants: report.tenants.map { Tenant($0, language: language) },
            summary: report.summary
        )
        return try JSONOutput.encode(document)
    }

    // The wire shape. Field names are the public interface: add fields, never rename or remove.

    private struct Document: Encodable {
        var schemaVersion: Int
        var generator: Generator
        var language: String
        var asOf: String
        var tenants: [Tenant]
        var summary: SeverityCounts
    }

    private struct Generator: Encodable {
        var name: String
        var version: String
    }

    private struct Tenant: Encodable {
        var name: String
        var inputs: [InputFile]
        var findings: [JSONOutput.Finding]
        var summary: SeverityCounts

        init(_ tenant: TenantResult, language: Language) {
            name = tenant.name
            inputs = tenant.inputs
            findings = ReportSupport.sorted(tenant.findings).map { JSONOutput.Finding($0, language: language) }
            summary = SeverityCounts(tenant.findings)
        }
    }
}
