import Foundation
import Testing
@testable import MGAuditCore

@Suite struct FixOrderedJSONTests {
    static func parse(_ text: String, limits: OrderedJSON.Limits = .manifest) throws -> OrderedJSON {
        try OrderedJSON.parse(Data(text.utf8), file: "m.json", limits: limits)
    }

    @Test func roundTripKeepsKeyOrderAndIndentation() throws {
        let text = "{\n    \"zeta\": 1,\n    \"alpha\": [\n        true,\n        null\n    ],\n    \"name\": \"\u{30A2}\\\"x\\u000b\",\n    \"empty\": {},\n    \"n\": -1.5e+3\n}\n"
        let data = Data(text.utf8)
        let tree = try OrderedJSON.parse(data, file: "m.json")
        guard case .object(let members) = tree else { Issue.record("not an object"); return }
        #expect(members.map(\.key) == ["zeta", "alpha", "name", "empty", "n"])
        #expect(tree.written(style: .detect(data)) == text)
    }

    @Test func tabsAndCompactStylesAreReproduced() throws {
        let tabs = "{\n\t\"a\": [\n\t\t1\n\t]\n}\n"
        #expect(try Self.parse(tabs).written(style: .detect(Data(tabs.utf8))) == tabs)
        let compact = "{\"a\":[1,2],\"b\":\"c\"}"
        #expect(try Self.parse(compact).written(style: .detect(Data(compact.utf8))) == compact)
    }

    @Test func surrogatePairsDecode() throws {
        #expect(try Self.parse("\"\\ud83d\\ude00\"") == .string("\u{1F600}"))
    }

    @Test func boundsAndErrorsNameTheFile() {
        let deep = String(repeating: "[", count: 10) + String(repeating: "]", count: 10)
        #expect(throws: OrderedJSON.ParseError(file: "m.json", problem: .tooDeep(limit: 5))) {
            try Self.parse(deep, limits: .init(maximumBytes: 100, maximumDepth: 5))
        }
        #expect(throws: OrderedJSON.ParseError(file: "m.json", problem: .tooLarge(limit: 4))) {
            try Self.parse("[1,2,3]", limits: .init(maximumBytes: 4, maximumDepth: 5))
        }
        // `[1,]` is read, as JSONSerialization read it (OrderedJSONParserTests).
        for bad in ["{", "[1,,]", "{\"a\" 1}", "01", "\"\u{01}\"", "[1] x", "tru", "\"\\ud800\""] {
            do {
                _ = try Self.parse(bad)
                Issue.record("accepted \(bad)")
            } catch {
                #expect("\(error)".hasPrefix("m.json: "))
            }
        }
    }
}
