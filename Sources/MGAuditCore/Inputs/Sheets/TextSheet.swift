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
        TextDecoding.lines(text).enumerated().map { index, line in
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

    /// The scalars of `openers`, `closers` and `separators`.
    private static func isDelimiter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x28, 0x29, 0x5B, 0x5D, 0x3C, 0x3E, 0xFF08, 0xFF09, 0xFF3B, 0xFF3D, 0x3010, 0x3011, 0x3014, 0x3015,
             0xFF1C, 0xFF1E, 0x3008, 0x3009, 0x300A, 0x300B, 0x3A, 0xFF1A, 0x09: true
        default: false
        }
    }

    /// `" "` or `"\u{3000}"`, tested on the first scalar before the character is compared.
    private static func isSpace(_ character: Character) -> Bool {
        guard let first = character.unicodeScalars.first?.value, first == 0x20 || first == 0x3000 else { return false }
        return character == " " || character == "\u{3000}"
    }

    /// `label：value`, `label<TAB>value`, `label　value`: the label is what comes before the first
    /// separator outside brackets (so `URI2（ドメイン：example.co.jp）：…` works), or before a run of
    /// spaces, when that prefix is a label. The value is everything after the separator.
    static func splitLabelLine(_ line: String) -> (String, String)? {
        Graphemes.isStandaloneText(line) ? splitLabelLineByScalar(line) : splitLabelLineByCharacter(line)
    }

    static func splitLabelLineByCharacter(_ line: String) -> (String, String)? {
        var depth = 0
        for index in line.indices.prefix(maximumLabelLength) {
            let character = line[index]
            // Every opener, closer and separator is one scalar: a character that starts with
            // another is none of them (no set lookup, which hashes and so normalises it).
            guard let first = character.unicodeScalars.first, isDelimiter(first) else { continue }
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
            guard isSpace(line[index]) else {
                index = line.index(after: index)
                scanned += 1
                continue
            }
            var end = index
            while end < line.endIndex, isSpace(line[end]) { end = line.index(after: end) }
            let prefix = String(line[..<index])
            if end < line.endIndex, SheetLabels.match(prefix) != nil {
                return (prefix, String(line[end...]))
            }
            index = end
        }
        return nil
    }

    /// `splitLabelLine` over the UTF-8 bytes, for a line whose every scalar is a character of its
    /// own (`Graphemes.isStandaloneText`): the same cuts, scalar by scalar, without String indices.
    static func splitLabelLineByScalar(_ line: String) -> (String, String)? {
        var line = line
        return line.withUTF8 { bytes -> (String, String)? in
            func text(_ range: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) }
            var depth = 0
            var offset = 0
            var count = 0
            while offset < bytes.count, count < maximumLabelLength {
                let (value, width) = TextDecoding.scalar(at: offset, in: bytes)
                if isOpener(value) { depth += 1 }
                if isCloser(value) { depth = max(0, depth - 1) }
                if depth == 0, value == 0x3A || value == 0xFF1A || value == 0x09 {
                    let prefix = text(0..<offset)
                    guard SheetLabels.match(prefix) != nil else { break }
                    return (prefix, text((offset + width)..<bytes.count))
                }
                offset += width
                count += 1
            }
            // A space is U+0020 or U+3000 (E3 80 80); the width of the one at `offset`, or nil.
            func space(at offset: Int) -> Int? {
                if bytes[offset] == 0x20 { return 1 }
                guard bytes[offset] == 0xE3, offset + 2 < bytes.count, bytes[offset + 1] == 0x80, bytes[offset + 2] == 0x80 else { return nil }
                return 3
            }
            offset = 0
            var scanned = 0
            while offset < bytes.count, scanned < maximumLabelLength {
                guard space(at: offset) != nil else {
                    offset += TextDecoding.scalar(at: offset, in: bytes).width
                    scanned += 1
                    continue
                }
                var end = offset
                while end < bytes.count, let width = space(at: end) { end += width }
                let prefix = text(0..<offset)
                if end < bytes.count, SheetLabels.match(prefix) != nil {
                    return (prefix, text(end..<bytes.count))
                }
                offset = end
            }
            return nil
        }
    }

    /// The scalars of `openers` and `closers`.
    private static func isOpener(_ value: UInt32) -> Bool {
        switch value {
        case 0x28, 0xFF08, 0x5B, 0xFF3B, 0x3010, 0x3014, 0x3C, 0xFF1C, 0x3008, 0x300A: true
        default: false
        }
    }

    private static func isCloser(_ value: UInt32) -> Bool {
        switch value {
        case 0x29, 0xFF09, 0x5D, 0xFF3D, 0x3011, 0x3015, 0x3E, 0xFF1E, 0x3009, 0x300B: true
        default: false
        }
    }
}
