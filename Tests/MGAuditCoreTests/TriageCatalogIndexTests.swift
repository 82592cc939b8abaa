import Foundation
import Testing
@testable import MGAuditCore

/// `load(directory:)` indexes `aadsts.yaml` and decodes an entry when first asked for; the whole
/// file decoded at once must give the same catalog, and a broken entry must still be an error.
@Suite struct TriageCatalogIndexTests {
    static var file: URL { TriageFixtures.repoRoot.appendingPathComponent("rules").appendingPathComponent(AADSTSCatalog.fileName) }

    @Test func theShippedCatalogIsIndexedAndEqualsTheWholeFile() throws {
        let index = try #require(try CatalogIndex(file: Self.file), "rules/aadsts.yaml is not in the indexed layout")
        let whole = try AADSTSCatalog.load(file: Self.file)
        #expect(index.codes == whole.entries.map(\.code))
        for entry in whole.entries {
            #expect(try index.entry(entry.code) == entry, "code \(entry.code)")
        }
        let lazy = try TriageFixtures.catalog()
        try lazy.validate()
        #expect(lazy.entries == whole.entries)
        #expect(lazy.contains(number: 50011) && !lazy.contains(number: 1))
    }

    @Test func aBrokenEntryIsAnErrorWhenTriageMeetsIt() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("catalog-index-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let rules = TriageFixtures.repoRoot.appendingPathComponent("rules")
        for name in try FileManager.default.contentsOfDirectory(atPath: rules.path) {
            try FileManager.default.copyItem(at: rules.appendingPathComponent(name), to: dir.appendingPathComponent(name))
        }
        let file = dir.appendingPathComponent(AADSTSCatalog.fileName)
        var text = try String(contentsOf: file, encoding: .utf8)
        let entry = "  - code: 50011\n    name: InvalidReplyTo\n"
        let line = try #require(text.range(of: entry)).lowerBound
        let lineNumber = text[..<line].filter { $0 == "\n" }.count + 1
        text = text.replacingOccurrences(of: entry + "    error: invalid_request\n    cause: redirect_uri_mismatch\n",
                                         with: entry + "    error: invalid_request\n    cause: not_a_cause\n")
        try Data(text.utf8).write(to: file)
        let catalog = try AADSTSCatalog.load(directory: dir)
        // Other codes still read; the broken one is an error naming the file and its line.
        #expect(catalog.entry(number: 500113)?.cause == .noRedirectUriRegistered)
        let url = "https://app.example/cb?error=invalid_request&error_description=AADSTS50011%3A+The+redirect+URI"
        do {
            _ = try Triage.run(text: url, catalog: catalog, asOf: TriageFixtures.asOf)
            Issue.record("expected the broken entry to be refused")
        } catch let error as InputError {
            #expect(error.path == file.path)
            #expect(error.line.map { abs($0 - (lineNumber + 3)) <= 1 } == true, "line \(String(describing: error.line)), entry at \(lineNumber)")
        }
        #expect(throws: InputError.self) { try catalog.validate() }
    }

    @Test func anotherLayoutIsDecodedWhole() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("catalog-layout-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent(AADSTSCatalog.fileName)
        try Data("""
        codes:
        - code: 50011
          cause: redirect_uri_mismatch
          fixedBy: user
          inSetup: true
          summary: {ja: あ, en: a}
          check: {ja: い, en: b}
        """.utf8).write(to: file)
        #expect(try CatalogIndex(file: file) == nil)
        #expect(try AADSTSCatalog.load(file: file).entry(number: 50011)?.fixedBy == .user)
    }
}
