/// Markdown for input-derived text: a code span that nothing inside can close, or escaped prose.
enum MarkdownText {
    /// `text` as an inline code span whose backtick run is longer than any run inside (CommonMark),
    /// padded with a space when it starts or ends with a backtick. With `bareWhenPlain`, text made
    /// only of letters and digits is written as it is (a heading's `AADSTS50011`).
    /// Masked first (`Redaction.redact`): the sink masks again, but escaping could hide a secret's shape.
    static func codeSpan(_ text: String, bareWhenPlain: Bool = false) -> String {
        let flat = Redaction.redact(text).replacingOccurrences(of: "\n", with: " ")
        if bareWhenPlain, !flat.isEmpty, flat.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) { return flat }
        let ticks = String(repeating: "`", count: longestBacktickRun(flat) + 1)
        let pad = flat.hasPrefix("`") || flat.hasSuffix("`") ? " " : ""
        return ticks + pad + flat + pad + ticks
    }

    static func longestBacktickRun(_ text: String) -> Int {
        var longest = 0, run = 0
        for character in text {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        return longest
    }

    /// Prose with `<`, `>` and `&` as entities (no raw HTML such as `<script>`) and Markdown's
    /// punctuation backslash-escaped, on one line. An `_` between two letters or digits
    /// (`mg_login`) cannot start emphasis and stays as it is, so URIs read naturally.
    /// Masked first (`Redaction.redact`): the sink masks the written text again, but by then
    /// `8Q\~` or `client\_secret` would no longer have a secret's shape.
    static func escape(_ text: String) -> String {
        let masked = Redaction.redact(text)
        // Every character the escaping touches is one ASCII scalar: text without them is its own
        // escape, and text whose every scalar is a character is escaped scalar by scalar.
        guard masked.utf8.contains(where: isSpecial) else { return masked }
        if Graphemes.isStandaloneText(masked) { return escapeByScalar(masked) }
        return escapeByCharacter(masked)
    }

    private static func isSpecial(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"), UInt8(ascii: "\\"), UInt8(ascii: "`"), UInt8(ascii: "*"),
             UInt8(ascii: "_"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "|"), UInt8(ascii: "~"), UInt8(ascii: "#"),
             UInt8(ascii: "\n"), UInt8(ascii: "\r"): true
        default: false
        }
    }

    /// `escapeByCharacter` for text whose every scalar is a character of its own (a test compares them).
    static func escapeByScalar(_ masked: String) -> String {
        let scalars = Array(masked.unicodeScalars)
        var out = String.UnicodeScalarView()
        func isWord(_ scalar: Unicode.Scalar) -> Bool { scalar.properties.isAlphabetic || scalar.properties.numericType != nil }
        for (index, scalar) in scalars.enumerated() {
            switch scalar {
            case "<": out.append(contentsOf: "&lt;".unicodeScalars)
            case ">": out.append(contentsOf: "&gt;".unicodeScalars)
            case "&": out.append(contentsOf: "&amp;".unicodeScalars)
            case "_" where index > 0 && index + 1 < scalars.count && isWord(scalars[index - 1]) && isWord(scalars[index + 1]):
                out.append(scalar)
            case "\\", "`", "*", "_", "[", "]", "|", "~", "#":
                out.append("\\")
                out.append(scalar)
            case "\n", "\r": out.append(" ")
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    static func escapeByCharacter(_ masked: String) -> String {
        let characters = Array(masked)
        var out = ""
        for (index, character) in characters.enumerated() {
            switch character {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "_" where index > 0 && index + 1 < characters.count
                && isWordCharacter(characters[index - 1]) && isWordCharacter(characters[index + 1]):
                out.append(character)
            case "\\", "`", "*", "_", "[", "]", "|", "~", "#": out += "\\" + String(character)
            case "\n", "\r": out += " "
            default: out.append(character)
            }
        }
        return out
    }

    private static func isWordCharacter(_ character: Character) -> Bool { character.isLetter || character.isNumber }
}
