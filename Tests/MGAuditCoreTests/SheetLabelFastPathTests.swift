import Foundation
import Testing
@testable import MGAuditCore

/// The byte-level fast paths of the label matcher give what the Character-level code gives.
@Suite struct SheetLabelFastPathTests {
    /// Every scalar the invariant key keeps or drops is kept or dropped by `isLetterOrDigit`, and
    /// its own lower case, NFKC and NFC (so skipping Foundation's passes changes nothing).
    @Test func theInvariantKeyKeepsExactlyTheLettersAndDigits() {
        let ranges: [ClosedRange<UInt32>] = [0x20...0x7F, 0x3041...0x3096, 0x30A1...0x30FA, 0x30FC...0x30FC, 0x4E00...0x9FFF,
                                             0x3001...0x3003, 0x3008...0x3011, 0x203B...0x203B, 0x2500...0x257F, 0x25A0...0x25FF]
        var mismatches: [String] = []
        for range in ranges {
            for value in range {
                guard let scalar = Unicode.Scalar(value) else { continue }
                let text = String(Character(scalar))
                let slow = text.precomposedStringWithCompatibilityMapping.precomposedStringWithCanonicalMapping.lowercased()
                    .unicodeScalars.filter(SheetLabels.isLetterOrDigit).map(String.init).joined()
                if SheetLabels.normalise(text) != slow { mismatches.append(String(value, radix: 16)) }
            }
        }
        #expect(mismatches.isEmpty, "U+\(mismatches.prefix(20).joined(separator: ", U+"))")
    }

    @Test(arguments: ["Microsoft 365_リダイレクトURI2（example.co.jp）", "URI2(ドメイン：example.co.jp)", "【URI1】https://a/b",
                      "ドメイン〔a.jp〕《b》〈c〉＜d＞［e］[f]<g>", "unclosed（abc", "(a(b)c)", "", "（）", "ｱﾄﾚｽ（x）", "※（注）"])
    func bracketsSplitTheSameByScalar(_ text: String) throws {
        let fast = try #require(SheetLabels.splitBracketsByScalar(text))
        let slow = SheetLabels.splitBracketsByCharacter(text)
        #expect(fast.rest == slow.rest)
        #expect(fast.bracketed == slow.bracketed)
    }

    /// Text with a combining mark, a joiner or a control takes the Character path.
    @Test(arguments: ["(\u{301}a)", "a\u{200D}(b)", "x\r\n(y)", "ﾀﾞ(z)", "e\u{3099}"])
    func textWithJoiningScalarsIsLeftToTheCharacterPath(_ text: String) {
        #expect(SheetLabels.splitBracketsByScalar(text) == nil)
    }

    @Test func randomTextSplitsTheSameByScalar() {
        var generator = MutatedInputTests.Seeded(state: 20261203)
        let alphabet: [Unicode.Scalar] = Array("ab1 _-:：.（）()[]［］【】〔〕<>＜＞〈〉《》「」、。ー※アイウあいう漢字ＡＢ１".unicodeScalars)
        for _ in 0..<2_000 {
            let length = Int.random(in: 0...24, using: &generator)
            var scalars = String.UnicodeScalarView()
            for _ in 0..<length { scalars.append(alphabet[Int.random(in: 0..<alphabet.count, using: &generator)]) }
            let text = String(scalars)
            guard let fast = SheetLabels.splitBracketsByScalar(text) else {
                Issue.record("fast path refused \(text)")
                continue
            }
            let slow = SheetLabels.splitBracketsByCharacter(text)
            #expect(fast.rest == slow.rest && fast.bracketed == slow.bracketed, "\(text)")
            // U+3000 sends the text down Foundation's folding path; it is no letter, so the key is the same.
            #expect(SheetLabels.normalise(text) == SheetLabels.normalise(text + "\u{3000}"), "\(text)")
        }
    }

    /// The sniffer's head reads top-level keys and passes over blank, comment and directive lines
    /// the same over bytes as over Characters, on lines of standalone scalars.
    @Test func headKeysReadTheSameOverBytes() {
        var generator = MutatedInputTests.Seeded(state: 20261209)
        let pieces = ["applicationId", "clientSecret", "kind", ":", ": ", ":\t", " ", "\t", "#", " #", "\"", "'", "-", "---", "%",
                      "{", "[", "&", "*", "!", "|", ">", "@", "`", "値", "1a446d5b-03f4", "https://a/b", "：", "mailgates Σ", ""]
        var checked = 0
        for _ in 0..<4_000 {
            let count = Int.random(in: 0...6, using: &generator)
            let line = Substring((0..<count).map { _ in pieces[Int.random(in: 0..<pieces.count, using: &generator)] }.joined())
            guard Graphemes.isStandaloneText(line) else { continue }
            checked += 1
            let fast = InputSniffer.Head.byteKey(line)
            let slow = InputSniffer.Head.topLevelKey(line)
            #expect(fast?.key == slow?.key && fast?.value == slow?.value, "\(line.debugDescription)")
            #expect(InputSniffer.Head.isPassedOverByByte(line) == InputSniffer.Head.isPassedOver(line), "\(line.debugDescription)")
        }
        #expect(checked > 2_000)
    }

    /// Peeling a value's wrapper gives the same with the byte look at its ends as by Character.
    @Test func unwrappingLooksAtTheEndsAsTheCharacterPathDoes() {
        var generator = MutatedInputTests.Seeded(state: 20261211)
        let pieces = ["https://a-mgf.cybermail.jp/mg-cgi/mg_login", "<", ">", "＜", "＞", "「", "」", "\"", "'", "(", ")", "（", "）",
                      "。", "、", ".", ",", "．", "，", "“", "”", "x", "/", " ", "e\u{301}", "\r\n", "1", "値"]
        for _ in 0..<4_000 {
            let count = Int.random(in: 0...5, using: &generator)
            let text = (0..<count).map { _ in pieces[Int.random(in: 0..<pieces.count, using: &generator)] }.joined()
            #expect(SheetValueCleaner.unwrapOnce(text) == SheetValueCleaner.unwrapOnceByCharacter(text), "\(text.debugDescription)")
        }
    }

    /// What the quick rejection of `SheetLabels.cannotBeLabel` turns away, the folded match finds
    /// no label in: random ASCII text made of labels' pieces, values and brackets, and every
    /// ASCII label spelling the sheets use (which it must let through).
    @Test func rejectedTextHoldsNoLabel() {
        var generator = MutatedInputTests.Seeded(state: 20261208)
        let pieces = ["Microsoft 365", "_", "Redirect", "URI", "URL", "1", "2", "Office365", "M365", "ms", "Customer", "name",
                      "Access", "Domain", "s", " ", ":", "(", ")", "[", "]", "<", ">", "https://t1-mgf.cybermail.jp/mg-cgi/mg_login",
                      "example.co.jp", "1a446d5b-03f4", "9A6~x", "-", "#", "x", "e", "Z", "0", "applicationId", "Client", "do", "Ac", "i",
                      "Micro", "soft", "3", "6", "5", "off", "ice", "cus", "tomer", "dom", "ain"]
        var rejected = 0
        for _ in 0..<5_000 {
            let count = Int.random(in: 0...6, using: &generator)
            let text = (0..<count).map { _ in pieces[Int.random(in: 0..<pieces.count, using: &generator)] }.joined()
            guard Array(text.utf8).withUnsafeBufferPointer(SheetLabels.cannotBeLabel) else { continue }
            rejected += 1
            #expect(SheetLabels.foldedMatch(text) == nil, "\(text)")
        }
        #expect(rejected > 1_000)
        for label in ["Microsoft 365_Redirect URI1", "Office 365 redirect url 2", "m365_RedirectURI2", "Customer", "Customer name",
                      "Access URL", "Domains", "domain", "Domain(example.co.jp)", "  - Microsoft 365_RedirectURI2", "RedirectURI1"] {
            #expect(SheetLabels.foldedMatch(label) != nil, "\(label)")
            #expect(!Array(label.utf8).withUnsafeBufferPointer(SheetLabels.cannotBeLabel), "\(label)")
            #expect(SheetLabels.match(label) == SheetLabels.foldedMatch(label), "\(label)")
        }
    }

    /// Label lines split the same over scalars as over Characters, and ASCII domains are judged
    /// the same over bytes.
    @Test func randomLabelLinesSplitTheSameByScalar() {
        var generator = MutatedInputTests.Seeded(state: 20261204)
        let pieces = ["Microsoft 365_リダイレクトURI1", "Microsoft 365_リダイレクトURI2", "ドメイン", "お客様名", "アクセスURL",
                      "URI2", " ", "  ", "\u{3000}", "\t", ":", "：", "（", "）", "(", ")", "【", "】", "example.co.jp",
                      "https://abc-mgf.cybermail.jp/mg-cgi/mg_login", "ａｂ", "x", "ﾄﾞ"]
            .map { $0.replacingOccurrences(of: "\\u{3000}", with: "\u{3000}").replacingOccurrences(of: "\\t", with: "\t") }
        var checked = 0
        for _ in 0..<3_000 {
            let count = Int.random(in: 0...7, using: &generator)
            let line = (0..<count).map { _ in pieces[Int.random(in: 0..<pieces.count, using: &generator)] }.joined()
            guard Graphemes.isStandaloneText(line) else { continue }
            checked += 1
            let fast = TextSheet.splitLabelLineByScalar(line)
            let slow = TextSheet.splitLabelLineByCharacter(line)
            #expect(fast?.0 == slow?.0 && fast?.1 == slow?.1, "\(line)")
        }
        #expect(checked > 1_000)
        let domains = ["example.co.jp", "a.b", "a.bc", "-a.jp", "a-.jp", "a..jp", ".jp", "jp.", "a.j1", "a.1p", "ab", "",
                       "a_b.jp", "xn--abc.jp", "A.JP", "a.b.c.d.e", "a b.jp", "1.2.3.4", "ex@mple.jp", "a.-jp", "a.jp-"]
        for domain in domains {
            #expect(Array(domain.utf8).withUnsafeBufferPointer(SheetLabels.asciiDomainLike) == SheetLabels.isDomainLikeByCharacter(domain), "\(domain)")
        }
        #expect(SheetLabels.isDomainLike("例え.jp") == SheetLabels.isDomainLikeByCharacter("例え.jp"))
    }

    /// Heading domains, domain lists and the interpreter's domain comparison: each fast path gives
    /// what the general code gives, on random text of domains, URLs, brackets, marks and kana.
    @Test func domainFastPathsAnswerAsTheGeneralCode() {
        var generator = MutatedInputTests.Seeded(state: 20261219)
        let pieces = ["example", ".", "co", "jp", "-", "*", ":", "：", "(", ")", "[", "]", "<", ">", "【", "】", "（", "）", " ", "\t",
                      "\u{3000}", "■", "・", ",", "、", "/", "_", "@", "=", "https://", "t1-mgf.cybermail.jp/mg-cgi/mg_login", "例え",
                      "ドメイン", "A", "Z", "9", "\r\n", "\u{301}", "。", "x.y", "\u{200B}", "example.co.jp", "例え.jp", "a-b.jp"]
        var rejected = 0, found = 0, lists = 0
        for _ in 0..<6_000 {
            let count = Int.random(in: 0...7, using: &generator)
            let text = (0..<count).map { _ in pieces[Int.random(in: 0..<pieces.count, using: &generator)] }.joined()
            let slow = SheetLabels.headingDomainByParts(text)
            #expect(SheetLabels.headingDomain(text) == slow, "\(text.debugDescription)")
            if Array(text.utf8).withUnsafeBufferPointer(SheetLabels.holdsNoHeadingDomain) {
                rejected += 1
                #expect(slow == nil, "\(text.debugDescription)")
            }
            if slow != nil { found += 1 }
            let list = SheetLabels.domainList(text)
            #expect(list == SheetLabels.domainListByParts(text), "\(text.debugDescription)")
            if !list.isEmpty { lists += 1 }
        }
        #expect(rejected > 2_000 && found > 100 && lists > 300, "\(rejected) \(found) \(lists)")
        for domain in ["example.co.jp", "a-b.jp", "A.JP", "-a.jp", "a.jp-", "a..jp", "x", "1.2"] {
            #expect(SheetLabels.domainList(domain) == SheetLabels.domainListByParts(domain), "\(domain)")
        }
        let pairs = [("Example.CO.jp", "example.co.jp"), ("a.jp", "a.jp "), ("[", "{"), ("@", "`"), ("ä.jp", "Ä.JP"), ("ß.jp", "SS.jp"),
                     ("例え.jp", "例え.JP"), ("", ""), ("a", ""), ("ｅｘ.jp", "ex.jp"), ("Z", "z"), ("^", "~")]
        for (a, b) in pairs {
            #expect(TextDecoding.equalIgnoringCase(a, b) == (a.caseInsensitiveCompare(b) == .orderedSame), "\(a) \(b)")
        }
    }

    /// Labels with brackets take the field from the cached text outside them; the same labels
    /// as by the key, on random label text with brackets, colons and domains. The colon split over
    /// bytes cuts where the Character split cuts.
    @Test func bracketedLabelsMatchAsByTheirKey() {
        var generator = MutatedInputTests.Seeded(state: 20261220)
        let pieces = ["Microsoft 365_リダイレクトURI2", "URI1", "ドメイン", "Domain", "お客様名", "アクセスURL", "（", "）", "(", ")", "【", "】",
                      "［", "］", "<", ">", "：", ":", "example.co.jp", "例え.jp", " ", "\u{3000}", "x", "ﾄﾞ", "e\u{301}", "\u{EF}", "ｚ", "2"]
        var bracketed = 0
        for _ in 0..<4_000 {
            func some(_ range: ClosedRange<Int>) -> String {
                (0..<Int.random(in: range, using: &generator)).map { _ in pieces[Int.random(in: 0..<pieces.count, using: &generator)] }.joined()
            }
            let pair = [("（", "）"), ("(", ")"), ("【", "】"), ("<", ">")][Int.random(in: 0..<4, using: &generator)]
            let text = some(1...3) + (Bool.random(using: &generator) ? pair.0 + some(0...2) + pair.1 : "") + some(0...1)
            #expect(SheetLabels.foldedMatch(text) == SheetLabels.foldedMatchByKey(text), "\(text.debugDescription)")
            if !SheetLabels.splitBrackets(text).bracketed.isEmpty { bracketed += 1 }
            let bytes = SheetLabels.splitAtFirstColon(text)
            let characters = text.firstIndex(where: { $0 == ":" || $0 == "：" }).map { (String(text[..<$0]), String(text[text.index(after: $0)...])) }
            #expect(bytes?.0 == characters?.0 && bytes?.1 == characters?.1, "\(text.debugDescription)")
        }
        #expect(bracketed > 1_000)
        let label = SheetLabels.foldedMatch("Microsoft 365_リダイレクトURI2（ドメイン：example.co.jp）")
        #expect(label == SheetLabel(field: .uri2, domain: "example.co.jp"))
    }

    /// The sniffer's first separator over contiguous bytes is the one the index walk finds, on
    /// lines cut from a larger text (so the offsets are not from its start).
    @Test func firstSeparatorsFoundOverBytesAsByIndex() {
        var generator = MutatedInputTests.Seeded(state: 20261221)
        let pieces = ["a", ":", "：", "\t", "ｚ", "\u{EF}", "ア", "\u{FF1B}", " ", "漢", "#", "\u{3A}\u{301}"]
        var found = 0
        for _ in 0..<2_000 {
            let count = Int.random(in: 0...8, using: &generator)
            let text = "head\n" + (0..<count).map { _ in pieces[Int.random(in: 0..<pieces.count, using: &generator)] }.joined() + "\ntail"
            guard let line = text.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().first else { continue }
            let fast = InputSniffer.Head.firstSeparatorByte(line)
            #expect(fast == InputSniffer.Head.firstSeparatorByIndex(line), "\(line.debugDescription)")
            if fast != nil { found += 1 }
        }
        #expect(found > 500)
    }

    /// The byte search for `://` and ` #` finds what Foundation's search finds, on standalone text.
    @Test func byteSearchFindsWhatFoundationFinds() {
        var generator = MutatedInputTests.Seeded(state: 20261222)
        let pieces = [":", "/", "//", "://", " ", "#", " #", "h", "ttp", "ア", "ｚ", "漢", "e", "x.jp"]
        for _ in 0..<2_000 {
            let count = Int.random(in: 0...9, using: &generator)
            let text = (0..<count).map { _ in pieces[Int.random(in: 0..<pieces.count, using: &generator)] }.joined()
            for needle in ["://", " #"] {
                let fast = needle == "://" ? SheetLabels.range(of: "://", in: text) : SheetLabels.range(of: " #", in: text)
                #expect(fast == text.range(of: needle), "\(needle) in \(text.debugDescription)")
            }
            #expect(SheetLabels.isURLLike(text) == (text.lowercased().contains("://") || text.lowercased().hasPrefix("http")), "\(text.debugDescription)")
        }
    }
}
