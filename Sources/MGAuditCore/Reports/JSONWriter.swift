/// Writes JSON text directly, escaping as it goes: no intermediate tree, no encoder, one pass.
/// Pretty output has two-space indents and `"key" : value`; compact output (JSON Lines) has no
/// whitespace at all. Callers write object keys in sorted order, so the same data always gives the
/// same bytes. Invisible characters inside strings are written as `\uXXXX` escapes: the parsed value
/// is exactly the input, and a person reading the file still sees the stray U+3000.
struct JSONWriter {
    /// The bytes written so far (appending to a byte buffer costs less than to a String).
    private var bytes: [UInt8] = []
    var text: String { String(decoding: bytes, as: UTF8.self) }
    /// The bytes written so far, as they are.
    var utf8: [UInt8] { bytes }
    private let pretty: Bool
    private var level: Int
    /// Per open container: whether it has an item yet.
    private var hasItems: [Bool] = []
    private var afterKey = false

    init(pretty: Bool, level: Int = 0) {
        self.pretty = pretty
        self.level = level
    }

    // MARK: containers

    mutating func beginObject() { open("{") }
    mutating func endObject() { close("}") }
    mutating func beginArray() { open("[") }
    mutating func endArray() { close("]") }

    mutating func key(_ name: String) {
        separate()
        Self.appendString(name, to: &bytes)
        bytes += (pretty ? " : " : ":").utf8
        afterKey = true
    }

    // MARK: values

    mutating func string(_ value: String) {
        separate()
        Self.appendString(value, to: &bytes)
    }

    mutating func int(_ value: Int) {
        separate()
        bytes += String(value).utf8
    }

    mutating func bool(_ value: Bool) {
        separate()
        bytes += (value ? "true" : "false").utf8
    }

    mutating func null() {
        separate()
        bytes += "null".utf8
    }

    mutating func field(_ name: String, _ value: String) {
        key(name)
        string(value)
    }

    mutating func field(_ name: String, _ value: Int) {
        key(name)
        int(value)
    }

    /// Writes the key and value only when there is a value.
    mutating func optionalField(_ name: String, _ value: String?) {
        guard let value else { return }
        field(name, value)
    }

    mutating func stringArray(_ values: [String]) {
        beginArray()
        for value in values { string(value) }
        endArray()
    }

    mutating func evidence(_ value: EvidenceValue) {
        switch value {
        case .string(let text): string(text)
        case .int(let number): int(number)
        case .bool(let flag): bool(flag)
        case .null: null()
        case .list(let items):
            beginArray()
            for item in items { evidence(item) }
            endArray()
        case .object(let object):
            beginObject()
            for name in object.keys.sorted() {
                key(name)
                if let item = object[name] { evidence(item) }
            }
            endObject()
        }
    }

    mutating func counts(_ counts: SeverityCounts) {
        beginObject()
        field("error", counts.error)
        field("info", counts.info)
        field("warning", counts.warning)
        endObject()
    }

    /// Text written as it is: a value already rendered by another `JSONWriter` at this level.
    mutating func raw(_ json: String) {
        separate()
        bytes += json.utf8
    }

    // MARK: layout

    private mutating func separate() {
        if afterKey {
            afterKey = false
            return
        }
        guard let last = hasItems.indices.last else { return }
        if hasItems[last] { bytes.append(UInt8(ascii: ",")) }
        hasItems[last] = true
        newline()
    }

    private mutating func open(_ bracket: String) {
        separate()
        bytes += bracket.utf8
        hasItems.append(false)
        level += 1
    }

    private mutating func close(_ bracket: String) {
        level -= 1
        if hasItems.popLast() == true { newline() }
        bytes += bracket.utf8
    }

    private mutating func newline() {
        guard pretty else { return }
        bytes += (level < Self.indents.count ? Self.indents[level] : "\n" + String(repeating: "  ", count: level)).utf8
    }

    /// A line break and the indent of each of the first levels, made once.
    private static let indents: [String] = (0..<16).map { "\n" + String(repeating: "  ", count: $0) }

    // MARK: re-indenting

    /// The pretty text (as a pretty writer at `level` writes it) of a value a compact `JSONWriter`
    /// wrote, without the members of its outermost object named in `dropping`: the JSON report's
    /// tenant made from the JSON Lines line (`TenantRenderings`) instead of a second walk over the
    /// result. Strings are copied as they are (already escaped); the separators and indents are
    /// the writer's own (`separate`, `newline`). Input that is not compact JSON from `JSONWriter`
    /// gives unspecified text, never a trap.
    static func prettyPrinted(compact source: UnsafeBufferPointer<UInt8>, level start: Int, dropping: Set<String> = []) -> [UInt8] {
        var out = JSONWriter(pretty: true, level: start)
        out.bytes.reserveCapacity(source.count + source.count / 2)
        var index = 0
        /// Whether the string at `index` is the outermost object's key of a dropped member.
        func isDroppedKey() -> Bool {
            guard out.hasItems.count == 1, !out.afterKey, !dropping.isEmpty else { return false }
            let end = stringEnd(source, from: index)
            guard end < source.count, source[end] == UInt8(ascii: ":") else { return false }
            return dropping.contains(String(decoding: UnsafeBufferPointer(rebasing: source[(index + 1)..<(end - 1)]), as: UTF8.self))
        }
        while index < source.count {
            let byte = source[index]
            switch byte {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                out.separate()
                out.bytes.append(byte)
                out.hasItems.append(false)
                out.level += 1
                index += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                guard !out.hasItems.isEmpty else { index += 1; continue }
                out.level -= 1
                if out.hasItems.popLast() == true { out.newline() }
                out.bytes.append(byte)
                index += 1
            case UInt8(ascii: ","):
                index += 1
            case UInt8(ascii: ":"):
                out.bytes += " : ".utf8
                out.afterKey = true
                index += 1
            case UInt8(ascii: "\""):
                if isDroppedKey() {
                    // The key, its colon and its value, and nothing written.
                    index = valueEnd(source, from: stringEnd(source, from: index) + 1)
                    continue
                }
                out.separate()
                let end = stringEnd(source, from: index)
                out.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[index..<end]))
                index = end
            default:
                // A number, `true`, `false` or `null`: to the next separator or bracket.
                out.separate()
                let end = scalarEnd(source, from: index)
                out.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[index..<end]))
                index = end
            }
        }
        return out.bytes
    }

    /// The place after the string that opens at `start` (after its closing quote; the end of the
    /// text if it has none).
    private static func stringEnd(_ source: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start + 1
        while index < source.count {
            // Eight bytes at a time while there is neither a quote nor a backslash among them.
            index = TextDecoding.afterWords(in: source, from: index) { !TextDecoding.wordHasByte($0, 0x22) && !TextDecoding.wordHasByte($0, 0x5C) }
            guard index < source.count else { break }
            switch source[index] {
            case UInt8(ascii: "\\"): index += 2
            case UInt8(ascii: "\""): return index + 1
            default: index += 1
            }
        }
        return source.count
    }

    /// The place after the number or literal at `start`.
    private static func scalarEnd(_ source: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        while index < source.count {
            switch source[index] {
            case UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), UInt8(ascii: ":"), UInt8(ascii: "\""),
                 UInt8(ascii: "{"), UInt8(ascii: "["):
                return index == start ? index + 1 : index
            default: index += 1
            }
        }
        return source.count
    }

    /// The place after the value at `start` (a string, a number or literal, or a whole container).
    private static func valueEnd(_ source: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard start < source.count else { return source.count }
        switch source[start] {
        case UInt8(ascii: "\""): return stringEnd(source, from: start)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            var index = start
            while index < source.count {
                switch source[index] {
                case UInt8(ascii: "\""): index = stringEnd(source, from: index); continue
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 { return index + 1 }
                default: break
                }
                index += 1
            }
            return source.count
        default: return scalarEnd(source, from: start)
        }
    }

    // MARK: escaping

    /// A JSON string literal. ASCII without quotes, backslashes and controls is copied in one go;
    /// otherwise the string is escaped into a byte buffer, scalar by scalar, and appended once.
    static func appendString(_ value: String, to text: inout String) {
        var bytes: [UInt8] = []
        appendString(value, to: &bytes)
        text += String(decoding: bytes, as: UTF8.self)
    }

    /// `appendString` into a byte buffer (the writer's own).
    static func appendString(_ value: String, to bytes: inout [UInt8]) {
        bytes.append(0x22)
        if value.utf8.withContiguousStorageIfAvailable({ escape($0, into: &bytes) }) == nil {
            escapeByScalar(value, into: &bytes)
        }
        bytes.append(0x22)
    }

    /// The escaping scalar by scalar (a string without contiguous UTF-8; a test compares it with `escape`).
    static func escapeByScalar(_ value: String, into bytes: inout [UInt8]) {
        for scalar in value.unicodeScalars {
            let code = scalar.value
            if code < 0x80 {
                switch code {
                case 0x22: bytes += [0x5C, 0x22]
                case 0x5C: bytes += [0x5C, 0x5C]
                case 0x0A: bytes += [0x5C, UInt8(ascii: "n")]
                case 0x0D: bytes += [0x5C, UInt8(ascii: "r")]
                case 0x09: bytes += [0x5C, UInt8(ascii: "t")]
                case 0x08: bytes += [0x5C, UInt8(ascii: "b")]
                case 0x0C: bytes += [0x5C, UInt8(ascii: "f")]
                case 0..<0x20, 0x7F: bytes += hexEscape(UInt16(code)).utf8
                default: bytes.append(UInt8(truncatingIfNeeded: code))
                }
            } else if VisibleText.isInvisible(scalar) {
                for unit in String(scalar).utf16 { bytes += hexEscape(unit).utf8 }
            } else {
                UTF8.encode(scalar) { bytes.append($0) }
            }
        }
    }

    /// The escaping of `appendString` over UTF-8 bytes: runs that need no escape are copied as
    /// they are; a multi-byte scalar is decoded only to ask whether it is invisible.
    static func escape(_ source: UnsafeBufferPointer<UInt8>, into bytes: inout [UInt8]) {
        var index = 0
        var runStart = 0
        // Below `wordFrom` the bytes are looked at one by one (a word there may hold a byte to escape).
        var wordFrom = 0
        while index < source.count {
            if index >= wordFrom {
                index = TextDecoding.afterWords(in: source, from: index, while: isPlainWord)
                wordFrom = index + 8
                if index >= source.count { break }
            }
            let byte = source[index]
            if byte < 0x80 {
                // Most bytes: printable ASCII other than the quote and the backslash, left in the run.
                if byte >= 0x20, byte != 0x22, byte != 0x5C, byte != 0x7F {
                    index += 1
                    continue
                }
                bytes.append(contentsOf: source[runStart..<index])
                appendEscape(byte, to: &bytes)
                index += 1
                runStart = index
                continue
            }
            // A String's UTF-8 is valid: the lead byte gives the width.
            let (code, width) = TextDecoding.scalar(at: index, in: source)
            let end = index + width
            if let scalar = Unicode.Scalar(code), VisibleText.isInvisible(scalar) {
                bytes.append(contentsOf: source[runStart..<index])
                for unit in String(scalar).utf16 { bytes += hexEscape(unit).utf8 }
                runStart = end
            }
            index = end
        }
        bytes.append(contentsOf: source[runStart..<source.count])
    }

    /// Whether none of the eight bytes of `word` is one `escape` stops at: each is printable ASCII
    /// (0x20–0x7E) other than the quote and the backslash. Exact: says true only then.
    @inline(__always)
    static func isPlainWord(_ word: UInt64) -> Bool {
        TextDecoding.wordIsPrintableASCII(word) && !TextDecoding.wordHasByte(word, 0x22) && !TextDecoding.wordHasByte(word, 0x5C)
    }

    /// The escape of an ASCII byte `escape` does not copy as it is (a quote, a backslash, a control).
    private static func appendEscape(_ byte: UInt8, to bytes: inout [UInt8]) {
        switch byte {
        case 0x22, 0x5C: bytes.append(0x5C); bytes.append(byte)
        case 0x0A: bytes.append(0x5C); bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(0x5C); bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(0x5C); bytes.append(UInt8(ascii: "t"))
        case 0x08: bytes.append(0x5C); bytes.append(UInt8(ascii: "b"))
        case 0x0C: bytes.append(0x5C); bytes.append(UInt8(ascii: "f"))
        default: bytes += hexEscape(UInt16(byte)).utf8
        }
    }

    /// `\u001b`: one UTF-16 unit as a JSON escape (also `JSONOutput.escapingInvisibles`).
    static func hexEscape(_ unit: UInt16) -> String {
        let hex = String(unit, radix: 16)
        return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
    }
}
