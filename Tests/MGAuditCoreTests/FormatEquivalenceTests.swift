import Foundation
import Testing
@testable import MGAuditCore

/// A registration exported in either portal format, UTF-16 or not, must give the same findings.
@Suite struct FormatEquivalenceTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func findings(_ name: String) throws -> [String] {
        let pack = try RulePackLoader.load(directory: root.appendingPathComponent("rules"))
        let bundle = try TenantLoader.load(path: root.appendingPathComponent("Tests/MGAuditCoreTests/Fixtures/manifests/\(name)").path)
        let asOf = try #require(EntraDate.parse("2026-12-01"))
        // Subjects of implicit-flag findings name the format's own field, so compare rule and severity.
        return try RuleEngine(pack: pack).audit(bundle, asOf: asOf).map { "\($0.rule):\($0.severity.rawValue)" }
    }

    @Test(arguments: ["aad.json", "graph-utf16le-crlf.json", "graph-utf8-bom.json", "graph-odata.json", "graph-list.json"])
    func sameFindingsAsTheGraphExport(name: String) throws {
        let reference = try Self.findings("graph.json")
        #expect(reference.contains("implicit-id-token-disabled:error"))
        #expect(reference.contains("secret-expired:error"))
        #expect(try Self.findings(name) == reference)
    }
}
