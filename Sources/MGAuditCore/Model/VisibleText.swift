/// Makes invisible or confusable characters visible, e.g. a full-width space as `⟨U+3000⟩`.
/// Every renderer shows URIs and other input strings through this, so a stray space can be seen.
public enum VisibleText {
    /// Whether a character must be shown as its code point rather than as itself.
    public static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        // Ranges whose every code point is assigned and printable (letters, digits, punctuation,
        // symbols), so the category lookup can be skipped for the text reports are mostly made of.
        // `visibleRangesAreVisible` in the tests checks each range against the category lookup.
        // A switch, not a search of `printableRanges` (a test checks that both say the same).
        switch scalar.value {
        case 0x21...0x7E, 0x3001...0x3029, 0x3041...0x3096, 0x30A1...0x30FF, 0x4E00...0x9FFF, 0xFF01...0xFF5E: return false
        default: return isInvisibleByCategory(scalar)
        }
    }

    /// ASCII graphics, CJK punctuation up to U+3029, hiragana, katakana, CJK ideographs, full-width forms.
    static let printableRanges: [ClosedRange<UInt32>] = [
        0x21...0x7E, 0x3001...0x3029, 0x3041...0x3096, 0x30A1...0x30FF, 0x4E00...0x9FFF, 0xFF01...0xFF5E,
    ]

    static func isInvisibleByCategory(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .spaceSeparator, .lineSeparator, .paragraphSeparator, .nonspacingMark,
             .enclosingMark, .unassigned, .privateUse, .surrogate:
            return true
        default:
            return false
        }
    }

    public static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "⟨U+\(String(repeating: "0", count: max(0, 4 - hex.count)))\(hex)⟩"
    }

    /// Escapes every invisible character. An ASCII space is kept inside text but escaped at either
    /// end, where nobody would see it; pass `keepInnerSpaces: false` to escape every space.
    public static func escape(_ text: String, keepInnerSpaces: Bool = true) -> String {
        // Printable ASCII with no space at either end (most names, ids, paths) has nothing to show.
        let utf8 = text.utf8
        if let first = utf8.first, let last = utf8.last, first != 0x20, last != 0x20,
           utf8.allSatisfy({ $0 >= 0x21 && $0 <= 0x7E || ($0 == 0x20 && keepInnerSpaces) }) {
            return text
        }
        let scalars = Array(text.unicodeScalars)
        var out = ""
        for (index, scalar) in scalars.enumerated() {
            let atEdge = index == 0 || index == scalars.count - 1
            if scalar == " " && keepInnerSpaces && !atEdge {
                out.unicodeScalars.append(scalar)
            } else if isInvisible(scalar) {
                out += codePoint(scalar)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

extension VisibleText {
    /// One line of terminal text (a stderr message): every character `escape` would show as a code
    /// point is shown as one here too — C0 and C1 controls (ESC, CR, a line feed inside the message,
    /// tab), bidi controls (U+202A–U+202E, U+2066–U+2069, U+200E/U+200F) and other invisible
    /// characters — so nothing input-derived can move the cursor, recolour or reorder the line,
    /// or start a second line. ASCII spaces stay as they are, also at either end.
    public static func terminal(_ text: String) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            if scalar != " " && isInvisible(scalar) {
                out += codePoint(scalar)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
