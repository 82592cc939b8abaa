import Foundation
import Testing
import MGAuditTestSupport
@testable import MGAuditCore

/// Whole reports compared byte for byte with `Fixtures/golden/` (see GoldenFile.swift to update).
@Suite struct ReportGoldenTests {
    /// A fixed generator version, so golden files survive releases.
    static func run(_ language: Language) -> ReportRun {
        ReportRun(asOf: ReportFixture.report.asOf, language: language, generatorVersion: "test")
    }

    @Test(arguments: Language.allCases, ReportFormat.allCases)
    func matchesGolden(language: Language, format: ReportFormat) throws {
        let output = try format.renderer().render(ReportFixture.report, run: Self.run(language))
        try GoldenFile.check(output, against: "report.\(language.rawValue).\(format.fileExtension)")
    }

    @Test(arguments: ReportFormat.allCases)
    func sameInputSameBytes(format: ReportFormat) throws {
        let renderer = format.renderer()
        let first = try renderer.render(ReportFixture.report, language: .ja)
        let second = try renderer.render(ReportFixture.report, language: .ja)
        #expect(first == second)
        #expect(first.hasSuffix("\n"))
    }
}
