import Foundation
import Testing
import MGAuditTestSupport
@testable import MGAuditCore

@Suite struct TriageRenderTests {
    typealias F = TriageFixtures

    func nearMissReport() throws -> TriageReport {
        let manifest = F.manifest(redirects: [RedirectURI(uri: F.uri1, platform: .web),
                                              RedirectURI(uri: "https://abc-mgf.cybermail.jp/mg-cgi/mglogin", platform: .web)])
        return try Triage.run(text: try F.sample("authorize-request-and-page-50011.txt"), catalog: try F.catalog(),
                              bundle: F.bundle(manifest), engine: try F.engine(), asOf: F.asOf)
    }

    @Test func markdownGolden() throws {
        let report = try nearMissReport()
        for language in Language.allCases {
            let markdown = TriageMarkdownRenderer.render(report, language: language)
            try GoldenFile.check(markdown, against: "near-miss-50011.\(language.rawValue).md", directory: "triage/golden")
        }
    }

    @Test func caretSitsUnderTheDifference() throws {
        let block = TriageMarkdownRenderer.uriBlock(requested: F.uri2, registered: "https://abc-mgf.cybermail.jp/mg-cgi/mglogin", expectedLabel: "requested", actualLabel: "registered")
        let lines = block.components(separatedBy: "\n")
        #expect(lines[5] == String(repeating: " ", count: 38) + "^")
        let invisible = TriageMarkdownRenderer.uriBlock(requested: F.uri2, registered: F.uri2 + "\u{3000}", expectedLabel: "requested", actualLabel: "registered")
        // The same caret logic as the check report: one caret per column of the escaped extra text.
        #expect(invisible.contains(F.uri2 + "⟨U+3000⟩\n" + String(repeating: " ", count: F.uri2.count) + "^^^^^^^^\n"))
        let diff = NearMissDiff(segments: URIExplainer.compare(expected: F.uri2, actual: F.uri2 + "\u{3000}").diff)
        #expect(invisible.contains("\n" + diff.caretLine + "\n"))
    }

    @Test func textGolden() throws {
        let report = try Triage.run(text: try F.sample("mailgates-oauth.log"), catalog: try F.catalog(), asOf: F.asOf)
        for language in Language.allCases {
            try GoldenFile.check(TriageTextRenderer.render(report, language: language), against: "log.\(language.rawValue).txt", directory: "triage/golden")
        }
    }

    @Test func jsonHasSpecShapeAndIsDeterministic() throws {
        let report = try nearMissReport()
        let json = TriageJSONRenderer.render(report, language: .ja)
        #expect(json == TriageJSONRenderer.render(try nearMissReport(), language: .ja))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["schemaVersion"] as? Int == 1)
        let error = try #require((object["errors"] as? [[String: Any]])?.first)
        #expect(error["code"] as? String == "AADSTS50011")
        #expect(error["known"] as? Bool == true)
        #expect(error["cause"] as? String == "redirect_uri_mismatch")
        #expect(error["message"] is String)
        for key in ["requestedRedirectUri", "clientId", "traceId", "correlationId", "timestamp", "occurrences", "firstSeen",
                    "lastSeen", "summary", "check", "guideStep"] {
            #expect(error.keys.contains(key), "\(key)")
        }
        let finding = try #require((error["findings"] as? [[String: Any]])?.first)
        // SPEC's finding keys, plus the additive ones `check --format json` has too.
        #expect(Set(["rule", "severity", "subject", "message", "evidence", "guideStep"]).isSubset(of: finding.keys))
        #expect(Set(finding.keys).isSubset(of: ["rule", "severity", "subject", "message", "evidence", "guideStep", "title", "fix"]))
        #expect(finding["guideStep"] as? String == "OAuth クライアントID作成手順 8")
        try GoldenFile.check(json, against: "near-miss-50011.ja.json", directory: "triage/golden")
    }
}
