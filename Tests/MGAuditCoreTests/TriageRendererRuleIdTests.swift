import Foundation
import Testing
@testable import MGAuditCore

/// Renderers draw what a finding carries (its texts, `comparison`, `fix`); they never branch on
/// which rule made it. Scans every file of Sources/MGAuditCore/Reports for a quoted rule id.
@Suite struct TriageRendererRuleIdTests {
    typealias F = TriageFixtures

    /// The pack's ids: every id triage emits is one (`TriagePackCoverageTests`).
    static func ruleIds() throws -> Set<String> {
        let pack = try RulePackLoader.load(directory: F.repoRoot.appendingPathComponent("rules"), examples: false)
        return Set(pack.rules.map(\.id))
    }

    @Test func noRendererNamesARuleId() throws {
        let ids = try Self.ruleIds()
        #expect(ids.count > 20, "the pack was read")
        #expect(ids.contains("uri-near-miss") && ids.contains("client-id-mismatch"))
        let reports = F.repoRoot.appendingPathComponent("Sources/MGAuditCore/Reports")
        let files = try FileManager.default.contentsOfDirectory(atPath: reports.path).filter { $0.hasSuffix(".swift") }
        #expect(files.contains("TriageText.swift") && files.contains("TriageReply.swift"))
        for file in files {
            let source = try String(contentsOf: reports.appendingPathComponent(file), encoding: .utf8)
            for id in ids where source.contains("\"\(id)\"") {
                Issue.record("\(file) names the rule id \"\(id)\"; carry what the renderer needs on the finding instead")
            }
        }
    }

    /// The scan can fail: a source naming an id is caught.
    @Test func theScanCatchesAQuotedId() throws {
        let ids = try Self.ruleIds()
        let sample = "switch rule { case \"uri-near-miss\": break }"
        #expect(ids.contains { sample.contains("\"\($0)\"") })
    }
}
