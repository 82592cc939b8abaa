/// XML 1.0 escaping for the JUnit report. Callers first make input visible (`VisibleText.escape`,
/// `ReportSupport.prose`); this then makes the text safe to put between tags or in an attribute.
enum XMLText {
    /// Text content: the five special characters as entities, and every character XML 1.0 cannot
    /// carry at all (C0 controls other than tab, line feed and carriage return; U+FFFE, U+FFFF) as
    /// `⟨U+XXXX⟩`, so no input can make the file unparsable.
    static func text(_ value: String) -> String { escape(value, attribute: false) }

    /// An attribute value (written between double quotes): as `text`, and tab, line feed and
    /// carriage return as character references, which attribute-value normalisation would
    /// otherwise turn into spaces.
    static func attribute(_ value: String) -> String { escape(value, attribute: true) }

    private static func escape(_ value: String, attribute: Bool) -> String {
        // Nothing to escape in printable ASCII without the five special characters.
        if value.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != 0x26 && $0 != 0x3C && $0 != 0x3E && $0 != 0x22 && $0 != 0x27 }) {
            return value
        }
        var out: [UInt8] = []
        out.reserveCapacity(value.utf8.count + 16)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;".utf8
            case "<": out += "&lt;".utf8
            case ">": out += "&gt;".utf8
            case "\"": out += "&quot;".utf8
            case "'": out += "&apos;".utf8
            case "\n" where attribute: out += "&#10;".utf8
            case "\r" where attribute: out += "&#13;".utf8
            case "\t" where attribute: out += "&#9;".utf8
            case "\n", "\r", "\t": out.append(UInt8(truncatingIfNeeded: scalar.value))
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    out += VisibleText.codePoint(scalar).utf8
                } else {
                    UTF8.encode(scalar) { out.append($0) }
                }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
