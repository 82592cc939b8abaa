import Foundation
@testable import MGAuditCore

/// Shared by the rule tests: the shipped pack, and bundles built from a rule's examples.
enum RulesFixture {
    static let rulesDirectory: URL = {
        RulePackLocator.defaultDirectory()
            ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("rules")
    }()

    /// Loaded once: the examples test has a case per example.
    private static let shipped = Result { try RulePackLoader.load(directory: rulesDirectory) }
    static func pack() throws -> RulePack { try shipped.get() }

    static func fixtureURL(_ name: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/rules/\(name)")
    }

    struct ProblemSpec: Decodable {
        var path: String
        var kind: InputProblem.Kind
        var detail: String
        var givenAs: InputRole?
        var found: InputKind?
    }

    struct SuppressionSpec: Decodable {
        var rule: String
        var tenant: String?
        var subject: String?
        var reason: String
        var until: String?
        var scope: Suppression.Scope?
        var line: Int?
        var path: String?
    }

    /// The tenant an example describes: its manifest fragment merged over the golden base and run
    /// through `ManifestParser` (so examples test the parser too), plus the other inputs given.
    static func bundle(for example: RuleExample, pack: RulePack, label: String) throws -> (TenantBundle, Date) {
        var bundle = TenantBundle(name: label)
        if example.withoutManifest != true {
            let fragment = example.manifest ?? .map([:])
            let merged: YAMLValue
            switch example.base ?? "graph" {
            case "graph": merged = (pack.exampleBase?.graph ?? .map([:])).merging(fragment)
            case "aad": merged = (pack.exampleBase?.aad ?? .map([:])).merging(fragment)
            case "none": merged = fragment
            case let other: throw InputError(path: pack.sourcePath, problem: "\(label): unknown example base '\(other)'")
            }
            // As TenantLoader does: the manifest's field problems become input problems.
            bundle.adopt(manifest: try ManifestParser.parse(data: merged.jsonData(), path: "\(label).json"), path: "\(label).json")
        }
        // Cleaned like every sheet that is read (wrappers stripped, sheet-value issues found).
        bundle.sheet = try example.sheet.map { SheetValueCleaner.cleanValues(of: try $0.decode(NotificationSheet.self), path: "sheet.yaml") }
        bundle.settings = try example.settings.map { try $0.decode(GatewaySettings.self) }
        bundle.consent = try example.consent.map { try $0.decode(ConsentState.self) }
        bundle.request = try example.request.map { try $0.decode(RequestContext.self) }
        bundle.problems += try example.problems.map { try $0.decode([ProblemSpec].self) }?
            .map { InputProblem(path: $0.path, kind: $0.kind, detail: $0.detail, givenAs: $0.givenAs, found: $0.found) } ?? []
        let suppressions = try example.suppressions.map { try $0.decode([SuppressionSpec].self) } ?? []
        bundle.suppressions = suppressions.enumerated().map { index, spec in
            Suppression(rule: spec.rule, tenant: spec.tenant, subject: spec.subject, reason: spec.reason, until: spec.until,
                        path: spec.path ?? "mgaudit.yml", line: spec.line ?? index + 1, scope: spec.scope ?? .tenant)
        }
        guard let day = example.asOf ?? pack.exampleAsOf, let asOf = AuditDate.parse(day) else {
            throw InputError(path: pack.sourcePath, problem: "\(label): no valid asOf")
        }
        return (bundle, asOf)
    }
}
