/// Plain-language explanations of URI edits, in Japanese and English, worded by the phrases of
/// `rules/phrases.yaml` (`URIDiffPhrases`, passed in: Matching reads no file).
/// Characters are named by the few characters before them in the expected URI and by their
/// 1-based position; invisible characters are always shown as code points.
extension URIEdit {
    public func explanation(_ language: Language, expected: String, phrases: URIDiffPhrases) -> String {
        Wording(edit: self, expected: Array(expected.unicodeScalars), language: language, phrases: phrases).text
    }
}

extension URIComparison {
    /// Every edit's explanation in one paragraph.
    public func summary(_ language: Language, phrases: URIDiffPhrases) -> String {
        let parts = edits.map { $0.explanation(language, expected: expected, phrases: phrases) }
        guard !parts.isEmpty else { return phrases.identical.text(language) }
        let text = parts.joined(separator: phrases.joiner.text(language)) + phrases.end.text(language)
        // English sentences start with a capital; Japanese has none (and may start with a scheme).
        return language == .en ? text.prefix(1).uppercased() + text.dropFirst() : text
    }
}

private struct Wording {
    let edit: URIEdit
    let expected: [Unicode.Scalar]
    let language: Language
    let phrases: URIDiffPhrases

    func say(_ phrase: LocalizedText, _ values: [String: String] = [:]) -> String {
        MessageTemplate.fill(phrase.text(language), values)
    }

    /// Shown text: invisible characters as ⟨U+XXXX⟩, non-ASCII characters followed by their code points.
    func q(_ text: String) -> String {
        let shown = VisibleText.escape(text, keepInnerSpaces: false)
        let nonASCII = uniqueScalars(text).filter { !$0.isASCII && !VisibleText.isInvisible($0) }
        guard !nonASCII.isEmpty, nonASCII.count <= 3 else { return say(phrases.quoted, ["text": shown]) }
        let points = nonASCII.map(codePoint).joined(separator: phrases.codePointSeparator.text(language))
        return say(phrases.quotedWithCodePoints, ["text": shown, "codePoints": points])
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
        if edit.position <= 0 { return say(phrases.atStart) }
        return say(phrases.after, ["context": context, "position": String(n)])
    }

    /// Like `at`, but the very end of the URI is called the end.
    var atOrEnd: String {
        if edit.position >= expected.count, !expected.isEmpty { return say(phrases.atEnd) }
        return at
    }

    /// 「"abc" の後（12 文字目）の」.
    var of: String {
        if edit.position <= 0 { return say(phrases.ofStart) }
        return say(phrases.afterOf, ["context": context, "position": String(n)])
    }

    var text: String {
        let x = edit.expectedText.isEmpty
        let y = edit.actualText.isEmpty
        let p = phrases
        switch edit.kind {
        case .missingHyphen: return say(p.missingHyphen, ["at": at, "expected": e])
        case .extraHyphen: return say(p.extraHyphen, ["at": at, "actual": a])
        case .missingSymbol: return say(p.missingSymbol, ["at": at, "expected": e])
        case .extraSymbol: return say(p.extraSymbol, ["at": at, "actual": a])
        case .leadingSpace: return say(p.leadingSpace, ["blanks": blanks])
        case .trailingSpace: return say(p.trailingSpace, ["blanks": blanks])
        case .innerSpace: return say(p.innerSpace, ["at": atOrEnd, "blanks": blanks])
        case .zeroWidth: return say(p.zeroWidth, ["at": atOrEnd, "blanks": blanks, "bareBlanks": blankList(articles: false)])
        case .fullWidth: return say(p.fullWidth, ["of": of, "actual": a, "expected": e])
        case .hostCase: return say(p.hostCase, ["position": String(n), "actual": a, "expected": e])
        case .pathCase: return say(p.pathCase, ["position": String(n), "actual": a, "expected": e])
        case .trailingSlash:
            return x ? say(p.extraSlash, ["at": at, "actual": a]) : say(p.missingSlash, ["at": at, "expected": e])
        case .scheme:
            if y { return say(p.missingScheme, ["expected": e]) }
            return say(p.scheme, ["actualText": plain(edit.actualText), "expectedText": plain(edit.expectedText)])
        case .port:
            if x { return say(p.extraPort, ["actual": a]) }
            if y { return say(p.missingPort, ["expected": e]) }
            return say(p.changedPort, ["actual": a, "expected": e])
        case .query:
            if x { return say(p.extraQuery, ["actual": a]) }
            if y { return say(p.missingQuery, ["expected": e]) }
            return say(p.changedQuery, ["actual": a, "expected": e])
        case .fragment:
            if x { return say(p.extraFragment, ["actual": a]) }
            if y { return say(p.missingFragment, ["expected": e]) }
            return say(p.changedFragment, ["actual": a, "expected": e])
        case .missingText: return say(p.missingText, ["at": at, "expected": e])
        case .extraText: return say(p.extraText, ["at": at, "actual": a])
        case .changedText: return say(p.changedText, ["of": of, "expected": e, "actual": a])
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
            let name = blankName(scalar)
            let point = codePoint(scalar)
            if count > 1 {
                return say(phrases.blankMany, ["name": name.plural.text(language), "codePoint": point, "count": String(count)])
            }
            return say(phrases.blankOne, ["name": (articles ? name.one : name.name).text(language), "codePoint": point])
        }.joined(separator: phrases.listSeparator.text(language))
    }

    func blankName(_ s: Unicode.Scalar) -> URIDiffPhrases.BlankName {
        let point = codePoint(s)
        if let named = phrases.blankNames.first(where: { ($0.codePoints ?? []).contains(point) }) { return named }
        return URIChar.isSpace(s) ? phrases.otherSpace : phrases.otherFormat
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
