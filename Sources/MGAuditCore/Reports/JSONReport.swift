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
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(document)
        return String(decoding: data, as: UTF8.self) + "\n"
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
        var findings: [Item]
        var summary: SeverityCounts

        init(_ tenant: TenantResult, language: Language) {
            name = tenant.name
            inputs = tenant.inputs
            findings = ReportSupport.sorted(tenant.findings).map { Item($0, language: language) }
            summary = SeverityCounts(tenant.findings)
        }
    }

    private struct Item: Encodable {
        var rule: String
        var severity: Severity
        var subject: String
        var title: String
        var message: String
        var evidence: [String: EvidenceValue]
        var guideStep: String
        /// Additive: what to do, quoting the portal's labels; absent when the rule says nothing.
        var fix: String?

        init(_ finding: Finding, language: Language) {
            rule = finding.rule
            severity = finding.severity
            subject = finding.subject
            title = finding.title.text(language)
            message = finding.message.text(language)
            evidence = finding.evidence
            guideStep = finding.guideStep.text(language)
            fix = finding.fix?.text(language)
        }
    }
}
