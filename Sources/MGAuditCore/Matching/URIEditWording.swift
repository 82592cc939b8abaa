/// Plain-language explanations of URI edits, in Japanese and English.
/// Characters are named by the few characters before them in the expected URI and by their
/// 1-based position; invisible characters are always shown as code points.
extension URIEdit {
    public func explanation(_ language: Language, expected: String) -> String {
        let w = Wording(edit: self, expected: Array(expected.unicodeScalars), language: language)
        return w.text
    }
}

extension URIComparison {
    /// Every edit's explanation in one paragraph.
    public func summary(_ language: Language) -> String {
        let parts = edits.map { $0.explanation(language, expected: expected) }
        switch language {
        case .ja:
            return parts.isEmpty ? "完全に一致しています。" : parts.map { $0 + "。" }.joined()
        case .en:
            guard !parts.isEmpty else { return "Identical." }
            let text = parts.joined(separator: "; ") + "."
            return text.prefix(1).uppercased() + text.dropFirst()
        }
    }
}

private struct Wording {
    let edit: URIEdit
    let expected: [Unicode.Scalar]
    let language: Language
    var ja: Bool { language == .ja }

    /// Shown text: invisible characters as ⟨U+XXXX⟩, non-ASCII characters followed by their code points.
    func q(_ text: String) -> String {
        let shown = VisibleText.escape(text, keepInnerSpaces: false)
        let nonASCII = uniqueScalars(text).filter { !$0.isASCII && !VisibleText.isInvisible($0) }
        guard !nonASCII.isEmpty, nonASCII.count <= 3 else { return ja ? "「\(shown)」" : "'\(shown)'" }
        let points = nonASCII.map(codePoint).joined(separator: ", ")
        return ja ? "「\(shown)」（\(points)）" : "'\(shown)' (\(points))"
    }

    var e: String { q(edit.expectedText) }
    var a: String { q(edit.actualText) }
    var n: Int { edit.position + 1 }

    static let separators = Set("/.:?#&=@".unicodeScalars)

    /// The characters just before the edit, cut after a separator when that leaves at least three.
    var context: String {
        let p = min(max(edit.position, 0), expected.count)
        let windowStart = max(0, p - 12)
        var start = windowStart
        var k = p - 1
        while k >= windowStart {
            // Cut after a separator that ends a run of them ("https://" stays whole).
            let gluedToNext = k + 1 < p && Self.separators.contains(expected[k + 1])
            if Self.separators.contains(expected[k]), !gluedToNext, p - (k + 1) >= 3 { start = k + 1; break }
            k -= 1
        }
        return VisibleText.escape(String(String.UnicodeScalarView(expected[start..<p])), keepInnerSpaces: false)
    }

    /// 「"abc" の後（12 文字目）に」 / "after 'abc' (character 12)".
    var at: String {
        if edit.position <= 0 { return ja ? "先頭に" : "at the start" }
        return ja ? "\"\(context)\" の後（\(n) 文字目）に" : "after '\(context)' (character \(n))"
    }

    /// Like `at`, but the very end of the URI is called the end.
    var atOrEnd: String {
        if edit.position >= expected.count, !expected.isEmpty { return ja ? "末尾に" : "at the end" }
        return at
    }

    /// 「"abc" の後（12 文字目）の」.
    var of: String {
        if edit.position <= 0 { return ja ? "先頭の" : "at the start" }
        return ja ? "\"\(context)\" の後（\(n) 文字目）の" : "after '\(context)' (character \(n))"
    }

    var text: String {
        let x = edit.expectedText.isEmpty
        let y = edit.actualText.isEmpty
        switch edit.kind {
        case .missingHyphen:
            return ja ? "\(at)ハイフン\(e)が足りません" : "a hyphen \(e) is missing \(at)"
        case .extraHyphen:
            return ja ? "\(at)不要なハイフン\(a)があります" : "an extra hyphen \(a) \(at) must be removed"
        case .missingSymbol:
            return ja ? "\(at)記号\(e)が足りません" : "the symbol \(e) is missing \(at)"
        case .extraSymbol:
            return ja ? "\(at)不要な記号\(a)があります" : "an extra symbol \(a) \(at) must be removed"
        case .leadingSpace:
            return ja ? "先頭に\(blanks)が入っています" : "\(blanks) at the start must be removed"
        case .trailingSpace:
            return ja ? "末尾に\(blanks)が入っています" : "\(blanks) at the end must be removed"
        case .innerSpace:
            return ja ? "\(atOrEnd)\(blanks)が入っています" : "\(blanks) \(atOrEnd) must be removed"
        case .zeroWidth:
            return ja ? "\(atOrEnd)見えない文字の\(blanks)が入っています" : "remove the invisible \(blankList(articles: false)) \(atOrEnd)"
        case .fullWidth:
            let half = q(edit.expectedText)
            return ja ? "\(of)\(a)が全角になっています。半角の\(half)にしてください"
                : "\(a) \(of) is full-width; type the half-width \(half)"
        case .hostCase:
            return ja ? "ホスト名（\(n) 文字目）の\(a)は大文字・小文字が違います。\(e)にしてください"
                : "the host name has \(a) (character \(n)); use \(e) (same letters, different case)"
        case .pathCase:
            return ja ? "パス（\(n) 文字目）の\(a)は大文字・小文字が違います。\(e)にしてください（パスは大文字と小文字が区別されます）"
                : "the path has \(a) (character \(n)); use \(e) (paths are case-sensitive)"
        case .trailingSlash:
            return x ? (ja ? "\(at)不要なスラッシュ\(a)があります" : "an extra slash \(a) \(at) must be removed")
                : (ja ? "\(at)末尾のスラッシュ\(e)が足りません" : "the trailing slash \(e) is missing \(at)")
        case .scheme:
            if y { return ja ? "先頭の\(e)が足りません" : "\(e) is missing at the start" }
            return ja ? "\(plain(edit.actualText)) ではなく \(plain(edit.expectedText)) にしてください"
                : "use \(plain(edit.expectedText)), not \(plain(edit.actualText))"
        case .port:
            if x { return ja ? "ホスト名の後に不要なポート番号\(a)があります" : "the port \(a) after the host name must be removed" }
            if y { return ja ? "ホスト名の後のポート番号\(e)が足りません" : "the port \(e) is missing after the host name" }
            return ja ? "ポート番号が\(a)になっています。\(e)にしてください" : "the port is \(a); use \(e)"
        case .query, .fragment:
            let part = edit.kind == .query ? (ja ? "クエリ" : "query") : (ja ? "フラグメント" : "fragment")
            if x { return ja ? "不要な\(part)\(a)があります" : "the \(part) \(a) is not in the expected URI and must be removed" }
            if y { return ja ? "\(part)\(e)が足りません" : "the \(part) \(e) is missing" }
            return ja ? "\(part)が\(a)になっています。\(e)にしてください" : "the \(part) is \(a); use \(e)"
        case .missingText:
            return ja ? "\(at)\(e)が足りません" : "\(e) is missing \(at)"
        case .extraText:
            return ja ? "\(at)余分な\(a)が入っています" : "an extra \(a) \(at) must be removed"
        case .changedText:
            return ja ? "\(of)\(e)が\(a)になっています" : "\(a) \(of) should be \(e)"
        }
    }

    func plain(_ text: String) -> String { VisibleText.escape(text, keepInnerSpaces: false) }

    /// 「全角スペース（U+3000）」, 「半角スペース（U+0020）×2」 / "a full-width space (U+3000)", "2 spaces (U+0020)".
    var blanks: String { blankList(articles: true) }

    func blankList(articles: Bool) -> String {
        var runs: [(Unicode.Scalar, Int)] = []
        for s in edit.actualText.unicodeScalars {
            if let last = runs.last, last.0 == s { runs[runs.count - 1].1 += 1 } else { runs.append((s, 1)) }
        }
        return runs.map { scalar, count in
            let (jaName, enName, enPlural) = Self.blankName(scalar)
            if ja { return "\(jaName)（\(codePoint(scalar))）" + (count > 1 ? "×\(count)" : "") }
            if count > 1 { return "\(count) \(enPlural) (\(codePoint(scalar)))" }
            let article = "aeiou".contains(enName.prefix(1)) ? "an " : "a "
            return (articles ? article : "") + "\(enName) (\(codePoint(scalar)))"
        }.joined(separator: ja ? "、" : ", ")
    }

    static func blankName(_ s: Unicode.Scalar) -> (String, String, String) {
        switch s.value {
        case 0x20: ("半角スペース", "space", "spaces")
        case 0xA0: ("ノーブレークスペース", "no-break space", "no-break spaces")
        case 0x3000: ("全角スペース", "full-width space", "full-width spaces")
        case 0x09: ("タブ", "tab", "tabs")
        case 0x0A, 0x0D: ("改行", "line break", "line breaks")
        case 0x200B: ("ゼロ幅スペース", "zero-width space", "zero-width spaces")
        case 0x200C: ("ゼロ幅非接合子", "zero-width non-joiner", "zero-width non-joiners")
        case 0x200D: ("ゼロ幅接合子", "zero-width joiner", "zero-width joiners")
        case 0xFEFF: ("BOM（ゼロ幅ノーブレークスペース）", "byte order mark", "byte order marks")
        case 0x2060: ("ワードジョイナー", "word joiner", "word joiners")
        default:
            URIChar.isSpace(s) ? ("空白文字", "space character", "space characters")
                : ("書式制御文字", "formatting character", "formatting characters")
        }
    }

    func codePoint(_ s: Unicode.Scalar) -> String {
        let hex = String(s.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    func uniqueScalars(_ text: String) -> [Unicode.Scalar] {
        var seen: Set<Unicode.Scalar> = []
        return text.unicodeScalars.filter { seen.insert($0).inserted }
    }
}
