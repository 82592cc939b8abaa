import Foundation
import Testing
import MGAuditTestSupport
@testable import MGAuditCore

/// Whole reports compared byte for byte with `Fixtures/golden/` (see GoldenFile.swift to update).
@Suite struct ReportGoldenTests {
    /// A fixed generator version, so golden files survive releases.
    static func run(_ language: Language, hasBaseline: Bool = false) -> ReportRun {
        ReportRun(asOf: ReportFixture.report.asOf, language: language, generatorVersion: "test", rules: ReportFixture.rules,
                  hasBaseline: hasBaseline)
    }

    /// The formats that show rules, locations, suppressions and baseline changes, over the
    /// report that has them.
    static let baselineFormats: [ReportFormat] = [.sarif, .junit, .csv, .markdown]

    @Test(arguments: Language.allCases, ReportFormat.allCases)
    func matchesGolden(language: Language, format: ReportFormat) throws {
        let output = try format.renderer().render(ReportFixture.report, run: Self.run(language))
        try GoldenFile.check(output, against: "report.\(language.rawValue).\(format.fileExtension)")
    }

    @Test(arguments: Language.allCases, baselineFormats)
    func matchesBaselineGolden(language: Language, format: ReportFormat) throws {
        let output = try format.renderer().render(ReportFixture.withBaseline, run: Self.run(language, hasBaseline: true))
        try GoldenFile.check(output, against: "report-baseline.\(language.rawValue).\(format.fileExtension)")
    }

    @Test(arguments: ReportFormat.allCases)
    func sameInputSameBytes(format: ReportFormat) throws {
        let renderer = format.renderer()
        let first = try renderer.render(ReportFixture.report, language: .ja)
        let second = try renderer.render(ReportFixture.report, language: .ja)
        #expect(first == second)
        #expect(first.utf8.last == UInt8(ascii: "\n"))  // bytes: CSV ends with CRLF, one Character
    }
}
