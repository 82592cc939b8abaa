import Foundation
import Testing
@testable import MGAuditCore

@Suite struct ReportJSONTests {
    private func object(_ language: Language) throws -> [String: Any] {
        let text = try JSONReport(generatorVersion: "test").render(ReportFixture.report, language: language)
        let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return try #require(parsed as? [String: Any])
    }

    @Test func hasTheSpecShape() throws {
        let root = try object(.en)
        #expect(root["schemaVersion"] as? Int == 1)
        #expect(root["asOf"] as? String == "2025-04-01")
        #expect(root["language"] as? String == "en")
        // `summary` keeps its schema-1 shape; tenants, rules and suppressed counts are in `totals`.
        let summary = try #require(root["summary"] as? [String: Int])
        #expect(summary == ["error": 4, "warning": 2, "info": 1])
        let totals = try #require(root["totals"] as? [String: Any])
        #expect(totals["tenants"] as? Int == 3)
        let tenants = try #require(root["tenants"] as? [[String: Any]])
        #expect(tenants.map { $0["name"] as? String } == ["contoso", "fabrikam", "northwind"])
        let inputs = try #require(tenants.first?["inputs"] as? [[String: String]])
        #expect(inputs.first == ["path": "contoso/manifest.json", "kind": "manifest-microsoft-graph"])
        let finding = try #require((tenants.first?["findings"] as? [[String: Any]])?.first)
        for key in ["rule", "severity", "subject", "message", "evidence", "guideStep", "title"] {
            #expect(finding[key] != nil, "missing \(key)")
        }
        #expect(finding["rule"] as? String == "implicit-id-token-disabled")
        #expect(finding["guideStep"] as? String == "OAuth client ID setup, step 10")
    }

    @Test func textInTheChosenLanguageAndRawValues() throws {
        let root = try object(.ja)
        let tenants = try #require(root["tenants"] as? [[String: Any]])
        let findings = try #require(tenants.dropFirst().first?["findings"] as? [[String: Any]])
        let whitespace = try #require(findings.first { $0["rule"] as? String == "uri-whitespace" })
        #expect(whitespace["message"] as? String == "URI の末尾に全角スペースがあります。")
        // JSON carries input exactly once parsed, yet the file shows the invisible character as an escape.
        #expect((whitespace["subject"] as? String)?.hasSuffix("\u{3000}") == true)
        let evidence = try #require(whitespace["evidence"] as? [String: Any])
        #expect(evidence["character"] as? String == "\u{3000}")
        let text = try JSONReport(generatorVersion: "test").render(ReportFixture.report, language: .ja)
        #expect(!text.unicodeScalars.contains("\u{3000}"))
        #expect(text.contains(#"\u3000"#))
        #expect(text.contains("全角スペース"))
    }

    @Test func nearMissDiffKeptAsEvidence() throws {
        let root = try object(.en)
        let tenants = try #require(root["tenants"] as? [[String: Any]])
        let findings = try #require(tenants.first?["findings"] as? [[String: Any]])
        let nearMiss = try #require(findings.first { $0["rule"] as? String == "uri-near-miss" })
        let evidence = try #require(nearMiss["evidence"] as? [String: Any])
        let diff = try #require(evidence["diff"] as? [[String: String]])
        #expect(diff == [["op": "equal", "text": "https://abc"], ["op": "missing", "text": "-"],
                         ["op": "equal", "text": "mgf.cybermail.jp/mg-cgi/mg_login"]])
    }

    @Test func sortedKeysPrettyPrintedUnescapedSlashes() throws {
        let text = try JSONReport(generatorVersion: "test").render(ReportFixture.report, language: .en)
        #expect(text.hasPrefix("{\n"))
        #expect(text.hasSuffix("}\n"))
        #expect(text.contains("https://abc"))
        let asOf = try #require(text.range(of: "\"asOf\""))
        let schema = try #require(text.range(of: "\"schemaVersion\""))
        #expect(asOf.lowerBound < schema.lowerBound)
    }
}
