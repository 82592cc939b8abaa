import Foundation

/// Text sheets: one label per line, separated from its value by `:`, `：`, a tab or spaces, or
/// with the value on the next line.
enum TextSheet {
    private static let separators: Set<Character> = [":", "：", "\t"]
    /// The longest label text tried before a run of spaces (`Microsoft 365_リダイレクトURI2（example-group.co.jp）` is ~50).
    static let maximumLabelLength = 120
    private static let openers: Set<Character> = ["(", "（", "[", "［", "【", "〔", "<", "＜", "〈", "《"]
    private static let closers: Set<Character> = [")", "）", "]", "］", "】", "〕", ">", "＞", "〉", "》"]

    static func rows(_ text: String) -> [SheetRow] {
        lines(text).enumerated().map { index, line in
            let line = String(line)
            if let (label, value) = splitLabelLine(line) {
                return SheetRow([label, value], line: index + 1)
            }
            if let split = SheetInterpreter.splitDomainURI(line) {
                return SheetRow([split.domain, split.uri], line: index + 1)
            }
            return SheetRow([line], line: index + 1)
        }
    }

    /// ASCII letters and digits, kana and CJK ideographs.
    private static func isPlain(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x3041...0x3096, 0x30A1...0x30FA, 0x4E00...0x9FFF: true
        default: false
        }
    }

    /// `text.split(separator: "\n", omittingEmptySubsequences:)`, cut at LF scalars when the
    /// text has no CR (a line feed is then always a character of its own, so the cuts are the
    /// same) without comparing every character.
    static func lines(_ text: String, omittingEmpty: Bool = false) -> [Substring] {
        if text.utf8.contains(0x0D) { return text.split(separator: "\n", omittingEmptySubsequences: omittingEmpty) }
        return text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: omittingEmpty).map(Substring.init)
    }

    /// `label：value`, `label<TAB>value`, `label　value`: the label is what comes before the first
    /// separator outside brackets (so `URI2（ドメイン：example.co.jp）：…` works), or before a run of
    /// spaces, when that prefix is a label. The value is everything after the separator.
    static func splitLabelLine(_ line: String) -> (String, String)? {
        var depth = 0
        for index in line.indices.prefix(maximumLabelLength) {
            let character = line[index]
            // Every opener, closer and separator is one scalar that is not a letter or digit: a
            // character starting with a letter or digit is none of them (no set lookup, which
            // hashes and so normalises the character).
            if let first = character.unicodeScalars.first, isPlain(first) { continue }
            if openers.contains(character) { depth += 1 }
            if closers.contains(character) { depth = max(0, depth - 1) }
            if depth == 0, separators.contains(character) {
                let prefix = String(line[..<index])
                guard SheetLabels.match(prefix) != nil else { break }
                return (prefix, String(line[line.index(after: index)...]))
            }
        }
        // Space-separated: try each run of spaces (ASCII or U+3000) from the left, within the
        // length a label can have (so a long line of words stays linear).
        var index = line.startIndex
        var scanned = 0
        while index < line.endIndex, scanned < maximumLabelLength {
            guard line[index] == " " || line[index] == "\u{3000}" else {
                index = line.index(after: index)
                scanned += 1
                continue
            }
            var end = index
            while end < line.endIndex, line[end] == " " || line[end] == "\u{3000}" { end = line.index(after: end) }
            let prefix = String(line[..<index])
            if end < line.endIndex, SheetLabels.match(prefix) != nil {
                return (prefix, String(line[end...]))
            }
            index = end
        }
        return nil
    }
}
