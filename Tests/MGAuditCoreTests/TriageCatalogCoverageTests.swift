import Foundation
import Testing
@testable import MGAuditCore

/// The catalog covers Microsoft's documented list (`rules/aadsts-documented.tsv`) and the field codes,
/// and routes every code to who fixes it. Catches a code dropped or a name mistyped when the list is
/// refreshed from a newer page revision.
@Suite struct TriageCatalogCoverageTests {
    /// One line of `aadsts-documented.tsv`.
    struct DocumentedCode {
        var code: Int
        var name: String?
        var line: Int
    }

    /// Codes support meets that the reference page leaves out.
    static let fieldCodes = [9002325, 9002326, 9002327, 700051, 500112, 500113, 500201, 900941]

    static func documented() throws -> [DocumentedCode] {
        let url = TriageFixtures.repoRoot.appendingPathComponent("rules/aadsts-documented.tsv")
        let text = try TextDecoding.read(url).text
        var codes: [DocumentedCode] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        where !line.isEmpty && !line.hasPrefix("#") {
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard columns.count == 3, let code = Int(columns[0]), columns[2].count == 40 else {
                Issue.record("aadsts-documented.tsv line \(index + 1): expected code, name, revision")
                continue
            }
            codes.append(DocumentedCode(code: code, name: columns[1].isEmpty ? nil : columns[1], line: index + 1))
        }
        return codes
    }

    @Test func everyDocumentedCodeIsInTheCatalogWithTexts() throws {
        let catalog = try TriageFixtures.catalog()
        let documented = try Self.documented()
        #expect(documented.count >= 300)
        #expect(Set(documented.map(\.code)).count == documented.count, "a code listed twice in the TSV")
        for item in documented {
            guard let entry = catalog.entry(number: item.code) else {
                Issue.record("AADSTS\(item.code) (tsv line \(item.line)) is not in aadsts.yaml")
                continue
            }
            for text in [entry.summary, entry.check] {
                #expect(!text.ja.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "\(entry.id) ja")
                #expect(!text.en.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "\(entry.id) en")
            }
        }
    }

    @Test func namesMatchTheDocumentedNames() throws {
        let catalog = try TriageFixtures.catalog()
        for item in try Self.documented() {
            guard let entry = catalog.entry(number: item.code), let name = entry.name else { continue }
            #expect(name == item.name, "AADSTS\(item.code): catalog says \(name), the page \(item.name ?? "nothing")")
        }
    }

    @Test func ruleLinksExistInThePack() throws {
        let catalog = try TriageFixtures.catalog()
        let ids = Set(try RulesFixture.pack().rules.map(\.id))
        for entry in catalog.entries {
            for rule in entry.rules { #expect(ids.contains(rule), "\(entry.id) names unknown rule \(rule)") }
        }
    }

    @Test func everyEntrySaysWhoFixesIt() throws {
        let catalog = try TriageFixtures.catalog()
        for entry in catalog.entries {
            #expect((entry.fixedBy == .customerAdmin) == (entry.adminRole != nil), "\(entry.id) fixedBy/adminRole")
        }
        // Consent to Graph application permissions needs more than an application administrator.
        #expect(catalog.entry(number: 65001)?.adminRole == .privilegedRoleAdministrator)
        #expect(catalog.entry(number: 50011)?.fixedBy == .customerAdmin)
        #expect(catalog.entry(number: 50000)?.fixedBy == .microsoft)
        #expect(catalog.entry(number: 75005)?.inSetup == false)
    }

    @Test func fieldCodesArePresent() throws {
        let catalog = try TriageFixtures.catalog()
        for code in Self.fieldCodes { #expect(catalog.entry(number: code) != nil, "AADSTS\(code)") }
        #expect(catalog.entry(number: 9002327)?.rules.contains("uri-wrong-platform") == true)
    }

    @Test func noCodeIsListedTwice() throws {
        let url = TriageFixtures.repoRoot.appendingPathComponent("rules/aadsts.yaml")
        let text = try TextDecoding.read(url).text
        let codes = text.split(separator: "\n").compactMap { line -> Substring? in
            line.hasPrefix("  - code: ") ? line.dropFirst("  - code: ".count) : nil
        }
        #expect(codes.count == Set(codes).count)
        #expect(codes.count == (try TriageFixtures.catalog()).entries.count)
    }

    @Test func entryWithoutFixedByNamesFileAndLine() throws {
        let cases: [(yaml: String, line: Int)] = [
            ("""
            codes:
              - code: 50011
                cause: redirect_uri_mismatch
                inSetup: true
                summary: {ja: あ, en: a}
                check: {ja: い, en: b}
            """, 2),
            ("""
            codes:
              - code: 50011
                cause: redirect_uri_mismatch
                fixedBy: customer-admin
                inSetup: true
                summary: {ja: あ, en: a}
                check: {ja: い, en: b}
            """, 4),
        ]
        for (yaml, line) in cases {
            let error = try TriageFixtures.catalogError(yaml: yaml)
            #expect(error?.path.hasSuffix("aadsts.yaml") == true)
            // The entry's line (a missing key) or the key's own line (a wrong combination).
            let reported = error?.line ?? 0
            #expect(reported == line || reported == line - 1, "line \(reported)")
        }
    }
}
