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
        public static let manifest = Limits(maximumBytes: 4 * 1024 * 1024, maximumDepth: 64)
    }

    public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        public enum Problem: Sendable, Hashable {
            case tooLarge(limit: Int)
            case tooDeep(limit: Int)
            case unexpected(offset: Int)
            case unexpectedEnd
            case trailingContent(offset: Int)
            case invalidString(offset: Int)
        }
        public var file: String
        public var problem: Problem
        public var description: String {
            switch problem {
            case .tooLarge(let limit): return "\(file): JSON larger than \(limit) bytes"
            case .tooDeep(let limit): return "\(file): JSON nested deeper than \(limit) levels"
            case .unexpected(let offset): return "\(file): unexpected character at byte \(offset)"
            case .unexpectedEnd: return "\(file): JSON ends early"
            case .trailingContent(let offset): return "\(file): content after the JSON value at byte \(offset)"
            case .invalidString(let offset): return "\(file): invalid string at byte \(offset)"
            }
        }
    }

    /// Object member lookup (first match).
    public subscript(key: String) -> OrderedJSON? {
        guard case .object(let members) = self else { return nil }
        return members.first(where: { $0.key == key })?.value
    }

    // MARK: Reading

    public static func parse(_ data: Data, file: String, limits: Limits = .manifest) throws(ParseError) -> OrderedJSON {
        guard data.count <= limits.maximumBytes else {
            throw ParseError(file: file, problem: .tooLarge(limit: limits.maximumBytes))
        }
        var reader = Reader(bytes: Array(data), file: file, maximumDepth: limits.maximumDepth)
        // A UTF-8 byte order mark is skipped.
        if reader.bytes.count >= 3, reader.bytes[0] == 0xEF, reader.bytes[1] == 0xBB, reader.bytes[2] == 0xBF {
            reader.index = 3
        }
        let value = try reader.value(depth: 0)
        reader.skipSpace()
        guard reader.index == reader.bytes.count else {
            throw ParseError(file: file, problem: .trailingContent(offset: reader.index))
        }
        return value
    }

    private struct Reader {
        let bytes: [UInt8]
        let file: String
        let maximumDepth: Int
        var index = 0

        init(bytes: [UInt8], file: String, maximumDepth: Int) {
            self.bytes = bytes
            self.file = file
            self.maximumDepth = maximumDepth
        }

        func fail(_ problem: ParseError.Problem) -> ParseError { ParseError(file: file, problem: problem) }

        mutating func skipSpace() {
            while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x0A || bytes[index] == 0x0D {
                index += 1
            }
        }

        func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func literal(_ text: String, _ result: OrderedJSON) throws(ParseError) -> OrderedJSON {
            for byte in text.utf8 {
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
            case UInt8(ascii: "{"):
                guard depth < maximumDepth else { throw fail(.tooDeep(limit: maximumDepth)) }
                index += 1
                var members: [Member] = []
                skipSpace()
                if peek() == UInt8(ascii: "}") { index += 1; return .object(members) }
                while true {
                    skipSpace()
                    guard peek() == UInt8(ascii: "\"") else {
                        throw peek() == nil ? fail(.unexpectedEnd) : fail(.unexpected(offset: index))
                    }
                    let key = try string()
                    skipSpace()
                    guard peek() == UInt8(ascii: ":") else {
                        throw peek() == nil ? fail(.unexpectedEnd) : fail(.unexpected(offset: index))
                    }
                    index += 1
                    members.append(Member(key: key, value: try value(depth: depth + 1)))
                    skipSpace()
                    guard let next = peek() else { throw fail(.unexpectedEnd) }
                    index += 1
                    if next == UInt8(ascii: "}") { return .object(members) }
                    guard next == UInt8(ascii: ",") else { throw fail(.unexpected(offset: index - 1)) }
                }
            case UInt8(ascii: "["):
                guard depth < maximumDepth else { throw fail(.tooDeep(limit: maximumDepth)) }
                index += 1
                var elements: [OrderedJSON] = []
                skipSpace()
                if peek() == UInt8(ascii: "]") { index += 1; return .array(elements) }
                while true {
                    elements.append(try value(depth: depth + 1))
                    skipSpace()
                    guard let next = peek() else { throw fail(.unexpectedEnd) }
                    index += 1
                    if next == UInt8(ascii: "]") { return .array(elements) }
                    guard next == UInt8(ascii: ",") else { throw fail(.unexpected(offset: index - 1)) }
                }
            case UInt8(ascii: "\""):
                return .string(try string())
            case UInt8(ascii: "t"):
                return try literal("true", .bool(true))
            case UInt8(ascii: "f"):
                return try literal("false", .bool(false))
            case UInt8(ascii: "n"):
                return try literal("null", .null)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                return try number()
            default:
                throw fail(.unexpected(offset: index))
            }
        }

        mutating func number() throws(ParseError) -> OrderedJSON {
            let start = index
            func isDigit(_ byte: UInt8?) -> Bool { byte.map { $0 >= 0x30 && $0 <= 0x39 } ?? false }
            if peek() == UInt8(ascii: "-") { index += 1 }
            guard isDigit(peek()) else { throw peek() == nil ? fail(.unexpectedEnd) : fail(.unexpected(offset: index)) }
            if peek() == UInt8(ascii: "0") {
                index += 1
            } else {
                while isDigit(peek()) { index += 1 }
            }
            if peek() == UInt8(ascii: ".") {
                index += 1
                guard isDigit(peek()) else { throw fail(.unexpected(offset: index)) }
                while isDigit(peek()) { index += 1 }
            }
            if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
                index += 1
                if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { index += 1 }
                guard isDigit(peek()) else { throw fail(.unexpected(offset: index)) }
                while isDigit(peek()) { index += 1 }
            }
            return .number(String(decoding: bytes[start..<index], as: UTF8.self))
        }

        mutating func hex4() throws(ParseError) -> UInt32 {
            var result: UInt32 = 0
            for _ in 0..<4 {
                guard let byte = peek() else { throw fail(.unexpectedEnd) }
                let digit: UInt32
                switch byte {
                case 0x30...0x39: digit = UInt32(byte - 0x30)
                case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
                case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
                default: throw fail(.invalidString(offset: index))
                }
                result = result &* 16 &+ digit
                index += 1
            }
            return result
        }

        mutating func string() throws(ParseError) -> String {
            let start = index
            index += 1 // opening quote
            var out: [UInt8] = []
            while true {
                guard let byte = peek() else { throw fail(.unexpectedEnd) }
                index += 1
                switch byte {
                case UInt8(ascii: "\""):
                    guard let text = String(validating: out, as: UTF8.self) else {
                        throw fail(.invalidString(offset: start))
                    }
                    return text
                case UInt8(ascii: "\\"):
                    guard let escape = peek() else { throw fail(.unexpectedEnd) }
                    index += 1
                    switch escape {
                    case UInt8(ascii: "\""): out.append(0x22)
                    case UInt8(ascii: "\\"): out.append(0x5C)
                    case UInt8(ascii: "/"): out.append(0x2F)
                    case UInt8(ascii: "b"): out.append(0x08)
                    case UInt8(ascii: "f"): out.append(0x0C)
                    case UInt8(ascii: "n"): out.append(0x0A)
                    case UInt8(ascii: "r"): out.append(0x0D)
                    case UInt8(ascii: "t"): out.append(0x09)
                    case UInt8(ascii: "u"):
                        var scalar = try hex4()
                        if scalar >= 0xD800, scalar < 0xDC00 {
                            guard peek() == UInt8(ascii: "\\") else { throw fail(.invalidString(offset: index)) }
                            index += 1
                            guard peek() == UInt8(ascii: "u") else { throw fail(.invalidString(offset: index)) }
                            index += 1
                            let low = try hex4()
                            guard low >= 0xDC00, low < 0xE000 else { throw fail(.invalidString(offset: index)) }
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        }
                        guard let unicode = Unicode.Scalar(scalar) else { throw fail(.invalidString(offset: index)) }
                        out.append(contentsOf: Array(String(Character(unicode)).utf8))
                    default:
                        throw fail(.invalidString(offset: index - 1))
                    }
                case 0x00..<0x20:
                    throw fail(.invalidString(offset: index - 1))
                default:
                    out.append(byte)
                }
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
