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
        var revision: String
        /// `listed`, `unnamed`, `renamed`, `added` or `dropped` against the newest page revision (see the TSV's head).
        var status: String
        var line: Int
    }

    static let statuses: Set<String> = ["listed", "unnamed", "renamed", "added", "dropped"]

    /// Codes support meets that the reference page leaves out.
    static let fieldCodes = [9002325, 9002326, 9002327, 700051, 500112, 500113, 500201, 900941]

    static func documented() throws -> [DocumentedCode] {
        let url = TriageFixtures.repoRoot.appendingPathComponent("rules/aadsts-documented.tsv")
        let text = try TextDecoding.read(url).text
        var codes: [DocumentedCode] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        where !line.isEmpty && !line.hasPrefix("#") {
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard columns.count == 4, let code = Int(columns[0]), columns[2].count == 40,
                  columns[2].allSatisfy(\.isHexDigit), statuses.contains(columns[3]) else {
                Issue.record("aadsts-documented.tsv line \(index + 1): expected code, name, revision, status")
                continue
            }
            codes.append(DocumentedCode(code: code, name: columns[1].isEmpty ? nil : columns[1], revision: columns[2],
                                        status: columns[3], line: index + 1))
        }
        return codes
    }

    @Test func everyDocumentedCodeIsInTheCatalogWithTexts() throws {
        let catalog = try TriageFixtures.catalog()
        let documented = try Self.documented()
        #expect(documented.count >= 345)
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

    /// The newest revision's codes (`added`) carry that revision; a code the newest revision dropped stays listed.
    @Test func revisionsAreRecordedPerRow() throws {
        let documented = try Self.documented()
        let revisions = Set(documented.map(\.revision))
        #expect(revisions.count >= 2, "rows from both page revisions")
        let added = documented.filter { $0.status == "added" }
        #expect(!added.isEmpty)
        #expect(Set(added.map(\.revision)).count == 1, "added codes carry the newest revision only")
        #expect(documented.contains { $0.code == 650059 && $0.status == "added" })
        for item in documented where item.status == "unnamed" || item.status == "dropped" {
            #expect(!added.contains { $0.revision == item.revision }, "AADSTS\(item.code) names the older revision")
        }
    }

    /// The check above fails when a documented code is missing from the catalog (guards against a test that
    /// cannot fail): a catalog without one documented code is reported.
    @Test func droppingACodeIsNoticed() throws {
        let url = TriageFixtures.repoRoot.appendingPathComponent("rules/aadsts.yaml")
        let text = try TextDecoding.read(url).text
        let marker = "  - code: 650059\n"
        guard let start = text.range(of: marker) else {
            Issue.record("aadsts.yaml has no entry for 650059")
            return
        }
        let rest = text[start.upperBound...]
        let end = rest.range(of: "\n  - code: ")?.lowerBound ?? rest.range(of: "\n  # ----")?.lowerBound ?? rest.endIndex
        let trimmed = String(text[..<start.lowerBound]) + String(rest[end...].drop { $0 == "\n" })
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("triage-coverage-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent(AADSTSCatalog.fileName)
        try Data(trimmed.utf8).write(to: file)
        let catalog = try AADSTSCatalog.load(file: file)
        #expect(catalog.entry(number: 650059) == nil)
        let missing = try Self.documented().filter { catalog.entry(number: $0.code) == nil }.map(\.code)
        #expect(missing == [650059])
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
