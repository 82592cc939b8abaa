import Testing
@testable import MGAuditCore

/// Exact sentences for the slips support staff meet most, so wording changes are deliberate.
@Suite struct MatchingWordingTests {
    struct Sentence: Sendable, CustomTestStringConvertible {
        var actual: String
        var ja: String
        var en: String
        var testDescription: String { en }
    }

    static let sentences: [Sentence] = [
        Sentence(actual: "https://abcmgf.cybermail.jp/mg-cgi/mg_login",
                 ja: "\"abc\" の後（12 文字目）にハイフン「-」が足りません",
                 en: "a hyphen '-' is missing after 'abc' (character 12)"),
        Sentence(actual: "https://abc-mgf.cybermail.jp/mg-cgi/mg_login\u{3000}",
                 ja: "末尾に全角スペース（U+3000）が入っています",
                 en: "a full-width space (U+3000) at the end must be removed"),
        Sentence(actual: "https://abc-mgf.cybermail.jp/mg-cgi/mg_login/",
                 ja: "\"mg_login\" の後（45 文字目）に不要なスラッシュ「/」があります",
                 en: "an extra slash '/' after 'mg_login' (character 45) must be removed"),
        Sentence(actual: "http://abc-mgf.cybermail.jp/mg-cgi/mg_login",
                 ja: "http ではなく https にしてください",
                 en: "use https, not http"),
        Sentence(actual: "https://abc-mgf.cybermail.jp/mg-cgi/mg_\u{200B}login",
                 ja: "\"mg_\" の後（40 文字目）に見えない文字のゼロ幅スペース（U+200B）が入っています",
                 en: "remove the invisible zero-width space (U+200B) after 'mg_' (character 40)"),
        Sentence(actual: "\t https://abc-mgf.cybermail.jp/mg-cgi/mg_login",
                 ja: "先頭にタブ（U+0009）、半角スペース（U+0020）が入っています",
                 en: "a tab (U+0009), a space (U+0020) at the start must be removed"),
        Sentence(actual: "https://abc-mgf.cybermail.jp/mg-cgi/mg_ｌogin",
                 ja: "\"mg_\" の後（40 文字目）の「ｌ」（U+FF4C）が全角になっています。半角の「l」にしてください",
                 en: "'ｌ' (U+FF4C) after 'mg_' (character 40) is full-width; type the half-width 'l'"),
        Sentence(actual: "https://abc-mgf.cybermail.jp:443/mg-cgi/mg_login",
                 ja: "ホスト名の後に不要なポート番号「:443」があります",
                 en: "the port ':443' after the host name must be removed"),
        Sentence(actual: "https://abc-mgf.cybermail.jp/mg-cgi/mg-login",
                 ja: "\"mg-cgi/mg\" の後（39 文字目）の「_」が「-」になっています",
                 en: "'-' after 'mg-cgi/mg' (character 39) should be '_'"),
    ]

    @Test(arguments: sentences)
    func sentence(_ s: Sentence) throws {
        let result = URIExplainer.compare(expected: SheetURI.uri2, actual: s.actual)
        let edit = try #require(result.edits.first)
        #expect(result.edits.count == 1)
        #expect(edit.explanation(.ja, expected: SheetURI.uri2) == s.ja)
        #expect(edit.explanation(.en, expected: SheetURI.uri2) == s.en)
        #expect(result.summary(.ja) == s.ja + "。")
        #expect(result.summary(.en) == s.en.prefix(1).uppercased() + s.en.dropFirst() + ".")
    }

    @Test func contextNeverShowsInvisibleCharactersRaw() throws {
        let expected = "https://abc-mgf.cybermail.jp/a\u{00A0}b/mg_login"
        let result = URIExplainer.compare(expected: expected, actual: "https://abc-mgf.cybermail.jp/a\u{00A0}b/mglogin")
        let text = try #require(result.edits.first).explanation(.en, expected: expected)
        #expect(text.contains("⟨U+00A0⟩"))
        #expect(!text.unicodeScalars.contains("\u{00A0}"))
    }
}
