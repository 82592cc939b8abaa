import Foundation
import Testing
@testable import MGAuditCore

@Suite struct TriageCatalogTests {
    @Test func everyEntryLoadsWithBothLanguagesAndAKnownCause() throws {
        let catalog = try TriageFixtures.catalog()
        #expect(catalog.entries.count >= 55)
        for entry in catalog.entries {
            #expect(!entry.summary.ja.isEmpty && !entry.summary.en.isEmpty, "\(entry.id) summary")
            #expect(!entry.check.ja.isEmpty && !entry.check.en.isEmpty, "\(entry.id) check")
            #expect(TriageCause.allCases.contains(entry.cause))
            if let step = entry.guideStep {
                #expect(step.ja.hasPrefix("OAuth クライアントID作成手順") || step.ja.hasPrefix("Microsoft 365のユーザリスト"), "\(entry.id)")
            }
        }
    }

    @Test func coversTheCodesOfEntraFacts() throws {
        let catalog = try TriageFixtures.catalog()
        let required = [50011, 500113, 900971, 7000215, 7000222, 7000218, 700016, 90002, 900023, 50194, 65001, 65004,
                        90094, 90008, 650056, 650057, 50020, 50034, 50105, 700054, 700051, 70011, 53003, 50076,
                        50126, 50058, 54005, 70008, 50173, 7000112, 500011, 900144]
        for code in required { #expect(catalog.entry(number: code) != nil, "AADSTS\(code)") }
        #expect(catalog.entry(for: "AADSTS50011")?.name == "InvalidReplyTo")
        #expect(catalog.entry(for: "aadsts7000222")?.cause == .expiredClientSecret)
        #expect(catalog.entry(for: "50000")?.retry == true)
        #expect(catalog.entry(for: "AADSTS1") == nil)
        #expect(catalog.entry(for: "hello") == nil)
    }

    @Test func badCatalogNamesFileAndLine() throws {
        let yaml = """
        codes:
          - code: 50011
            cause: not_a_cause
            summary: {ja: あ, en: a}
            check: {ja: い, en: b}
        """
        let error = try TriageFixtures.catalogError(yaml: yaml)
        #expect(error?.path.hasSuffix("aadsts.yaml") == true)
        #expect(error?.line == 3)
    }

    @Test func unknownCodeStillReportsIds() throws {
        let report = try Triage.run(text: "AADSTS99999999: new. Trace ID: 11111111-0000-4000-8000-000000000019 Timestamp: 2025-03-10 10:55:00Z",
                                    catalog: try TriageFixtures.catalog(), asOf: TriageFixtures.asOf)
        let result = try #require(report.errors.first)
        #expect(!result.known)
        #expect(result.cause == .unknown)
        #expect(result.error.code == "AADSTS99999999")
        #expect(result.error.traceId == "11111111-0000-4000-8000-000000000019")
        #expect(result.error.timestamp == "2025-03-10T10:55:00Z")
        let json = TriageJSONRenderer.render(report, language: .en)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let entry = try #require((object["errors"] as? [[String: Any]])?.first)
        #expect(entry["code"] as? String == "AADSTS99999999")
        #expect(entry["known"] as? Bool == false)
        #expect(entry["cause"] as? String == "unknown")
        #expect(entry["traceId"] as? String == "11111111-0000-4000-8000-000000000019")
    }

    @Test func explainRendersEntry() throws {
        let entry = try #require(try TriageFixtures.catalog().entry(for: "AADSTS50011"))
        let ja = CatalogEntryTextRenderer.render(entry, language: .ja)
        #expect(ja.hasPrefix("AADSTS50011 (InvalidReplyTo) — redirect_uri_mismatch\n"))
        #expect(ja.contains("OAuth クライアントID作成手順 6, 8"))
        #expect(ja.contains("uri-near-miss"))
        #expect(CatalogEntryTextRenderer.render(entry, language: .en).contains("OAuth client ID setup, steps 6 and 8"))
    }
}
