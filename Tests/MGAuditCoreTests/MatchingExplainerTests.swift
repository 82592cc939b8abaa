import Testing
@testable import MGAuditCore

/// Realistic expected URIs from a notification sheet.
enum SheetURI {
    static let uri1 = "https://abc-mgf.cybermail.jp/mg-cgi/mg_oauth"
    static let uri2 = "https://abc-mgf.cybermail.jp/mg-cgi/mg_login"
    static let uri2OtherDomain = "https://abd-mgf.cybermail.jp/mg-cgi/mg_login"
}

/// One realistic slip per edit kind, with where it is and what the wording must mention.
struct KindCase: Sendable, CustomTestStringConvertible {
    var kind: URIEditKind
    var expected: String = SheetURI.uri2
    var actual: String
    var position: Int
    var expectedText: String
    var actualText: String
    /// Text both the ja and en explanations must contain (the character, shown visibly).
    var mention: String
    var testDescription: String { kind.rawValue }
}

let kindCases: [KindCase] = [
    KindCase(kind: .missingHyphen, actual: "https://abcmgf.cybermail.jp/mg-cgi/mg_login",
             position: 11, expectedText: "-", actualText: "", mention: "'-'"),
    KindCase(kind: .extraHyphen, actual: "https://abc-mgf.cybermail.jp/mg-cgi/mg-_login",
             position: 38, expectedText: "", actualText: "-", mention: "'-'"),
    KindCase(kind: .missingSymbol, actual: "https://abc-mgf.cybermail.jp/mg-cgi/mglogin",
             position: 38, expectedText: "_", actualText: "", mention: "'_'"),
    KindCase(kind: .extraSymbol, actual: "https://abc-mgf.cybermail.jp/mg-cgi/mg__login",
             position: 39, expectedText: "", actualText: "_", mention: "'_'"),
    KindCase(kind: .leadingSpace, actual: " https://abc-mgf.cybermail.jp/mg-cgi/mg_login",
             position: 0, expectedText: "", actualText: " ", mention: "U+0020"),
    KindCase(kind: .trailingSpace, actual: "https://abc-mgf.cybermail.jp/mg-cgi/mg_login\u{3000}",
             position: 44, expectedText: "", actualText: "\u{3000}", mention: "U+3000"),
    KindCase(kind: .innerSpace, actual: "https://abc-mgf.cybermail.jp/mg-cgi/mg_\u{00A0}login",
             position: 39, expectedText: "", actualText: "\u{00A0}", mention: "U+00A0"),
    KindCase(kind: .zeroWidth, actual: "https://abc-mgf.cybermail.jp/mg-cgi/\u{200B}mg_login",
             position: 36, expectedText: "", actualText: "\u{200B}", mention: "U+200B"),
    KindCase(kind: .fullWidth, actual: "https://abc－mgf.cybermail.jp/mg-cgi/mg_login",
             position: 11, expectedText: "-", actualText: "－", mention: "U+FF0D"),
    KindCase(kind: .hostCase, actual: "https://ABC-mgf.cybermail.jp/mg-cgi/mg_login",
             position: 8, expectedText: "abc", actualText: "ABC", mention: "ABC"),
    KindCase(kind: .pathCase, actual: "https://abc-mgf.cybermail.jp/mg-cgi/mg_Login",
             position: 39, expectedText: "l", actualText: "L", mention: "'L'"),
    KindCase(kind: .trailingSlash, actual: "https://abc-mgf.cybermail.jp/mg-cgi/mg_login/",
             position: 44, expectedText: "", actualText: "/", mention: "'/'"),
    KindCase(kind: .scheme, actual: "http://abc-mgf.cybermail.jp/mg-cgi/mg_login",
             position: 0, expectedText: "https", actualText: "http", mention: "https"),
    KindCase(kind: .port, actual: "https://abc-mgf.cybermail.jp:443/mg-cgi/mg_login",
             position: 28, expectedText: "", actualText: ":443", mention: ":443"),
    KindCase(kind: .query, actual: "https://abc-mgf.cybermail.jp/mg-cgi/mg_login?domain=abc.co.jp",
             position: 44, expectedText: "", actualText: "?domain=abc.co.jp", mention: "?domain=abc.co.jp"),
    KindCase(kind: .fragment, actual: "https://abc-mgf.cybermail.jp/mg-cgi/mg_login#top",
             position: 44, expectedText: "", actualText: "#top", mention: "#top"),
    KindCase(kind: .missingText, actual: "https://abc-mgf.cybermail.jp/mg-cgi/mg_lgin",
             position: 40, expectedText: "o", actualText: "", mention: "'o'"),
    KindCase(kind: .extraText, actual: "https://abc-mgf.cybermail.jp/mg-cgi/mg_loginn",
             position: 44, expectedText: "", actualText: "n", mention: "'n'"),
    KindCase(kind: .changedText, actual: "https://abc-mgf.cybermail.jp/mg-cgi/mg_logon",
             position: 42, expectedText: "i", actualText: "o", mention: "'o'"),
]

@Suite struct MatchingExplainerTests {
    @Test func everyKindHasACase() {
        #expect(Set(kindCases.map(\.kind)) == Set(URIEditKind.allCases))
    }

    @Test(arguments: kindCases)
    func eachKindIsNamedAtTheRightPlace(_ c: KindCase) {
        let result = URIExplainer.compare(expected: c.expected, actual: c.actual)
        #expect(result.edits == [URIEdit(kind: c.kind, position: c.position, expectedText: c.expectedText, actualText: c.actualText)])
        #expect(result.isNearMiss)
        #expect(result.distance > 0)
    }

    @Test(arguments: kindCases)
    func wordingMentionsTheCharacterInBothLanguages(_ c: KindCase) throws {
        let result = URIExplainer.compare(expected: c.expected, actual: c.actual)
        let edit = try #require(result.edits.first)
        let ja = edit.explanation(.ja, expected: c.expected)
        let en = edit.explanation(.en, expected: c.expected)
        // Japanese quotes characters with 「」, English with ''.
        let jaMention = c.mention.hasPrefix("'") ? "「" + c.mention.dropFirst().dropLast() + "」" : c.mention
        #expect(ja.contains(jaMention), "\(ja)")
        #expect(en.contains(c.mention), "\(en)")
        // Invisible characters never appear raw.
        for text in [ja, en] {
            #expect(!text.unicodeScalars.contains { $0 != " " && VisibleText.isInvisible($0) }, "\(text)")
        }
        #expect(result.summary(.ja).hasSuffix("。"))
        #expect(result.summary(.en).hasSuffix("."))
    }

    @Test(arguments: kindCases)
    func diffRebuildsBothStrings(_ c: KindCase) {
        let diff = URIExplainer.compare(expected: c.expected, actual: c.actual).diff
        #expect(diff.filter { $0.op != .extra }.map(\.text).joined() == c.expected)
        #expect(diff.filter { $0.op != .missing }.map(\.text).joined() == c.actual)
        #expect(zip(diff, diff.dropFirst()).allSatisfy { $0.op != $1.op })
    }

    @Test func identicalHasNoEdits() {
        let result = URIExplainer.compare(expected: SheetURI.uri2, actual: SheetURI.uri2)
        #expect(result.edits.isEmpty)
        #expect(result.isExact)
        #expect(result.distance == 0)
        #expect(!result.isNearMiss)
        #expect(result.diff == [DiffSegment(op: .equal, text: SheetURI.uri2)])
        #expect(result.summary(.ja) == "完全に一致しています。")
    }

    @Test func severalSlipsInOneURIAreEachNamedInOrder() {
        let actual = "http://abc mgf.cybermail.jp:8080/mg-cgi/mg_login/ "
        let result = URIExplainer.compare(expected: SheetURI.uri2, actual: actual)
        #expect(result.edits.map(\.kind) == [.scheme, .missingHyphen, .innerSpace, .port, .trailingSlash, .trailingSpace])
        #expect(result.edits.map(\.position) == [0, 11, 12, 28, 44, 44])
        #expect(result.isNearMiss)
        #expect(result.distance == 6)
        let ja = result.summary(.ja)
        #expect(ja.contains("http ではなく https にしてください"))
        #expect(ja.contains("\"abc\" の後（12 文字目）にハイフン「-」が足りません"))
        #expect(ja.contains("\"mg_login\" の後（45 文字目）に不要なスラッシュ「/」があります"))
        #expect(ja.contains("末尾に半角スペース（U+0020）が入っています"))
        let en = result.summary(.en)
        #expect(en.hasPrefix("Use https, not http; a hyphen '-' is missing after 'abc' (character 12)"))
    }

    @Test func hyphenTypedAsFullWidthSpaceIsTwoEdits() {
        let result = URIExplainer.compare(expected: SheetURI.uri1, actual: "https://abc\u{3000}mgf.cybermail.jp/mg-cgi/mg_oauth")
        #expect(result.edits.map(\.kind) == [.missingHyphen, .innerSpace])
        #expect(result.edits.last?.explanation(.ja, expected: SheetURI.uri1).contains("全角スペース（U+3000）") == true)
    }

    @Test func wholeSegmentsAreOneEdit() {
        let fullWidth = URIExplainer.compare(expected: SheetURI.uri2, actual: "https://abc-mgf.cybermail.jp/mg-cgi/ｍｇ＿ｌｏｇｉｎ")
        #expect(fullWidth.edits == [URIEdit(kind: .fullWidth, position: 36, expectedText: "mg_login", actualText: "ｍｇ＿ｌｏｇｉｎ")])
        let hostCase = URIExplainer.compare(expected: SheetURI.uri2, actual: "https://ABC-MGF.cybermail.jp/mg-cgi/mg_login")
        #expect(hostCase.edits == [URIEdit(kind: .hostCase, position: 8, expectedText: "abc-mgf", actualText: "ABC-MGF")])
        let missingWord = URIExplainer.compare(expected: SheetURI.uri2, actual: "https://abc.cybermail.jp/mg-cgi/mg_login")
        #expect(missingWord.edits == [URIEdit(kind: .missingText, position: 11, expectedText: "-mgf", actualText: "")])
    }

    @Test func missingSlashAfterSchemeStillExplained() {
        let result = URIExplainer.compare(expected: SheetURI.uri2, actual: "https:/abc-mgf.cybermail.jp/mg-cgi/mg_login")
        #expect(result.edits == [URIEdit(kind: .missingSymbol, position: 7, expectedText: "/", actualText: "")])
        #expect(result.isNearMiss)
    }

    @Test func missingSchemeIsOneSchemeEdit() {
        let result = URIExplainer.compare(expected: SheetURI.uri2, actual: "abc-mgf.cybermail.jp/mg-cgi/mg_login")
        #expect(result.edits == [URIEdit(kind: .scheme, position: 0, expectedText: "https://", actualText: "")])
        #expect(result.isNearMiss)
        #expect(result.summary(.ja) == "先頭の「https://」が足りません。")
        #expect(result.summary(.en) == "'https://' is missing at the start.")
    }

    @Test func missingTrailingSlash() {
        let result = URIExplainer.compare(expected: "https://abc-mgf.cybermail.jp/", actual: "https://abc-mgf.cybermail.jp")
        #expect(result.edits == [URIEdit(kind: .trailingSlash, position: 28, expectedText: "/", actualText: "")])
        #expect(result.edits.first?.explanation(.ja, expected: result.expected).contains("末尾のスラッシュ「/」が足りません") == true)
    }

    @Test(arguments: [
        SheetURI.uri1,  // URI1 is not a slip of URI2
        "https://old-mgf.cybermail.jp/mg-cgi/mg_login",  // another host of the same service
        "https://abc-mgf.cybermial.jp/mg-cgi/mg_login",  // another registrable domain
        "https://login.microsoftonline.com/common/oauth2/nativeclient",
        "https://abc-mgf.cybermail.jp/mg-cgi/mg_lgoni",  // three letters wrong
        "",
    ])
    func unrelatedURIsAreNotNearMisses(_ actual: String) {
        let result = URIExplainer.compare(expected: SheetURI.uri2, actual: actual)
        #expect(!result.isNearMiss)
        #expect(!result.edits.isEmpty)
    }

    @Test func thresholdIsFifteenPercentWithAFloorOfThree() {
        #expect(URIExplainer.nearMissLimit(expectedLength: 10) == 3)
        #expect(URIExplainer.nearMissLimit(expectedLength: 44) == 6)
        // Two letters wrong (cost 6) is still a near miss of a 44-character URI.
        #expect(URIExplainer.compare(expected: SheetURI.uri2, actual: "https://abc-mgf.cybermail.jp/mg-cgi/mg_lgoin").isNearMiss)
        // Cosmetic slips never count against the threshold, however many.
        let wide = "ｈｔｔｐｓ：／／ａｂｃ－ｍｇｆ．ｃｙｂｅｒｍａｉｌ．ｊｐ／ｍｇ－ｃｇｉ／ｍｇ＿ｌｏｇｉｎ\u{3000}"
        let result = URIExplainer.compare(expected: SheetURI.uri2, actual: wide)
        #expect(result.isNearMiss)
        #expect(result.distance == 45)
        #expect(result.edits.map(\.kind) == [.fullWidth, .trailingSpace])
    }

    @Test func evidenceCarriesRawStringsEditsAndDiff() {
        let result = URIExplainer.compare(expected: SheetURI.uri2, actual: "https://abcmgf.cybermail.jp/mg-cgi/mg_login ")
        let evidence = result.evidence
        #expect(evidence["expected"] == .string(SheetURI.uri2))
        #expect(evidence["actual"] == .string("https://abcmgf.cybermail.jp/mg-cgi/mg_login "))
        #expect(evidence["distance"] == .int(2))
        #expect(evidence["edits"] == .list([
            .object(["kind": .string("missing-hyphen"), "position": .int(11), "expected": .string("-"), "actual": .string("")]),
            .object(["kind": .string("trailing-space"), "position": .int(44), "expected": .string(""), "actual": .string(" ")]),
        ]))
        #expect(evidence["diff"] == .list([
            .object(["op": .string("equal"), "text": .string("https://abc")]),
            .object(["op": .string("missing"), "text": .string("-")]),
            .object(["op": .string("equal"), "text": .string("mgf.cybermail.jp/mg-cgi/mg_login")]),
            .object(["op": .string("extra"), "text": .string(" ")]),
        ]))
    }

    @Test(arguments: [
        ("", ""), ("", SheetURI.uri1), (SheetURI.uri1, " \u{3000}\t"), ("://", ":"), ("mg_login", "mg login"),
        ("https://abc-mgf.cybermail.jp:8443/x?a=1#f", "https://ABC-mgf.cybermail.jp/x?a=2#g"),
        ("https://例え.jp/パス", "https://例え.jp/ハ\u{309A}ス"), (SheetURI.uri2, "https://abc-mgf.cybermail.jp/mg-cgi/mg_login👍🏽"),
        (SheetURI.uri2, "//abc-mgf.cybermail.jp/mg-cgi/mg_login"), (SheetURI.uri2, "\u{FEFF}https://abc-mgf.cybermail.jp/mg-cgi/mg_login\r\n"),
    ])
    func oddInputsAreExplainedWithoutLoss(_ pair: (String, String)) {
        let result = URIExplainer.compare(expected: pair.0, actual: pair.1)
        #expect(result.diff.filter { $0.op != .extra }.map(\.text).joined() == pair.0)
        #expect(result.diff.filter { $0.op != .missing }.map(\.text).joined() == pair.1)
        // Scalar for scalar: a decomposed パ differs byte for byte, though String == calls it equal.
        #expect(result.edits.isEmpty == pair.0.unicodeScalars.elementsEqual(pair.1.unicodeScalars))
        let count = pair.0.unicodeScalars.count
        #expect(result.edits.allSatisfy { $0.position >= 0 && $0.position <= count })
        for edit in result.edits {
            #expect(!edit.explanation(.ja, expected: pair.0).isEmpty)
            #expect(!edit.explanation(.en, expected: pair.0).isEmpty)
        }
    }

    @Test func portAndQueryChangesCarryTheWholePart() {
        let expected = "https://abc-mgf.cybermail.jp:8443/x?a=1"
        let result = URIExplainer.compare(expected: expected, actual: "https://abc-mgf.cybermail.jp:8080/x?a=2")
        #expect(result.edits == [
            URIEdit(kind: .port, position: 28, expectedText: ":8443", actualText: ":8080"),
            URIEdit(kind: .query, position: 35, expectedText: "?a=1", actualText: "?a=2"),
        ])
        #expect(result.summary(.ja) == "ポート番号が「:8080」になっています。「:8443」にしてください。クエリが「?a=2」になっています。「?a=1」にしてください。")
    }

    @Test func veryLongInputStaysBounded() {
        let junk = String(repeating: "x", count: 5_000)
        let result = URIExplainer.compare(expected: SheetURI.uri2, actual: SheetURI.uri2 + junk)
        #expect(!result.isNearMiss)
        #expect(result.diff.filter { $0.op != .missing }.map(\.text).joined() == SheetURI.uri2 + junk)
    }
}

@Suite struct URIExplainerFastPathTests {
    @Test(arguments: ["", "https://abc-mgf.cybermail.jp/mg-cgi/mg_oauth", "https://x/ a\u{3000}", "https://ｍｇ.example/パ",
                      "mg-cgi", "https://a/?domain=example.co.jp#f", "http://A:8080/B/"])
    func identicalIsTheFullComparison(uri: String) {
        #expect(URIExplainer.compare(expected: uri, actual: uri) == URIExplainer.compareInFull(expected: uri, actual: uri))
    }
}
