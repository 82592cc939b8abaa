/// One AADSTS code as it is written in a text.
struct CodeMatch: Sendable, Hashable {
    /// The digits, ASCII, 4–9 of them.
    var number: String
    /// Where the code stands, from the first letter of the prefix to the last digit.
    var range: Range<String.Index>
    /// The code exactly as written (`ADDSTS50020`, `AADSTS 50020`, `ＡＡＤＳＴＳ５００２０`).
    var written: String
    /// Written as Microsoft writes it: `AADSTS` (any case) directly followed by ASCII digits.
    var exact: Bool
    var code: String { "AADSTS" + number }
}

/// Finds AADSTS codes in one linear pass over a text, also when they are written slightly wrong:
/// a prefix one edit away from `AADSTS` (a letter missing, extra, wrong or two swapped: `ADDSTS`,
/// `AADST`, `AASTS`), one space between prefix and digits, full-width letters and digits.
/// The prefix must start a word and be 4–8 letters long; the digits are 4–9.
enum AADSTSCodeScanner {
    static let prefix = Array("AADSTS".utf8)

    /// Every code in `text`, in order, at most `limit` of them.
    static func matches(in text: String, limit: Int = 256) -> [CodeMatch] {
        var out: [CodeMatch] = []
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        var previousIsAlphanumeric = false
        while index < scalars.endIndex, out.count < limit {
            guard letter(scalars[index]) != nil, !previousIsAlphanumeric else {
                previousIsAlphanumeric = letter(scalars[index]) != nil || digit(scalars[index]) != nil
                index = scalars.index(after: index)
                continue
            }
            // The letter run.
            var letters: [UInt8] = []
            var asciiOnly = true
            var cursor = index
            while cursor < scalars.endIndex, let byte = letter(scalars[cursor]) {
                if letters.count <= 8 { letters.append(byte) }
                if !scalars[cursor].isASCII { asciiOnly = false }
                cursor = scalars.index(after: cursor)
            }
            let runEnd = cursor
            if letters.count >= 4, letters.count <= 8 {
                var spaced = false
                if cursor < scalars.endIndex, scalars[cursor] == " " || scalars[cursor] == "\u{3000}" {
                    spaced = true
                    cursor = scalars.index(after: cursor)
                }
                var digits: [UInt8] = []
                while cursor < scalars.endIndex, let byte = digit(scalars[cursor]) {
                    if digits.count <= 9 { digits.append(byte) }
                    if !scalars[cursor].isASCII { asciiOnly = false }
                    cursor = scalars.index(after: cursor)
                }
                if digits.count >= 4, digits.count <= 9, let distance = editDistance(letters, prefix, atMost: 1) {
                    let range = index..<cursor
                    out.append(CodeMatch(number: String(decoding: digits, as: UTF8.self), range: range,
                                         written: String(scalars[range]), exact: distance == 0 && !spaced && asciiOnly))
                    index = cursor
                    previousIsAlphanumeric = true
                    continue
                }
            }
            index = runEnd
            previousIsAlphanumeric = true
        }
        return out
    }

    /// The upper-case ASCII letter of an ASCII or full-width letter.
    static func letter(_ scalar: Unicode.Scalar) -> UInt8? {
        switch scalar.value {
        case 0x41...0x5A: UInt8(scalar.value)
        case 0x61...0x7A: UInt8(scalar.value - 0x20)
        case 0xFF21...0xFF3A: UInt8(scalar.value - 0xFF21 + 0x41)
        case 0xFF41...0xFF5A: UInt8(scalar.value - 0xFF41 + 0x41)
        default: nil
        }
    }

    /// The ASCII digit of an ASCII or full-width digit.
    static func digit(_ scalar: Unicode.Scalar) -> UInt8? {
        switch scalar.value {
        case 0x30...0x39: UInt8(scalar.value)
        case 0xFF10...0xFF19: UInt8(scalar.value - 0xFF10 + 0x30)
        default: nil
        }
    }

    /// Optimal-string-alignment distance (insertions, deletions, substitutions, adjacent swaps)
    /// between two short strings, or nil when it is over `atMost`.
    static func editDistance(_ a: [UInt8], _ b: [UInt8], atMost: Int) -> Int? {
        guard abs(a.count - b.count) <= atMost, !a.isEmpty, !b.isEmpty else { return nil }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [Int](repeating: 0, count: b.count + 1)
            current[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previous2[j - 2] + 1)
                }
            }
            previous2 = previous
            previous = current
        }
        let distance = previous[b.count]
        return distance <= atMost ? distance : nil
    }
}
