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
        var out = ""
        out.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\n" where attribute: out += "&#10;"
            case "\r" where attribute: out += "&#13;"
            case "\t" where attribute: out += "&#9;"
            case "\n", "\r", "\t": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    out += VisibleText.codePoint(scalar)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
