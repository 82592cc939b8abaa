import Foundation

/// Which value of the notification sheet a label names.
enum SheetField: Sendable, Hashable {
    case customer, accessURL, domains, uri1, uri2
}

/// A recognised label, with the domain written in brackets after it, if any
/// (`Microsoft 365_リダイレクトURI2（example.co.jp）`).
struct SheetLabel: Sendable, Hashable {
    var field: SheetField
    var domain: String?
}

/// Recognises the labels a sheet prints, in the spellings people produce when they retype or
/// reformat it: with or without `_` and spaces, full-width or half-width, 「quoted」, with a trailing
/// colon. Labels are compared loosely; values never are (see `trimASCII`).
enum SheetLabels {
    static let uri1Label = "Microsoft 365_リダイレクトURI1"
    static let uri2Label = "Microsoft 365_リダイレクトURI2"
    /// Longer text is never a label (nor a domain heading); the bound keeps long lines cheap.
    static let maximumLabelBytes = 512

    private static let productPrefixes = ["microsoft365", "office365", "ms365", "m365"]
    private static let redirectStems = ["リダイレクトuri", "リダイレクトurl", "redirecturi", "redirecturl"]
    private static let customerLabels: Set<String> = [
        "お客様名", "お客さま名", "お客様", "ご契約者名", "契約者名", "契約者", "会社名", "貴社名", "顧客名",
        "customer", "customername",
    ]
    private static let accessURLLabels: Set<String> = ["アクセスurl", "アクセスuri", "accessurl"]
    private static let domainStems = ["ご契約ドメイン", "契約ドメイン", "対象ドメイン", "ドメイン", "domains", "domain"]

    private static let brackets: [Character: Character] = [
        "(": ")", "（": "）", "[": "]", "［": "］", "【": "】", "〔": "〕", "<": ">", "＜": "＞", "〈": "〉", "《": "》",
    ]

    /// The label a cell or line prefix is, or nil. The whole text must be a label: a sentence that
    /// merely mentions 「Microsoft 365_リダイレクトURI1」 is not one.
    static func match(_ raw: String) -> SheetLabel? {
        guard raw.utf8.count <= maximumLabelBytes else { return nil }
        // Values (URLs, GUIDs, domains) are told apart over their bytes, before the cache hashes them.
        if raw.utf8.withContiguousStorageIfAvailable(cannotBeLabel) == true { return nil }
        // A sheet's label text is matched up to three times (the sniffer's look, the line split,
        // the interpreter) and the same labels come back in every tenant of a fleet.
        if let known = MatchCache.shared.lookup(raw) { return known }
        let label = foldedMatch(raw)
        MatchCache.shared.store(raw, label)
        return label
    }

    /// ASCII text without brackets whose first two letters or digits begin none of the ASCII
    /// keys (`mi`crosoft365, `ms`365, `m3`65, `of`fice365, `re`directuri, `cu`stomer, `ac`cessurl,
    /// `do`main; the shortest is four long) is no label: its key, the letters and digits
    /// lower-cased (`normalise`), is none of ours. The sheets' values (URLs, GUIDs, domains) and
    /// the settings' lines are such text, and skip the split and the fold. A test checks that
    /// `foldedMatch` finds nothing in any text this rejects.
    static func cannotBeLabel(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var first: UInt8 = 0
        var second: UInt8 = 0
        for byte in bytes {
            if byte >= 0x80 || byte == UInt8(ascii: "(") || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "<") { return false }
            guard second == 0, (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) else { continue }
            let folded = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
            if first == 0 { first = folded } else { second = folded }
        }
        guard second != 0 else { return true }
        return !asciiKeyStarts.contains(UInt16(first) << 8 | UInt16(second))
    }

    /// The first two bytes of every ASCII key (`cannotBeLabel`).
    private static let asciiKeyStarts: Set<UInt16> = Set(["mi", "ms", "m3", "of", "re", "cu", "ac", "do"].map { pair in
        pair.utf8.reduce(UInt16(0)) { $0 << 8 | UInt16($1) }
    })

    /// `match` by the label's key: brackets split off, the rest folded (`normalise`).
    static func foldedMatch(_ raw: String) -> SheetLabel? {
        let (rest, bracketed) = splitBrackets(raw)
        // `URI2（example.co.jp）`: the text outside the brackets recurs from tenant to tenant
        // while the domain does not, so the field is `match`ed (cached) by that text; it folds to
        // the same key, having no brackets of its own (an opener left in it, from an unclosed
        // one, would be split again: then it is folded here).
        if !bracketed.isEmpty, !rest.unicodeScalars.contains(where: mayBeBracket) {
            guard var label = match(rest) else { return nil }
            if label.field == .uri1 || label.field == .uri2 || label.field == .domains { label.domain = bracketed.lazy.compactMap(bracketDomain).first }
            return label
        }
        return label(rest: rest, bracketed: bracketed)
    }

    /// `foldedMatch` without the cached route: always by the key of the text outside brackets.
    static func foldedMatchByKey(_ raw: String) -> SheetLabel? {
        let (rest, bracketed) = splitBrackets(raw)
        return label(rest: rest, bracketed: bracketed)
    }

    private static func label(rest: String, bracketed: [String]) -> SheetLabel? {
        let key = normalise(rest)
        guard !key.isEmpty else { return nil }
        let domain = bracketed.lazy.compactMap(bracketDomain).first
        if let number = redirectNumber(key) {
            return SheetLabel(field: number == 1 ? .uri1 : .uri2, domain: domain)
        }
        if customerLabels.contains(key) { return SheetLabel(field: .customer) }
        if accessURLLabels.contains(key) { return SheetLabel(field: .accessURL) }
        if isDomainLabel(key) { return SheetLabel(field: .domains, domain: domain) }
        return nil
    }

    /// NFKC (full-width to half-width, half-width katakana to full-width), lower case, and only
    /// letters and digits kept: `Ｍｉｃｒｏｓｏｆｔ３６５ リダイレクト ＵＲＩ２：` → `microsoft365リダイレクトuri2`.
    static func normalise(_ text: String) -> String {
        if isFoldingInvariant(text) { return invariantKey(text) }
        var out = String.UnicodeScalarView()
        // The canonical pass composes what the compatibility pass leaves apart on Linux
        // (half-width ﾀﾞ becomes タ + U+3099, not ダ). Folding-invariant text took `invariantKey` above.
        let folded = text.precomposedStringWithCompatibilityMapping.precomposedStringWithCanonicalMapping.lowercased()
        for scalar in folded.unicodeScalars where isLetterOrDigit(scalar) {
            out.append(scalar)
        }
        return String(out)
    }

    /// `normalise` of folding-invariant text, over UTF-8 bytes: ASCII letters lower-cased, ASCII
    /// digits, kana and CJK ideographs kept (all alphabetic), the rest of the invariant set
    /// (punctuation, box drawing, shapes: none alphabetic or a digit) dropped. A test checks every
    /// scalar of the set against `isLetterOrDigit`.
    private static func invariantKey(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            let value = scalar.value
            switch value {
            case 0x30...0x39, 0x61...0x7A: out.append(UInt8(value))
            case 0x41...0x5A: out.append(UInt8(value) | 0x20)
            case 0x3041...0x3096, 0x30A1...0x30FA, 0x30FC, 0x4E00...0x9FFF:
                // Three UTF-8 bytes: every scalar here is between U+0800 and U+FFFF.
                out.append(UInt8(0xE0 | (value >> 12)))
                out.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
                out.append(UInt8(0x80 | (value & 0x3F)))
            default: continue
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Alphabetic or a decimal digit; ASCII answered without the property tables.
    static func isLetterOrDigit(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return true
        case 0..<0x80: return false
        default: return scalar.properties.isAlphabetic || scalar.properties.numericType == .decimal
        }
    }

    /// True when NFKC, NFC and lower-casing leave every scalar but ASCII letters alone: ASCII,
    /// hiragana U+3041–3096, katakana U+30A1–30FA and ー U+30FC, CJK ideographs U+4E00–9FFF, the
    /// sheets' punctuation 、。〃 U+3001–3003, 〈〉《》「」『』【】 U+3008–3011, ※ U+203B, box drawing
    /// U+2500–257F and geometric shapes U+25A0–25FF (none of them has a decomposition, is a
    /// combining mark or has a case mapping). U+3000, voicing marks, full-width and half-width
    /// forms and everything else take the full fold.
    static func isFoldingInvariant(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { scalar in
            switch scalar.value {
            case 0..<0x80, 0x3041...0x3096, 0x30A1...0x30FA, 0x30FC, 0x4E00...0x9FFF,
                 0x3001...0x3003, 0x3008...0x3011, 0x203B, 0x2500...0x257F, 0x25A0...0x25FF: true
            default: false
            }
        }
    }

    /// `match` results by label text: bounded (emptied when full), shared by the batch's workers.
    final class MatchCache: @unchecked Sendable {
        static let shared = MatchCache()
        static let capacity = 4096
        private let lock = NSLock()
        private var entries: [Key: SheetLabel?] = [:]

        /// The text by its UTF-8 bytes: hashing a String normalises non-ASCII text first, which
        /// cost more than most matches. Byte equality is stricter than String equality, so a hit
        /// is always the answer for exactly this text.
        struct Key: Hashable {
            var text: String
            func hash(into hasher: inout Hasher) {
                if text.utf8.withContiguousStorageIfAvailable({ hasher.combine(bytes: UnsafeRawBufferPointer($0)) }) == nil {
                    Array(text.utf8).withUnsafeBytes { hasher.combine(bytes: $0) }
                }
            }
            static func == (lhs: Key, rhs: Key) -> Bool { TextDecoding.sameBytes(lhs.text, rhs.text) }
        }

        func lookup(_ raw: String) -> SheetLabel?? {
            lock.lock()
            defer { lock.unlock() }
            return entries[Key(text: raw)]
        }

        func store(_ raw: String, _ label: SheetLabel?) {
            lock.lock()
            defer { lock.unlock() }
            if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
            entries[Key(text: raw)] = label
        }
    }

    // The key is `normalise`d: prefixes are compared over its UTF-8 bytes.
    private static func redirectNumber(_ key: String) -> Int? {
        var rest = key.utf8[...]
        if let prefix = productPrefixes.first(where: { rest.starts(with: $0.utf8) }) { rest = rest.dropFirst(prefix.utf8.count) }
        guard let stem = redirectStems.first(where: { rest.starts(with: $0.utf8) }) else { return nil }
        rest = rest.dropFirst(stem.utf8.count)
        if rest.elementsEqual("1".utf8) { return 1 }
        if rest.elementsEqual("2".utf8) { return 2 }
        return nil
    }

    private static func isDomainLabel(_ key: String) -> Bool {
        guard let stem = domainStems.first(where: { key.utf8.starts(with: $0.utf8) }) else { return false }
        var tail = Substring(key.utf8.dropFirst(stem.utf8.count))
        for suffix in ["名", "name", "names"] where tail.hasPrefix(suffix) {
            tail = tail.dropFirst(suffix.count)
            break
        }
        return tail.allSatisfy(\.isNumber)
    }

    /// Whether a character starting with this scalar may be one of `brackets`' keys: a scalar
    /// test before hashing the character (which normalises it), on every character of a label.
    private static func mayBeBracket(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x28, 0x3C, 0x5B, 0xFF08, 0xFF3B, 0xFF1C, 0x3010, 0x3014, 0x3008, 0x300A: true
        default: false
        }
    }

    /// Removes bracketed parts (not 「」, which only quote) and returns them separately.
    static func splitBrackets(_ text: String) -> (rest: String, bracketed: [String]) {
        splitBracketsByScalar(text) ?? splitBracketsByCharacter(text)
    }

    /// The closer of a bracket scalar (`brackets`, by scalar), or nil.
    private static func closer(of value: UInt32) -> UInt32? {
        switch value {
        case 0x28: 0x29
        case 0x5B: 0x5D
        case 0x3C: 0x3E
        case 0xFF08: 0xFF09
        case 0xFF3B: 0xFF3D
        case 0x3010: 0x3011
        case 0x3014: 0x3015
        case 0xFF1C: 0xFF1E
        case 0x3008: 0x3009
        case 0x300A: 0x300B
        default: nil
        }
    }

    /// `splitBracketsByCharacter` over scalars and bytes, for text whose every scalar is a
    /// character of its own (`isStandalone`); nil for any other text. A test compares both.
    static func splitBracketsByScalar(_ text: String) -> (rest: String, bracketed: [String])? {
        var rest: [UInt8] = []
        var inner: [UInt8] = []
        var bracketed: [String] = []
        var expected: UInt32?
        for scalar in text.unicodeScalars {
            let value = scalar.value
            guard Graphemes.isStandalone(value) else { return nil }
            if let close = expected {
                if value == close {
                    bracketed.append(String(decoding: inner, as: UTF8.self))
                    inner.removeAll(keepingCapacity: true)
                    expected = nil
                } else {
                    UTF8.encode(scalar) { inner.append($0) }
                }
            } else if let close = closer(of: value) {
                expected = close
            } else {
                UTF8.encode(scalar) { rest.append($0) }
            }
        }
        if expected != nil { rest += inner }
        return (String(decoding: rest, as: UTF8.self), bracketed)
    }

    static func splitBracketsByCharacter(_ text: String) -> (rest: String, bracketed: [String]) {
        var rest = ""
        var bracketed: [String] = []
        var closer: Character?
        var inner = ""
        for character in text {
            if let expected = closer {
                if character == expected {
                    bracketed.append(inner)
                    inner = ""
                    closer = nil
                } else {
                    inner.append(character)
                }
            } else if let first = character.unicodeScalars.first, mayBeBracket(first), let close = brackets[character] {
                closer = close
            } else {
                rest.append(character)
            }
        }
        if closer != nil { rest += inner }
        return (rest, bracketed)
    }

    /// `example.co.jp` or `ドメイン：example.co.jp` inside brackets.
    private static func bracketDomain(_ inner: String) -> String? {
        var text = trimAllSpace(inner)
        if let (before, after) = splitAtFirstColon(text), match(before)?.field == .domains {
            text = trimAllSpace(after)
        }
        return isDomainLike(text) ? text : nil
    }

    /// The text before and after its first `:` or `：` character; over the UTF-8 bytes when every
    /// scalar is a character of its own (`：` is EF BC 9A), by Character otherwise.
    static func splitAtFirstColon(_ text: String) -> (String, String)? {
        guard Graphemes.isStandaloneText(text) else {
            guard let colon = text.firstIndex(where: { $0 == ":" || $0 == "：" }) else { return nil }
            return (String(text[..<colon]), String(text[text.index(after: colon)...]))
        }
        func split(_ bytes: UnsafeBufferPointer<UInt8>) -> (String, String)? {
            for offset in bytes.indices {
                let width = bytes[offset] == 0x3A ? 1
                    : bytes[offset] == 0xEF && offset + 2 < bytes.count && bytes[offset + 1] == 0xBC && bytes[offset + 2] == 0x9A ? 3 : 0
                guard width > 0 else { continue }
                return (String(decoding: UnsafeBufferPointer(rebasing: bytes[..<offset]), as: UTF8.self),
                        String(decoding: UnsafeBufferPointer(rebasing: bytes[(offset + width)...]), as: UTF8.self))
            }
            return nil
        }
        return text.utf8.withContiguousStorageIfAvailable(split) ?? Array(text.utf8).withUnsafeBufferPointer(split)
    }

    /// A bare domain as written: `example.co.jp`, `例え.jp` (IDN); never a URL, path or address.
    static func isDomainLike(_ text: String) -> Bool {
        // At least two labels: no dot, no domain.
        guard TextDecoding.contains(UInt8(ascii: "."), in: text) else { return false }
        if let ascii = text.utf8.withContiguousStorageIfAvailable(asciiDomainLike), let answer = ascii { return answer }
        return isDomainLikeByCharacter(text)
    }

    static func isDomainLikeByCharacter(_ text: String) -> Bool {
        let labels = text.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, let last = labels.last, last.count >= 2, last.allSatisfy(\.isLetter) else { return false }
        return labels.allSatisfy { label in
            !label.isEmpty && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.unicodeScalars.allSatisfy { $0 == "-" || ($0.isASCII ? ($0.properties.isAlphabetic || ("0"..."9").contains($0)) : $0.properties.isAlphabetic) }
        }
    }

    /// `isDomainLike` over the bytes of ASCII text (there every byte is a character, and a letter
    /// is an ASCII letter); nil when a non-ASCII byte is met before the answer is known.
    static func asciiDomainLike(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        var labels = 0
        var length = 0
        var lettersOnly = true
        var previous: UInt8 = 0
        for byte in bytes {
            guard byte < 0x80 else { return nil }
            if byte == UInt8(ascii: ".") {
                guard length > 0, previous != UInt8(ascii: "-") else { return false }
                labels += 1
                length = 0
                lettersOnly = true
            } else {
                let isLetter = (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
                let isDigit = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
                guard isLetter || isDigit || byte == UInt8(ascii: "-") else { return false }
                if length == 0, byte == UInt8(ascii: "-") { return false }
                length += 1
                if !isLetter { lettersOnly = false }
            }
            previous = byte
        }
        guard length > 0, previous != UInt8(ascii: "-") else { return false }
        return labels >= 1 && length >= 2 && lettersOnly
    }

    /// The first occurrence of an ASCII `needle`: over the UTF-8 bytes when every scalar of the
    /// text is a character of its own (where a byte match is a character match), else by
    /// Foundation's search.
    static func range(of needle: StaticString, in text: String) -> Range<String.Index>? {
        guard Graphemes.isStandaloneText(text) else { return text.range(of: needle.description) }
        return byteRange(of: needle, inStandalone: text)
    }

    /// `range(of:in:)` for text already known to be standalone: by one byte search (`memchr`,
    /// `memcmp`) over contiguous bytes, else by the UTF-8 view's indices.
    static func byteRange(of needle: StaticString, inStandalone text: String) -> Range<String.Index>? {
        let utf8 = text.utf8
        let count = needle.utf8CodeUnitCount
        let found = needle.withUTF8Buffer { pattern in
            utf8.withContiguousStorageIfAvailable { bytes in TextDecoding.firstOffset(of: pattern, in: bytes) }
        }
        if let found {
            return found.map { offset in
                let start = utf8.index(utf8.startIndex, offsetBy: offset)
                return start..<utf8.index(start, offsetBy: count)
            }
        }
        return needle.withUTF8Buffer { pattern -> Range<String.Index>? in
            guard count > 0, let head = pattern.first else { return nil }
            var index = utf8.startIndex
            while index < utf8.endIndex {
                if utf8[index] == head, utf8[index...].starts(with: pattern) {
                    return index..<utf8.index(index, offsetBy: count)
                }
                index = utf8.index(after: index)
            }
            return nil
        }
    }

    /// Values that are meant as URLs: anything with a scheme separator, or starting with `http`.
    static func isURLLike(_ text: String) -> Bool {
        // Over the bytes when every scalar is a character (no lower case of such a scalar is
        // ASCII unless the scalar is ASCII).
        if Graphemes.isStandaloneText(text) {
            if byteRange(of: "://", inStandalone: text) != nil { return true }
            let head = text.utf8.prefix(4).map { $0 | 0x20 }
            return head == Array("http".utf8)
        }
        let lower = text.lowercased()
        return lower.contains("://") || lower.hasPrefix("http")
    }

    /// The value policy: a sheet is the reference, so only ASCII whitespace around a value goes;
    /// U+3000, U+00A0 and zero-width characters stay, for the checks to show.
    static func trimASCII<S: StringProtocol>(_ text: S) -> String {
        let isASCIISpace: (Unicode.Scalar) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\u{0B}" || $0 == "\u{0C}" }
        let scalars = text.unicodeScalars
        // Most cells have nothing to trim: no scalar-by-scalar copy then.
        if let head = scalars.first, let tail = scalars.last, !isASCIISpace(head), !isASCIISpace(tail) { return text.description }
        guard let first = scalars.firstIndex(where: { !isASCIISpace($0) }),
              let last = scalars.lastIndex(where: { !isASCIISpace($0) }) else { return "" }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars[first...last])
        return String(out)
    }

    /// For labels and domains only, where layout spaces of any kind carry no meaning.
    static func trimAllSpace(_ text: String) -> String {
        // Nothing to trim when neither end is a space (most labels and domains): no Foundation call.
        if let first = text.unicodeScalars.first, let last = text.unicodeScalars.last,
           !allSpace.contains(first), !allSpace.contains(last) { return text }
        return text.trimmingCharacters(in: allSpace)
    }

    private static let allSpace = CharacterSet.whitespacesAndNewlines.union(CharacterSet(charactersIn: "\u{200B}\u{FEFF}"))

    // Built once: a CharacterSet made per call costs more than the trim it serves.
    private static let domainListSeparators = CharacterSet(charactersIn: ",，、;；/／|").union(.whitespacesAndNewlines)
    private static let domainListBullets = CharacterSet(charactersIn: "・*■●◆-")
    private static let headingMarks = CharacterSet(charactersIn: "■□●○◆◇・*:：-")

    /// Text in which `headingDomain` finds no domain, told over its bytes: a domain has a dot;
    /// and in ASCII text every byte is of the domain (letter, digit, `.`, `-`), a bracket
    /// (`()[]<>`), white space or a heading mark (`*`, `:`, `-`), so one that is none of these
    /// (the `/` of a URL, `_`, `@`, `=`, …) leaves no domain. A test checks that `headingDomain`
    /// finds nothing in any text this rejects.
    static func holdsNoHeadingDomain(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var dot = false
        for byte in bytes {
            switch byte {
            case 0x80...: return !bytes.contains(UInt8(ascii: "."))
            case UInt8(ascii: "."): dot = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "-"), UInt8(ascii: "*"), UInt8(ascii: ":"), UInt8(ascii: "("), UInt8(ascii: ")"),
                 UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "<"), UInt8(ascii: ">"), 0x09...0x0D, 0x20: continue
            default: return true
            }
        }
        return !dot
    }

    /// Splits a list of domains: `example.co.jp、example-group.jp` / `a.jp, b.jp` / one per line.
    static func domainList(_ text: String) -> [String] {
        // One ASCII domain (letters, digits, dots, inner hyphens: no separator, space or bullet to
        // cut at or trim): the text is the list's one candidate. No dot: no domain.
        if text.utf8.withContiguousStorageIfAvailable(isOnePlainASCIIName) == true { return isDomainLike(text) ? [text] : [] }
        guard TextDecoding.contains(UInt8(ascii: "."), in: text) else { return [] }
        return domainListByParts(text)
    }

    /// Letters, digits, `.` and `-` only, not starting or ending with `-` (a list bullet).
    private static func isOnePlainASCIIName(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first, let last = bytes.last, first != UInt8(ascii: "-"), last != UInt8(ascii: "-") else { return false }
        return bytes.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "."), UInt8(ascii: "-"): true
            default: false
            }
        }
    }

    static func domainListByParts(_ text: String) -> [String] {
        text.components(separatedBy: domainListSeparators)
            .map { trimAllSpace($0).trimmedEnds(in: domainListBullets) }
            .filter(isDomainLike)
    }

    /// A line or cell that is only a domain, as a section heading: `【example.co.jp】`, `■ example.co.jp`,
    /// `example.co.jp：`.
    static func headingDomain(_ text: String) -> String? {
        guard text.utf8.count <= maximumLabelBytes, text.utf8.withContiguousStorageIfAvailable(holdsNoHeadingDomain) != true else { return nil }
        return headingDomainByParts(text)
    }

    static func headingDomainByParts(_ text: String) -> String? {
        guard text.utf8.count <= maximumLabelBytes else { return nil }
        let (rest, bracketed) = splitBrackets(text)
        let restCore = trimAllSpace(rest).trimmedEnds(in: headingMarks)
        let core = trimAllSpace(restCore)
        if core.isEmpty, bracketed.count == 1, let inner = bracketed.first {
            let domain = trimAllSpace(inner)
            return isDomainLike(domain) ? domain : nil
        }
        return bracketed.isEmpty && isDomainLike(core) ? core : nil
    }
}
