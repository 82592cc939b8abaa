import Foundation

/// An order-preserving JSON tree: objects keep their keys in input order, so a corrected manifest
/// can be written back with only the touched fields changed.
///
/// `parse` is one linear pass over the bytes with a nesting-depth and a size bound; `write`
/// reproduces the input's indentation unit (spaces or tabs, detected from the input).
public enum OrderedJSON: Sendable, Hashable {
    case null
    case bool(Bool)
    /// The number's text exactly as read, so that it is written back unchanged.
    case number(String)
    case string(String)
    case array([OrderedJSON])
    case object([Member])

    public struct Member: Sendable, Hashable {
        public var key: String
        public var value: OrderedJSON
        public init(key: String, value: OrderedJSON) {
            self.key = key
            self.value = value
        }
    }

    public struct Limits: Sendable, Hashable {
        public var maximumBytes: Int
        public var maximumDepth: Int
        public init(maximumBytes: Int, maximumDepth: Int) {
            self.maximumBytes = maximumBytes
            self.maximumDepth = maximumDepth
        }
        /// The manifest `mgaudit fix` rewrites.
        public static let manifest = Limits(maximumBytes: 4 * 1024 * 1024, maximumDepth: 64)

        /// JSON input files (manifests, consent exports, sheets, settings) and token responses in
        /// logs. Depth 512 is the bound swift-corelibs-foundation's `JSONSerialization` had (it read
        /// 512 nested containers and refused 513), so nothing it read is refused. The size bound is
        /// the decoded text of a file within `--max-input-size`: at most 3 UTF-8 bytes per byte read
        /// (UTF-16, and Shift_JIS half-width katakana).
        public static var inputFile: Limits {
            let (bytes, overflow) = TextDecoding.maximumInputBytes.multipliedReportingOverflow(by: 3)
            return Limits(maximumBytes: overflow ? Int.max : bytes, maximumDepth: 512)
        }
    }

    public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        public enum Problem: Sendable, Hashable {
            case tooLarge(limit: Int)
            case tooDeep(limit: Int)
            case unexpected(offset: Int)
            case unexpectedEnd
            case trailingContent(offset: Int)
            /// A string that is not UTF-8 (only bytes that were not decoded text can hold one).
            case invalidString(offset: Int)
            case invalidEscape(offset: Int)
            /// `\ud800` without its low half, or a low half alone.
            case unpairedSurrogate(offset: Int)
            /// A character below U+0020 written as itself inside a string.
            case controlCharacter(offset: Int)

            /// The byte offset the problem is at, when it is at one.
            public var offset: Int? {
                switch self {
                case .tooLarge, .tooDeep, .unexpectedEnd: nil
                case .unexpected(let offset), .trailingContent(let offset), .invalidString(let offset),
                     .invalidEscape(let offset), .unpairedSurrogate(let offset), .controlCharacter(let offset): offset
                }
            }

            /// What is wrong, without the file or the place.
            public var summary: String {
                switch self {
                case .tooLarge(let limit): "JSON larger than \(limit) bytes"
                case .tooDeep(let limit): "JSON nested deeper than \(limit) levels"
                case .unexpected: "unexpected character"
                case .unexpectedEnd: "JSON ends early"
                case .trailingContent: "content after the JSON value"
                case .invalidString: "invalid string"
                case .invalidEscape: "invalid escape in a string"
                case .unpairedSurrogate: "unpaired surrogate escape in a string"
                case .controlCharacter: "unescaped control character in a string"
                }
            }
        }
        public var file: String
        public var problem: Problem
        public init(file: String, problem: Problem) {
            self.file = file
            self.problem = problem
        }
        public var description: String {
            "\(file): \(problem.summary)" + (problem.offset.map { " at byte \($0)" } ?? "")
        }
    }

    /// Object member lookup (first match: the member `mgaudit fix` edits).
    public subscript(key: String) -> OrderedJSON? {
        guard case .object(let members) = self else { return nil }
        return members.first(where: { $0.key == key })?.value
    }

    /// The value of member `key` as the audit reads it: of repeated keys the last, as
    /// `JSONSerialization` read them. nil when absent or when this is not an object.
    func value(forKey key: String) -> OrderedJSON? {
        guard case .object(let members) = self else { return nil }
        // Lengths first: most keys differ in length, and a length is read without comparing text.
        let length = key.utf8.count
        return members.last(where: { $0.key.utf8.count == length && $0.key == key })?.value
    }

    /// `value(forKey:)` when it is a string.
    func string(forKey key: String) -> String? {
        if case .string(let text)? = value(forKey: key) { return text }
        return nil
    }

    var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    // MARK: Reading

    /// Parses bytes that may not be UTF-8: a string that is not is refused (`invalidString`).
    public static func parse(_ data: Data, file: String, limits: Limits = .manifest) throws(ParseError) -> OrderedJSON {
        let result = data.withUnsafeBytes { raw in
            Result { () throws(ParseError) -> OrderedJSON in
                try parse(bytes: raw.assumingMemoryBound(to: UInt8.self), file: file, limits: limits, validatesUTF8: true)
            }
        }
        return try result.get()
    }

    /// Parses the UTF-8 of `text` in place when it is contiguous (a native string is). Its strings
    /// are valid UTF-8 already: each is made from its bytes without a second check.
    public static func parse(_ text: String, file: String, limits: Limits) throws(ParseError) -> OrderedJSON {
        func run(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<OrderedJSON, ParseError> {
            Result { () throws(ParseError) -> OrderedJSON in try parse(bytes: bytes, file: file, limits: limits, validatesUTF8: false) }
        }
        let result = text.utf8.withContiguousStorageIfAvailable(run) ?? Array(text.utf8).withUnsafeBufferPointer(run)
        return try result.get()
    }

    /// One pass over `bytes`: a UTF-8 byte order mark is skipped; a comma before `]` or `}` is
    /// accepted, as `JSONSerialization` accepted it. `validatesUTF8`: whether the bytes may not be
    /// UTF-8 (false only for the bytes of a Swift string, which are).
    static func parse(bytes: UnsafeBufferPointer<UInt8>, file: String, limits: Limits, validatesUTF8: Bool) throws(ParseError) -> OrderedJSON {
        guard bytes.count <= limits.maximumBytes else {
            throw ParseError(file: file, problem: .tooLarge(limit: limits.maximumBytes))
        }
        var reader = Reader(bytes: bytes, file: file, maximumDepth: limits.maximumDepth, validatesUTF8: validatesUTF8)
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            reader.index = 3
        }
        let value = try reader.value(depth: 0)
        reader.skipSpace()
        guard reader.index == bytes.count else {
            throw ParseError(file: file, problem: .trailingContent(offset: reader.index))
        }
        return value
    }

    /// Every read of `bytes` is at an index first compared with `bytes.count`; `index` only grows.
    struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        let file: String
        let maximumDepth: Int
        let validatesUTF8: Bool
        var index = 0
        /// A string with escapes, as it is decoded (reused from string to string).
        var unescaped: [UInt8] = []

        init(bytes: UnsafeBufferPointer<UInt8>, file: String, maximumDepth: Int, validatesUTF8: Bool) {
            self.bytes = bytes
            self.file = file
            self.maximumDepth = maximumDepth
            self.validatesUTF8 = validatesUTF8
        }

        /// A string's UTF-8 as a String; nil when it is not UTF-8 (asked only when `validatesUTF8`).
        func text(_ utf8: UnsafeBufferPointer<UInt8>) -> String? {
            validatesUTF8 ? String(validating: utf8, as: UTF8.self) : String(decoding: utf8, as: UTF8.self)
        }

        func fail(_ problem: ParseError.Problem) -> ParseError { ParseError(file: file, problem: problem) }

        /// The error for the byte at `index`, or for the end of the input.
        func unexpectedHere() -> ParseError { fail(index < bytes.count ? .unexpected(offset: index) : .unexpectedEnd) }

        @inline(__always)
        func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

        @inline(__always)
        mutating func skipSpace() {
            var position = index
            while position < bytes.count {
                switch bytes[position] {
                case 0x20, 0x09, 0x0A, 0x0D: position += 1
                default:
                    index = position
                    return
                }
            }
            index = position
        }

        mutating func literal(_ text: StaticString, _ result: OrderedJSON) throws(ParseError) -> OrderedJSON {
            let expected = UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)
            for byte in expected {
                guard let current = peek() else { throw fail(.unexpectedEnd) }
                guard current == byte else { throw fail(.unexpected(offset: index)) }
                index += 1
            }
            return result
        }

        mutating func value(depth: Int) throws(ParseError) -> OrderedJSON {
            skipSpace()
            guard let byte = peek() else { throw fail(.unexpectedEnd) }
            switch byte {
            case UInt8(ascii: "{"): return try object(depth: depth)
            case UInt8(ascii: "["): return try array(depth: depth)
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"): return try literal("true", .bool(true))
            case UInt8(ascii: "f"): return try literal("false", .bool(false))
            case UInt8(ascii: "n"): return try literal("null", .null)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
            default: throw fail(.unexpected(offset: index))
            }
        }

        /// After a container's opening byte or a comma: whether the container closes here.
        @inline(__always)
        mutating func closes(_ close: UInt8) -> Bool {
            skipSpace()
            guard peek() == close else { return false }
            index += 1
            return true
        }

        /// After a member or an element: past a comma (false) or the closing byte (true). A comma
        /// may be followed by the closing byte (`closes`).
        @inline(__always)
        mutating func separator(_ close: UInt8) throws(ParseError) -> Bool {
            skipSpace()
            guard let next = peek() else { throw fail(.unexpectedEnd) }
            guard next == close || next == UInt8(ascii: ",") else { throw fail(.unexpected(offset: index)) }
            index += 1
            return next == close
        }

        mutating func object(depth: Int) throws(ParseError) -> OrderedJSON {
            guard depth < maximumDepth else { throw fail(.tooDeep(limit: maximumDepth)) }
            index += 1
            var members: [Member] = []
            // Most objects of a manifest have a few members: one allocation rather than regrowing from one.
            members.reserveCapacity(8)
            if closes(UInt8(ascii: "}")) { return .object(members) }
            while true {
                guard peek() == UInt8(ascii: "\"") else { throw unexpectedHere() }
                let key = try string()
                skipSpace()
                guard peek() == UInt8(ascii: ":") else { throw unexpectedHere() }
                index += 1
                members.append(Member(key: key, value: try value(depth: depth + 1)))
                if try separator(UInt8(ascii: "}")) || closes(UInt8(ascii: "}")) { return .object(members) }
            }
        }

        mutating func array(depth: Int) throws(ParseError) -> OrderedJSON {
            guard depth < maximumDepth else { throw fail(.tooDeep(limit: maximumDepth)) }
            index += 1
            var elements: [OrderedJSON] = []
            elements.reserveCapacity(4)
            if closes(UInt8(ascii: "]")) { return .array(elements) }
            while true {
                elements.append(try value(depth: depth + 1))
                if try separator(UInt8(ascii: "]")) || closes(UInt8(ascii: "]")) { return .array(elements) }
            }
        }

        @inline(__always)
        func isDigit(_ byte: UInt8?) -> Bool { byte.map { $0 >= 0x30 && $0 <= 0x39 } ?? false }

        mutating func digits() {
            var position = index
            while position < bytes.count, bytes[position] >= 0x30, bytes[position] <= 0x39 { position += 1 }
            index = position
        }

        mutating func number() throws(ParseError) -> OrderedJSON {
            let start = index
            if peek() == UInt8(ascii: "-") { index += 1 }
            guard isDigit(peek()) else { throw unexpectedHere() }
            if peek() == UInt8(ascii: "0") { index += 1 } else { digits() }
            if peek() == UInt8(ascii: ".") {
                index += 1
                guard isDigit(peek()) else { throw unexpectedHere() }
                digits()
            }
            if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
                index += 1
                if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { index += 1 }
                guard isDigit(peek()) else { throw unexpectedHere() }
                digits()
            }
            return .number(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
        }

        mutating func hex4(escape: Int) throws(ParseError) -> UInt32 {
            var result: UInt32 = 0
            for _ in 0..<4 {
                guard let byte = peek() else { throw fail(.unexpectedEnd) }
                let digit: UInt32
                switch byte {
                case 0x30...0x39: digit = UInt32(byte - 0x30)
                case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
                case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
                default: throw fail(.invalidEscape(offset: escape))
                }
                // At most 0xFFFF after four digits.
                result = result * 16 + digit
                index += 1
            }
            return result
        }

        /// Where the bytes a string holds as they are end from `start`: the first `"`, `\\` or
        /// control byte, or the end of the input.
        @inline(__always)
        func plainEnd(from start: Int) -> Int {
            // Eight bytes at a time while eight are left (most strings are URIs and ids).
            var position = TextDecoding.afterWords(in: bytes, from: start) { !Self.mayHoldStop($0) }
            while position < bytes.count {
                let byte = bytes[position]
                if byte == 0x22 || byte == 0x5C || byte < 0x20 { break }
                position += 1
            }
            return position
        }

        /// Whether one of the eight bytes of `word` may be `"`, `\\` or below U+0020: the
        /// classic word tests (a byte is zero when subtracting one borrows into its top bit, which
        /// was clear), exact in the direction that matters: a word they pass holds none of them.
        /// The wrapping operators are bit arithmetic on the loaded word, never on an index.
        @inline(__always)
        static func mayHoldStop(_ word: UInt64) -> Bool {
            let ones: UInt64 = 0x0101_0101_0101_0101
            let highs: UInt64 = 0x8080_8080_8080_8080
            let below20 = (word &- ones &* 0x20) & ~word & highs
            let quote = word ^ (ones &* 0x22)
            let backslash = word ^ (ones &* 0x5C)
            let zeroQuote = (quote &- ones) & ~quote & highs
            let zeroBackslash = (backslash &- ones) & ~backslash & highs
            return below20 | zeroQuote | zeroBackslash != 0
        }

        /// A string from its opening quote. Without escapes (most strings) it is made from its
        /// bytes in one go; otherwise `escapedString` takes the runs between escapes whole.
        mutating func string() throws(ParseError) -> String {
            let quote = index
            let start = quote + 1
            let end = plainEnd(from: start)
            guard end < bytes.count else { throw fail(.unexpectedEnd) }
            guard bytes[end] == 0x22 else { return try escapedString(quote: quote, runEnd: end) }
            index = end + 1
            guard let string = text(UnsafeBufferPointer(rebasing: bytes[start..<end])) else { throw fail(.invalidString(offset: quote)) }
            return string
        }

        /// The rest of a string whose first run ends at `runEnd`, before a backslash or a control byte.
        mutating func escapedString(quote: Int, runEnd: Int) throws(ParseError) -> String {
            unescaped.removeAll(keepingCapacity: true)
            var runStart = quote + 1
            index = runEnd
            while true {
                guard index < bytes.count else { throw fail(.unexpectedEnd) }
                unescaped.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                let byte = bytes[index]
                if byte == 0x22 {
                    index += 1
                    guard let string = unescaped.withUnsafeBufferPointer({ text($0) }) else { throw fail(.invalidString(offset: quote)) }
                    return string
                }
                guard byte == 0x5C else { throw fail(.controlCharacter(offset: index)) }
                try escape()
                runStart = index
                index = plainEnd(from: index)
            }
        }

        /// One escape, from its backslash, appended to `unescaped`.
        mutating func escape() throws(ParseError) {
            let start = index
            index += 1
            guard let escape = peek() else { throw fail(.unexpectedEnd) }
            index += 1
            switch escape {
            case UInt8(ascii: "\""): unescaped.append(0x22)
            case UInt8(ascii: "\\"): unescaped.append(0x5C)
            case UInt8(ascii: "/"): unescaped.append(0x2F)
            case UInt8(ascii: "b"): unescaped.append(0x08)
            case UInt8(ascii: "f"): unescaped.append(0x0C)
            case UInt8(ascii: "n"): unescaped.append(0x0A)
            case UInt8(ascii: "r"): unescaped.append(0x0D)
            case UInt8(ascii: "t"): unescaped.append(0x09)
            case UInt8(ascii: "u"):
                var value = try hex4(escape: start)
                if value >= 0xDC00, value < 0xE000 { throw fail(.unpairedSurrogate(offset: start)) }
                if value >= 0xD800, value < 0xDC00 {
                    guard index < bytes.count else { throw fail(.unexpectedEnd) }
                    guard peek() == UInt8(ascii: "\\"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "u") else {
                        throw fail(.unpairedSurrogate(offset: start))
                    }
                    index += 2
                    let low = try hex4(escape: start)
                    guard low >= 0xDC00, low < 0xE000 else { throw fail(.unpairedSurrogate(offset: start)) }
                    value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let scalar = Unicode.Scalar(value) else { throw fail(.unpairedSurrogate(offset: start)) }
                UTF8.encode(scalar) { unescaped.append($0) }
            default:
                throw fail(.invalidEscape(offset: start))
            }
        }
    }
}

extension OrderedJSON {
    /// How the input was laid out: the indentation unit of its first indented line ("" = compact).
    public struct Style: Sendable, Hashable {
        public var indent: String
        public var newline: String
        public init(indent: String, newline: String) {
            self.indent = indent
            self.newline = newline
        }

        /// The unit of the first indented line, and CRLF when the input uses it.
        public static func detect(_ data: Data) -> Style {
            let bytes = Array(data.prefix(64 * 1024))
            let newline = bytes.contains(0x0D) ? "\r\n" : "\n"
            var index = 0
            while index < bytes.count, bytes[index] != 0x0A { index += 1 }
            index += 1
            var indent: [UInt8] = []
            while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 {
                indent.append(bytes[index])
                index += 1
            }
            if index >= bytes.count || indent.isEmpty { return Style(indent: "", newline: "") }
            return Style(indent: String(decoding: indent, as: UTF8.self), newline: newline)
        }
    }

    /// The tree as JSON text in `style`; strings escaped as RFC 8259 requires, non-ASCII kept.
    public func written(style: Style) -> String {
        var out = ""
        write(into: &out, level: 0, style: style)
        if !style.newline.isEmpty { out += style.newline }
        return out
    }

    private func write(into out: inout String, level: Int, style: Style) {
        let compact = style.newline.isEmpty
        func pad(_ n: Int) -> String { compact ? "" : style.newline + String(repeating: style.indent, count: n) }
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .number(let text): out += text
        case .string(let text): OrderedJSON.writeString(text, into: &out)
        case .array(let elements):
            if elements.isEmpty { out += "[]"; return }
            out += "["
            for (offset, element) in elements.enumerated() {
                if offset > 0 { out += "," }
                out += pad(level + 1)
                element.write(into: &out, level: level + 1, style: style)
            }
            out += pad(level) + "]"
        case .object(let members):
            if members.isEmpty { out += "{}"; return }
            out += "{"
            for (offset, member) in members.enumerated() {
                if offset > 0 { out += "," }
                out += pad(level + 1)
                OrderedJSON.writeString(member.key, into: &out)
                out += compact ? ":" : ": "
                member.value.write(into: &out, level: level + 1, style: style)
            }
            out += pad(level) + "}"
        }
    }

    private static func writeString(_ text: String, into out: inout String) {
        out += "\""
        // Nothing to escape (no quote, backslash or control byte): the text as it is.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
            out += text
            out += "\""
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
