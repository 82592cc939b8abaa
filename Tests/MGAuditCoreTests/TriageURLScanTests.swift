import Foundation
import Testing
@testable import MGAuditCore

/// `TriagePattern.urlRanges` must find exactly what the regular expression it replaced finds.
@Suite struct TriageURLScanTests {
    static let regex = TriagePattern.compile(#"https?://[^\s"'<>‘’「」]+"#, caseInsensitive: true)

    static let texts = [
        "", "http", "http://", "https://", "http:// x", "see https://a.example/cb?error=x&y=1 then",
        "HTTPS://A.EXAMPLE/CB", "hTtP://x\thttps://y\u{3000}z", "「https://a.example/」と", "‘https://a’ and 'http://b'",
        "<https://a.example/x>", "\"https://q\"", "hhttps://x", "httpss://x", "https//x http:/x", "xhttp://y",
        "https://a\u{00A0}b", "https://a\u{2028}b", "https://a\u{85}b", "https://ａ.例/パス?q=値#f", "http://a https://b http://c",
        "https://" + String(repeating: "a", count: 5_000), "😀https://😀.example/😀 ok", "h", "ht", "htt", "https:",
        "e\u{301}https://e\u{301}", "HTTP://x.y/\r\nnext",
    ]

    @Test(arguments: texts) func sameAsTheRegex(_ text: String) {
        let expected = TriagePattern.allRanges(Self.regex, in: text).map { String(text[$0]) }
        #expect(TriagePattern.urlRanges(in: text).map { String(text[$0]) } == expected)
    }

    @Test func randomTextsAgree() {
        var generator = MutatedInputTests.Seeded(state: 20261202)
        let alphabet = Array("hHtTpPsS:/ .x\"'<>‘’「」\t\u{3000}é😀")
        for _ in 0..<2_000 {
            let text = String((0..<Int(generator.next() % 40)).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
            let expected = TriagePattern.allRanges(Self.regex, in: text).map { String(text[$0]) }
            #expect(TriagePattern.urlRanges(in: text).map { String(text[$0]) } == expected, "\(text.debugDescription)")
        }
    }
}
