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

    /// An input string as an attribute value: `attribute(VisibleText.escape(value))`, returned as it
    /// is when it is printable ASCII without the five special characters and without a space at
    /// either end (rule ids, most names and paths), for which both escapes change nothing.
    static func visibleAttribute(_ value: String) -> String {
        let plain = value.utf8.withContiguousStorageIfAvailable { bytes in
            guard let first = bytes.first, let last = bytes.last, first != 0x20, last != 0x20 else { return false }
            return bytes.allSatisfy(isPlain)
        }
        return plain == true ? value : attribute(VisibleText.escape(value))
    }

    /// Printable ASCII (space included) other than `&`, `<`, `>`, `"` and `'`.
    private static func isPlain(_ byte: UInt8) -> Bool {
        byte >= 0x20 && byte < 0x7F && byte != 0x26 && byte != 0x3C && byte != 0x3E && byte != 0x22 && byte != 0x27
    }

    private static func escape(_ value: String, attribute: Bool) -> String {
        let escaped = value.utf8.withContiguousStorageIfAvailable { bytes -> String? in
            // Nothing to escape in printable ASCII without the five special characters.
            if bytes.allSatisfy(isPlain) { return nil }
            return escape(bytes, attribute: attribute)
        }
        switch escaped {
        case .some(.some(let text)): return text
        case .some(.none): return value
        case .none: return escapeByScalar(value, attribute: attribute)
        }
    }

    /// `escape` over UTF-8 bytes: ASCII byte by byte as the scalar loop does it; other scalars
    /// copied as they are, but for U+FFFE and U+FFFF (EF BF BE, EF BF BF).
    private static func escape(_ source: UnsafeBufferPointer<UInt8>, attribute: Bool) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(source.count + 16)
        var index = 0
        while index < source.count {
            let byte = source[index]
            index += 1
            if byte >= 0x80 {
                if byte == 0xEF, index + 1 < source.count, source[index] == 0xBF, source[index + 1] >= 0xBE,
                   let scalar = Unicode.Scalar(0xFFFE + UInt32(source[index + 1] - 0xBE)) {
                    out += VisibleText.codePoint(scalar).utf8
                    index += 2
                } else {
                    out.append(byte)
                }
                continue
            }
            if isPlain(byte) {
                out.append(byte)
                continue
            }
            appendASCII(byte, attribute: attribute, to: &out)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The scalar-by-scalar escaping (a string without contiguous UTF-8; a test compares it with `escape`).
    static func escapeByScalar(_ value: String, attribute: Bool) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(value.utf8.count + 16)
        for scalar in value.unicodeScalars {
            if scalar.isASCII {
                appendASCII(UInt8(truncatingIfNeeded: scalar.value), attribute: attribute, to: &out)
            } else if scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                out += VisibleText.codePoint(scalar).utf8
            } else {
                UTF8.encode(scalar) { out.append($0) }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// One ASCII byte: an entity, a character reference, a code point, or itself.
    private static func appendASCII(_ byte: UInt8, attribute: Bool, to out: inout [UInt8]) {
        switch byte {
        case 0x26: out += "&amp;".utf8
        case 0x3C: out += "&lt;".utf8
        case 0x3E: out += "&gt;".utf8
        case 0x22: out += "&quot;".utf8
        case 0x27: out += "&apos;".utf8
        case 0x0A where attribute: out += "&#10;".utf8
        case 0x0D where attribute: out += "&#13;".utf8
        case 0x09 where attribute: out += "&#9;".utf8
        case 0x0A, 0x0D, 0x09: out.append(byte)
        default:
            if byte < 0x20, let scalar = Unicode.Scalar(UInt32(byte)) {
                out += VisibleText.codePoint(scalar).utf8
            } else {
                out.append(byte)
            }
        }
    }
}
