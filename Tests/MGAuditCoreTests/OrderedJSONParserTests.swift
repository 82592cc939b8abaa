import Foundation
import Testing
@testable import MGAuditCore

/// `OrderedJSON.parse`, the one JSON reader of the project: the grammar `JSONSerialization`
/// accepted, bounded, with errors at byte offsets; and `JSONDocument`'s messages built on them.
@Suite struct OrderedJSONParserTests {
    static func parse(_ text: String, limits: OrderedJSON.Limits = .inputFile) throws(OrderedJSON.ParseError) -> OrderedJSON {
        try OrderedJSON.parse(text, file: "t.json", limits: limits)
    }

    static func problem(_ text: String, limits: OrderedJSON.Limits = .inputFile) -> OrderedJSON.ParseError.Problem? {
        do {
            _ = try parse(text, limits: limits)
            return nil
        } catch {
            return error.problem
        }
    }

    static func documentError(_ text: String) -> InputError? {
        do {
            _ = try JSONDocument.parse(text, path: "t.json")
            return nil
        } catch {
            return error
        }
    }

    @Test func escapesDecode() throws {
        #expect(try Self.parse(#""\"\\\/\b\f\n\r\t""#) == .string("\"\\/\u{08}\u{0C}\n\r\t"))
        #expect(try Self.parse(#""a\u00e9b\u3042c""#) == .string("aébあc"))
        #expect(try Self.parse(#""\u0000""#) == .string("\u{0}"))
        #expect(try Self.parse(#"["plain", "long string without any escape at all, past the small-string size"]"#)
            == .array([.string("plain"), .string("long string without any escape at all, past the small-string size")]))
        // Runs between escapes are kept whole, non-ASCII included.
        #expect(try Self.parse(#""Σ日本\n語\"x""#) == .string("Σ日本\n語\"x"))
    }

    /// The eight-byte test never passes over a stop byte (`"`, `\\`, below U+0020), whatever
    /// the other bytes; strings of every length around the word size read whole.
    @Test func theWordScanFindsEveryStopByte() throws {
        func isStop(_ byte: UInt8) -> Bool { byte == 0x22 || byte == 0x5C || byte < 0x20 }
        var random = MutatedInputTests.Seeded(state: 7)
        for _ in 0..<20_000 {
            var bytes = (0..<8).map { _ in UInt8.random(in: 0x20...0xFF, using: &random) }
            if Bool.random(using: &random) { bytes[Int.random(in: 0..<8, using: &random)] = UInt8.random(in: 0...0xFF, using: &random) }
            let word = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
            if bytes.contains(where: isStop) { #expect(OrderedJSON.Reader.mayHoldStop(word), "\(bytes)") }
        }
        for byte in UInt8.min...UInt8.max {
            let word = [UInt8](repeating: 0x61, count: 7) + [byte]
            #expect(OrderedJSON.Reader.mayHoldStop(word.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }) == isStop(byte), "\(byte)")
        }
        for length in 0..<40 {
            let plain = String(repeating: "é", count: length / 2) + String(repeating: "x", count: length % 2)
            #expect(try Self.parse("\"\(plain)\"") == .string(plain))
            #expect(try Self.parse("\"\(plain)\\n\(plain)\"") == .string(plain + "\n" + plain))
            #expect(Self.problem("\"\(plain)\u{1}\"") == .controlCharacter(offset: 1 + plain.utf8.count))
        }
    }

    @Test func surrogatePairsAndLoneSurrogates() throws {
        #expect(try Self.parse(#""\ud83d\ude00""#) == .string("\u{1F600}"))
        #expect(try Self.parse(#""x\uD83D\uDE00y""#) == .string("x\u{1F600}y"))
        #expect(Self.problem(#""\ud800""#) == .unpairedSurrogate(offset: 1))
        #expect(Self.problem(#""\udc00""#) == .unpairedSurrogate(offset: 1))
        #expect(Self.problem(#""ab\ud800\u0041""#) == .unpairedSurrogate(offset: 3))
        #expect(Self.problem(#""\ud800\ud800""#) == .unpairedSurrogate(offset: 1))
        #expect(Self.problem(#""\ud800"#) == .unexpectedEnd)
    }

    @Test func badEscapesAndControlCharacters() throws {
        #expect(Self.problem(#""\x""#) == .invalidEscape(offset: 1))
        #expect(Self.problem(#""\u12g4""#) == .invalidEscape(offset: 1))
        #expect(Self.problem("\"a\tb\"") == .controlCharacter(offset: 2))
        #expect(Self.problem("\"a\nb\"") == .controlCharacter(offset: 2))
        #expect(Self.problem("\"a\u{1}\"") == .controlCharacter(offset: 2))
        // DEL is not a control character for JSON.
        #expect(try Self.parse("\"a\u{7F}\"") == .string("a\u{7F}"))
    }

    @Test func numbersKeepTheirText() throws {
        for text in ["0", "-0", "1.50", "1e2", "1E+2", "-1.5e-3", "12345678901234567890123", "1e400"] {
            #expect(try Self.parse(text) == .number(text))
        }
        #expect(Self.problem("01") == .trailingContent(offset: 1))
        #expect(Self.problem("[01]") == .unexpected(offset: 2))
        for text in ["1.", ".5", "-", "+1", "1e", "1e+", "-a", "NaN", "Infinity"] {
            #expect(Self.problem(text) != nil, "\(text)")
        }
    }

    @Test func literalsAndNull() throws {
        #expect(try Self.parse("[true,false,null]") == .array([.bool(true), .bool(false), .null]))
        #expect(Self.problem("tru") == .unexpectedEnd)
        #expect(Self.problem("trUe") == .unexpected(offset: 2))
        #expect(Self.problem("nul ") == .unexpected(offset: 3))
    }

    /// `JSONSerialization` read `[1,]` and `{"a":1,}`; so does the parser (also for `mgaudit fix`).
    @Test func aCommaBeforeTheCloseIsAccepted() throws {
        #expect(try Self.parse("[1,]") == .array([.number("1")]))
        #expect(try Self.parse("{\"a\": 1 ,\n}") == .object([.init(key: "a", value: .number("1"))]))
        for text in ["[,]", "{,}", "[1,,]", "{\"a\":1,,}", "[1 2]", "{\"a\" 1}", "{\"a\":}", "{1:2}"] {
            #expect(Self.problem(text) != nil, "\(text)")
        }
    }

    @Test func spaceIsTheFourJSONSpaces() throws {
        #expect(try Self.parse(" \t\r\n[ 1 ,\t2 ]\r\n ") == .array([.number("1"), .number("2")]))
        #expect(Self.problem("\u{0C}[1]") == .unexpected(offset: 0))
        #expect(Self.problem("[1]\u{A0}") == .trailingContent(offset: 3))
    }

    @Test func trailingContentAndTruncation() {
        #expect(Self.problem("[1] x") == .trailingContent(offset: 4))
        #expect(Self.problem("{} {}") == .trailingContent(offset: 3))
        #expect(Self.problem("[1]]") == .trailingContent(offset: 3))
        for text in ["", "  ", "{", "[1,", "{\"a\"", "{\"a\":", "\"abc", "[\"a\\"] {
            #expect(Self.problem(text) == .unexpectedEnd, "\(text)")
        }
    }

    /// 512 nested containers read, 513 refused: the bound `JSONSerialization` had.
    @Test func depthAndSizeBounds() throws {
        func nested(_ depth: Int) -> String { String(repeating: "[", count: depth) + String(repeating: "]", count: depth) }
        func objects(_ depth: Int) -> String { String(repeating: "{\"a\":", count: depth) + "1" + String(repeating: "}", count: depth) }
        #expect(Self.problem(nested(512)) == nil)
        #expect(Self.problem(objects(512)) == nil)
        #expect(Self.problem(nested(513)) == .tooDeep(limit: 512))
        #expect(Self.problem(objects(513)) == .tooDeep(limit: 512))
        // Deep input is refused at the bound, never recursed into further.
        #expect(Self.problem(String(repeating: "[", count: 1_000_000)) == .tooDeep(limit: 512))
        #expect(Self.problem(nested(65), limits: .manifest) == .tooDeep(limit: 64))
        #expect(Self.problem("[1,2,3]", limits: .init(maximumBytes: 6, maximumDepth: 4)) == .tooLarge(limit: 6))
        #expect(OrderedJSON.Limits.inputFile.maximumBytes >= 3 * TextDecoding.maximumInputBytes)
    }

    @Test func aByteOrderMarkIsSkipped() throws {
        #expect(try Self.parse("\u{FEFF}{\"a\":1}") == .object([.init(key: "a", value: .number("1"))]))
        #expect(try OrderedJSON.parse(Data([0xEF, 0xBB, 0xBF, 0x5B, 0x5D]), file: "t.json") == .array([]))
        // Only at the start.
        #expect(Self.problem("[\u{FEFF}]") == .unexpected(offset: 1))
    }

    /// Bytes that are not text (`mgaudit fix` reads the file's bytes) have their strings checked;
    /// a Swift string's bytes are UTF-8 already.
    @Test func invalidUTF8InBytesIsRefused() {
        #expect(throws: OrderedJSON.ParseError(file: "t.json", problem: .invalidString(offset: 1))) {
            try OrderedJSON.parse(Data([0x5B, 0x22, 0xFF, 0x22, 0x5D]), file: "t.json")
        }
        #expect(throws: OrderedJSON.ParseError(file: "t.json", problem: .invalidString(offset: 1))) {
            try OrderedJSON.parse(Data([0x5B, 0x22, 0xE3, 0x81, 0x22, 0x5D]), file: "t.json")
        }
        #expect(throws: OrderedJSON.ParseError(file: "t.json", problem: .unexpected(offset: 1))) {
            try OrderedJSON.parse(Data([0x5B, 0xFF, 0x5D]), file: "t.json")
        }
    }

    @Test func bytesAndTextGiveTheSameTree() throws {
        for text in [#"{"a": [1, "é", {"b": null}], "c": "\u00e9\n"}"#, "[]", "\"x\"", "-1.5e3"] {
            #expect(try OrderedJSON.parse(Data(text.utf8), file: "t.json", limits: .inputFile) == Self.parse(text))
        }
    }

    /// Of repeated keys the audit reads the last, as `JSONSerialization` did (a tiny program on
    /// Linux printed `a=2` for `{"a":1,"a":2}`); `mgaudit fix`'s subscript edits the first.
    @Test func repeatedKeys() throws {
        let tree = try Self.parse(#"{"a": 1, "b": true, "a": "two"}"#)
        #expect(tree.value(forKey: "a") == .string("two"))
        #expect(tree["a"] == .number("1"))
        #expect(tree.value(forKey: "b") == .bool(true))
        #expect(tree.value(forKey: "c") == nil)
        #expect(OrderedJSON.array([]).value(forKey: "a") == nil)
        if case .object(let members) = tree { #expect(members.map(\.key) == ["a", "b", "a"]) }
    }

    @Test func errorsNameTheFileAndTheByte() {
        #expect("\(OrderedJSON.ParseError(file: "m.json", problem: .unexpected(offset: 7)))" == "m.json: unexpected character at byte 7")
        #expect("\(OrderedJSON.ParseError(file: "m.json", problem: .tooDeep(limit: 64)))" == "m.json: JSON nested deeper than 64 levels")
        #expect("\(OrderedJSON.ParseError(file: "m.json", problem: .unexpectedEnd))" == "m.json: JSON ends early")
    }

    // MARK: JSONDocument

    @Test func documentErrorsGiveTheLine() {
        let bad = Self.documentError("{\n  \"a\": 1\n  ,\n  \"b\": x\n}")
        #expect(bad == InputError(path: "t.json", problem: "is not valid JSON: unexpected character 'x'", line: 4))
        // CRLF lines count as lines.
        #expect(Self.documentError("{\r\n\"a\": 1,\r\n\"b\": ?}")?.line == 3)
        #expect(Self.documentError("[1,\n2]\n]")
            == InputError(path: "t.json", problem: "is not valid JSON: content after the JSON value (']')", line: 3))
        #expect(Self.documentError("[\"a\tb\"]") == InputError(path: "t.json", problem: "is not valid JSON: unescaped control character in a string", line: 1))
        #expect(Self.documentError("[\n\"\\ud800\"]")?.problem == "is not valid JSON: unpaired surrogate escape in a string")
        #expect(Self.documentError("[\n{\"a\": 1}") == InputError(path: "t.json", problem: "is not valid JSON: JSON ends early", line: 2))
        // An invisible character is shown as its code point.
        #expect(Self.documentError("[1,\u{200B}2]")?.problem == "is not valid JSON: unexpected character '⟨U+200B⟩'")
    }

    @Test func documentTruncationAndEmptiness() {
        #expect(Self.documentError("[\n1,\n2,\n") == InputError(path: "t.json", problem: "JSON ends unexpectedly (truncated file?)", line: 4))
        #expect(Self.documentError("{\"a\":\r\n\"b") == InputError(path: "t.json", problem: "JSON ends unexpectedly (truncated file?)", line: 2))
        #expect(Self.documentError(" \n\t") == InputError(path: "t.json", problem: "is empty"))
        #expect(Self.documentError("") == InputError(path: "t.json", problem: "is empty"))
    }

    @Test func documentRefusesTooDeep() {
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        #expect(Self.documentError(deep) == InputError(path: "t.json", problem: "refused: JSON nested deeper than 512 levels"))
    }

    /// Through the manifest reader: the file is named, and the message is one line.
    @Test func manifestErrorsAreOneLineNamingTheFile() throws {
        let error = #expect(throws: InputError.self) {
            try ManifestParser.parse(data: Data("{\n\"appId\": \"a\",\n\"web\": {\"redirectUris\": [\"x\" \"y\"]}\n}".utf8), path: "m.json")
        }
        #expect(error?.description == "m.json:3: is not valid JSON: unexpected character '\"'")
    }
}

/// How field values are read from the tree: JSON types, `null`, booleans against 0 and 1.
@Suite struct ManifestTreeReadingTests {
    static func parse(_ json: String) throws -> AppRegistration {
        try ManifestParser.parse(data: Data(json.utf8), path: "m.json")
    }

    @Test func numbersAndBooleansInProblemsAreShownAsWritten() throws {
        let app = try Self.parse(#"{"appId":"x","displayName":true,"signInAudience":1.50,"web":{"redirectUris":[],"implicitGrantSettings":{"enableAccessTokenIssuance":0,"enableIdTokenIssuance":1e0}}}"#)
        #expect(app.fieldProblems.map(\.summary) == [
            "displayName: not a string (a bool): 'true'",
            "signInAudience: not a string (a number): '1.50'",
            "web.implicitGrantSettings.enableAccessTokenIssuance: not true or false (a number): '0'",
            "web.implicitGrantSettings.enableIdTokenIssuance: not true or false (a number): '1e0'",
        ])
        #expect(app.implicitAccessToken == nil && app.implicitIdToken == nil)
    }

    @Test func nullIsAbsent() throws {
        let app = try Self.parse(#"{"appId":"x","web":null,"spa":{"redirectUris":null},"passwordCredentials":null,"requiredResourceAccess":[null]}"#)
        #expect(app.fieldProblems.isEmpty)
        #expect(!app.passwordCredentialsUnreadable)
    }

    @Test func repeatedKeysReadTheLast() throws {
        let app = try Self.parse(#"{"appId":"x","displayName":"first","web":{"redirectUris":["https://a/1"]},"displayName":"last"}"#)
        #expect(app.displayName == "last")
    }

    @Test func topLevelListsAndGraphResponses() throws {
        let single = #"{"appId":"x","web":{"redirectUris":["https://a/1"]}}"#
        #expect(try Self.parse("[\(single)]").redirectURIs.map(\.uri) == ["https://a/1"])
        #expect(try Self.parse(#"{"value":[1,\#(single)]}"#).redirectURIs.map(\.uri) == ["https://a/1"])
        #expect(throws: InputError.self) { try Self.parse("[\(single),\(single)]") }
        #expect(throws: InputError.self) { try Self.parse("[1]") }
    }

    @Test func aByteOrderMarkAndUTF16AreRead() throws {
        let single = #"{"appId":"x","web":{"redirectUris":["https://a/1"]}}"#
        let bom = Data([0xEF, 0xBB, 0xBF]) + Data(single.utf8)
        #expect(try ManifestParser.parse(data: bom, path: "m.json").appId == "x")
        var utf16 = Data([0xFF, 0xFE])
        for unit in single.utf16 { utf16.append(contentsOf: [UInt8(unit & 0xFF), UInt8(unit >> 8)]) }
        #expect(try ManifestParser.parse(data: utf16, path: "m.json").appId == "x")
    }

    @Test func tokenResponsesInLogsAreReadFromTheTree() {
        #expect(OAuthErrorParser.Scanner.codeNumber(.number("50011")) == "50011")
        #expect(OAuthErrorParser.Scanner.codeNumber(.number("5.0011e4")) == "50011")
        #expect(OAuthErrorParser.Scanner.codeNumber(.number("50011.5")) == nil)
        #expect(OAuthErrorParser.Scanner.codeNumber(.number("12")) == nil)
        #expect(OAuthErrorParser.Scanner.codeNumber(.string("700016")) == "700016")
        #expect(OAuthErrorParser.Scanner.codeNumber(.bool(true)) == nil)
        let object = OAuthErrorParser.Scanner.jsonObject(ArraySlice(Array(#"{"error":"invalid_client","error_codes":[7000215,],}"#.utf8)))
        #expect(object?.string(forKey: "error") == "invalid_client")
        #expect(OAuthErrorParser.Scanner.jsonObject(ArraySlice(Array("[1]".utf8))) == nil)
    }
}

/// The ASCII fold of `normalisedLabel` is the NFKC, lowercase and filter path's.
@Suite struct SettingsLabelTests {
    @Test func asciiLabelsFoldAsTheUnicodePathDoes() {
        for value in 0..<0x80 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let label = "Client\(Character(scalar))Id \r\n_-"
            let unicode = label.precomposedStringWithCompatibilityMapping.lowercased().filter { !$0.isWhitespace && $0 != "_" && $0 != "-" }
            #expect(GatewaySettingsParser.normalisedLabel(label) == unicode, "\(value)")
        }
        #expect(GatewaySettingsParser.normalisedLabel("ＡｐｐｌｉｃａｔｉｏｎＩＤ") == "applicationid")
        #expect(GatewaySettingsParser.normalisedLabel("Application_ID") == "applicationid")
    }
}
