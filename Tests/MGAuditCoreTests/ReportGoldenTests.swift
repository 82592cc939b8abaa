import Foundation
import Testing
import MGAuditTestSupport
@testable import MGAuditCore

/// Whole reports compared byte for byte with `Fixtures/golden/` (see GoldenFile.swift to update).
@Suite struct ReportGoldenTests {
    static let renderers: [(ReportFormat, any ReportRenderer)] = [
        (.text, TextReport()),
        (.json, JSONReport(generatorVersion: "test")),
        (.html, HTMLReport(generatorVersion: "test")),
    ]

    @Test(arguments: Language.allCases, ReportFormat.allCases)
    func matchesGolden(language: Language, format: ReportFormat) throws {
        let renderer = try #require(Self.renderers.first { $0.0 == format }?.1)
        let output = try renderer.render(ReportFixture.report, language: language)
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
