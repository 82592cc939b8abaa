import Foundation
import Testing
@testable import MGAuditCore

@Suite struct SheetStructuredTests {
    @Test func yamlWithPlainURI2AndNoKind() throws {
        let yaml = """
        uri1: \(SheetSamples.uri1)
        uri2: \(SheetSamples.uri2Main)
        """
        let sheet = try SheetSamples.parse(yaml, path: "s.yaml")
        #expect(sheet == NotificationSheet(uri1: SheetSamples.uri1, uri2: [.init(domain: nil, uri: SheetSamples.uri2Main)]))
    }

    /// Machine-made sheets are cleaned like pasted ones: blanks and wrappers around a value go,
    /// and the sheet's own stray character is recorded as the sheet's, never expected.
    @Test func valuesAreCleanedLikeEveryOtherSheetForm() throws {
        let yaml = """
        kind: mailgates-notification-sheet
        uri1: "<\(SheetSamples.uri1)> "
        uri2: ["\u{3000}\(SheetSamples.uri2Main)"]
        """
        let sheet = try SheetSamples.parse(yaml, path: "s.yaml")
        #expect(sheet.uri1 == SheetSamples.uri1)
        #expect(sheet.uri2.first?.uri == SheetSamples.uri2Main)
    }

    @Test func missingURI1() throws {
        #expect(throws: InputError(path: "s.yaml", problem: "no 「Microsoft 365_リダイレクトURI1」 found (key uri1)")) {
            try SheetSamples.parse("kind: mailgates-notification-sheet\nuri2: []\n", path: "s.yaml")
        }
        #expect(throws: InputError(path: "s.json", problem: "no 「Microsoft 365_リダイレクトURI1」 found (key uri1)")) {
            try SheetSamples.parse(#"{"kind": "mailgates-notification-sheet", "uri2": []}"#, path: "s.json")
        }
    }

    @Test func badEntriesNameTheKey() throws {
        let json = #"{"kind": "mailgates-notification-sheet", "uri1": "https://a/x", "uri2": [{"domain": "example.co.jp"}]}"#
        let error = #expect(throws: InputError.self) { try SheetSamples.parse(json, path: "s.json") }
        #expect(error?.problem == "required key 'uri' is missing at uri2[0].uri")
        let yamlError = #expect(throws: InputError.self) {
            try SheetSamples.parse("kind: mailgates-notification-sheet\nuri1: https://a/x\nuri2:\n  - domain: example.co.jp\n", path: "s.yaml")
        }
        #expect(yamlError?.problem.contains("'uri' is missing") == true)
        #expect(yamlError?.line != nil)
    }
}
