import Foundation
import Yams

/// A linear reader for the plain YAML that our files are made of, producing exactly the node tree
/// `Yams.compose` would (the same strings, tags, scalar styles and marks), without libyaml's two
/// passes (the bounded scan and the composer) and Yams' duplicate-key hashing.
///
/// The subset, all on UTF-8 text with LF or CRLF line ends:
/// - an optional `---` line first, comments (`#` at a line's start or after a space), blank lines;
/// - block mappings and block sequences indented with spaces, entries `- value`, `- key: value`,
///   `- - value`, values on the key's line or on the lines below, a mapping's sequence at its own
///   indentation;
/// - scalars on one line: plain, single-quoted (`''`), double-quoted (the escapes of YAML 1.1 but
///   `\0` and line continuations); an empty value is the empty plain scalar;
/// - flow sequences and mappings of such scalars, nested, opened and closed on one line;
/// - anchors (`&name`) on values and aliases (`*name`) as whole values, counted against the limits
///   the way `YAMLFile.scan` counts them.
///
/// Anything else returns nil, and the caller takes the scan and Yams as before, so that every error,
/// refusal and the alias-bomb defence stay theirs: tabs, control characters, byte order marks and
/// the other line breaks of YAML, directives, `...`, a second document, tags, block scalars,
/// multi-line scalars and flows, complex keys (`?`), keys that are not scalars, anchors on keys,
/// duplicate keys (equal text; Yams decides), a document that is a scalar or empty, a key near the
/// 1,024-character bound of simple keys, `:` or ` #` in unexpected places, a document over the
/// limits, and nesting deeper than `maximumRecursion`.
enum YAMLSubset {
    /// Nesting this reader handles itself (it recurses); deeper documents go to Yams.
    static let maximumRecursion = 64

    /// The root node and the shape `YAMLFile.scan` would report; nil for anything outside the
    /// subset or over `limits`.
    ///
    /// `resolvesValues` (for a tree that is only turned into values, never handed out): plain
    /// scalars whose tag `resolvedName` knows carry it already, so that `Node.any` does not run the
    /// resolver's regular expressions on them; the resolved tags, and so the values, are the same.
    static func compose(_ text: String, limits: YAMLFile.Limits, resolver: Resolver,
                        resolvesValues: Bool = false) -> (node: Node, shape: YAMLFile.Shape)? {
        guard MarkMaker.works, text.utf8.count <= limits.maximumBytes else { return nil }
        var reader = Reader(bytes: Array(text.utf8), limits: limits, resolver: resolver, resolvesValues: resolvesValues)
        do {
            let node = try reader.document()
            return (node, reader.shape)
        } catch {
            return nil
        }
    }
}

/// Yams' `Mark` has no public initialiser; its layout is two `Int`s (line, column), which is
/// checked once against a mark that Yams made. If the check fails the subset reader is off.
private enum MarkMaker {
    struct Layout { var line: Int; var column: Int }

    static let works: Bool = {
        guard MemoryLayout<Mark>.size == MemoryLayout<Layout>.size,
              MemoryLayout<Mark>.alignment == MemoryLayout<Layout>.alignment,
              let node = try? Yams.compose(yaml: "\n  x: y\n", .basic, .default, .utf8), let real = node.mark,
              real.line == 2, real.column == 3 else { return false }
        let back = unsafeBitCast(real, to: Layout.self)
        let made = unsafeBitCast(Layout(line: 5, column: 7), to: Mark.self)
        return back.line == 2 && back.column == 3 && made.line == 5 && made.column == 7
    }()

    /// Only called once `works` holds.
    static func mark(line: Int, column: Int) -> Mark {
        unsafeBitCast(Layout(line: line, column: column), to: Mark.self)
    }
}

/// Outside the subset: the caller falls back to the scan and Yams.
private struct Fallback: Error {}

/// A mapping's key texts so far: compared in turn while few (most mappings have a handful of
/// keys), hashed beyond.
private struct KeySet {
    var few: [String] = []
    var many: Set<String>?

    /// False when `key` is already there.
    mutating func insert(_ key: String) -> Bool {
        if many != nil { return many?.insert(key).inserted ?? false }
        if few.contains(key) { return false }
        few.append(key)
        if few.count > 12 { many = Set(few) }
        return true
    }
}

private struct Reader {
    struct Line {
        var start: Int
        /// Before the line break (LF or CRLF).
        var end: Int
        /// The first byte that is not a space (`end` for a blank line).
        var content: Int
        var ascii: Bool
        var indent: Int { content - start }
    }

    let bytes: [UInt8]
    let limits: YAMLFile.Limits
    let resolver: Resolver
    /// One per document, as `Yams.compose` makes one (`Constructor.default` builds its tables anew
    /// on every read).
    let constructor = Constructor.default
    var lines: [Line] = []
    var shape = YAMLFile.Shape()
    var depth = 0
    /// The next line to read after the node just read.
    var cursor = 0
    /// Anchored nodes by name, with their sizes counted as the scan counts them.
    var anchors: [String: (node: Node, nodes: Int)] = [:]
    var columnCache = (line: -1, position: 0, column: 0)

    let resolvesValues: Bool

    init(bytes: [UInt8], limits: YAMLFile.Limits, resolver: Resolver, resolvesValues: Bool) {
        self.bytes = bytes
        self.limits = limits
        self.resolver = resolver
        self.resolvesValues = resolvesValues
    }

    // MARK: Lines

    /// Splits the text into lines, refusing the characters libyaml treats differently from a plain
    /// reading (tabs, CR alone, control characters, NEL, LS, PS, byte order marks, U+FFFE/U+FFFF).
    mutating func splitLines() throws(Fallback) {
        let count = bytes.count
        var index = 0
        var start = 0
        var ascii = true
        let bytes = self.bytes
        func peek(_ at: Int) -> UInt8 { at < count ? bytes[at] : 0 }
        // Printable ASCII (no line break, control or non-ASCII byte) passed eight bytes at a time.
        var wordFrom = 0
        while index < count {
            if index >= wordFrom {
                let from = index
                index = bytes.withUnsafeBufferPointer { TextDecoding.afterWords(in: $0, from: from, while: TextDecoding.wordIsPrintableASCII) }
                wordFrom = index + 8
                if index >= count { break }
            }
            let value = bytes[index]
            if value == 0x0A || value == 0x0D {
                guard value == 0x0A || peek(index + 1) == 0x0A else { throw Fallback() }
                appendLine(start: start, end: index, ascii: ascii)
                index += value == 0x0A ? 1 : 2
                start = index
                ascii = true
                continue
            }
            if value < 0x20 || value == 0x7F { throw Fallback() }
            if value >= 0x80 {
                ascii = false
                let next = peek(index + 1), third = peek(index + 2)
                switch value {
                case 0xC2 where next >= 0x80 && next <= 0x9F: throw Fallback()
                case 0xE2 where next == 0x80 && (third == 0xA8 || third == 0xA9): throw Fallback()
                case 0xEF where (next == 0xBB && third == 0xBF) || (next == 0xBF && third >= 0xBE): throw Fallback()
                default: break
                }
            }
            index += 1
        }
        if start < count { appendLine(start: start, end: count, ascii: ascii) }
    }

    mutating func appendLine(start: Int, end: Int, ascii: Bool) {
        var content = start
        while content < end, bytes[content] == 0x20 { content += 1 }
        lines.append(Line(start: start, end: end, content: content, ascii: ascii))
    }

    /// The first line from `index` on that holds more than spaces and a comment; throws at a
    /// document marker (`---`, `...`) or a directive, which only Yams reads.
    func nextContent(_ index: Int) throws(Fallback) -> Int? {
        var index = index
        while index < lines.count {
            let line = lines[index]
            if line.content < line.end, bytes[line.content] != 0x23 {
                if line.indent == 0, isMarker(line) || bytes[line.content] == 0x25 { throw Fallback() }
                return index
            }
            index += 1
        }
        return nil
    }

    /// `---` or `...` at the start of a line, followed by a space or the line's end.
    func isMarker(_ line: Line) -> Bool {
        let first = byte(line.start, line.end)
        guard first == 0x2D || first == 0x2E, byte(line.start + 1, line.end) == first,
              byte(line.start + 2, line.end) == first else { return false }
        return isBlankOrEnd(line.start + 3, line.end)
    }

    /// The byte at `index`, or 0 at and after `end` (the line's end).
    func byte(_ index: Int, _ end: Int) -> UInt8 { index < end ? bytes[index] : 0 }
    func isBlankOrEnd(_ index: Int, _ end: Int) -> Bool { index >= end || bytes[index] == 0x20 }
    func skipSpaces(_ index: Int, _ end: Int) -> Int {
        var index = index
        while index < end, bytes[index] == 0x20 { index += 1 }
        return index
    }
    /// Nothing but a comment (after at least one space) from `index` (after spaces) to the line's end.
    func isRestEmpty(_ index: Int, _ end: Int, spaced: Bool) -> Bool {
        index >= end || (spaced && bytes[index] == 0x23)
    }

    /// libyaml counts columns in characters; a line's columns from its start, cached forward.
    mutating func column(_ line: Int, _ index: Int) -> Int {
        let info = lines[line]
        if info.ascii { return index - info.start }
        if columnCache.line != line || columnCache.position > index {
            columnCache = (line: line, position: info.start, column: 0)
        }
        var position = columnCache.position, column = columnCache.column
        while position < index {
            if bytes[position] & 0xC0 != 0x80 { column += 1 }
            position += 1
        }
        columnCache = (line: line, position: position, column: column)
        return column
    }

    mutating func mark(_ line: Int, _ index: Int) -> Mark {
        MarkMaker.mark(line: line + 1, column: column(line, index) + 1)
    }

    // MARK: Counting (as YAMLFile.scan counts)

    mutating func count(_ nodes: Int) throws(Fallback) {
        let (total, overflow) = shape.nodes.addingReportingOverflow(nodes)
        guard !overflow, total <= limits.maximumNodes else { throw Fallback() }
        shape.nodes = total
    }

    mutating func open() throws(Fallback) {
        guard depth < limits.maximumDepth, depth < YAMLSubset.maximumRecursion else { throw Fallback() }
        depth += 1
        shape.depth = max(shape.depth, depth)
        try count(1)
    }

    // MARK: Nodes

    func scalar(_ string: String, _ style: Node.Scalar.Style, _ mark: Mark) -> Node {
        let name: Tag.Name = if style != .plain { .str } else if resolvesValues, let known = resolvedName(string) { known } else { .implicit }
        return .scalar(Node.Scalar(string, Tag(name, resolver, constructor), style, mark))
    }

    /// The tag `resolver` gives a plain scalar, when it is certain without the resolver's regular
    /// expressions: every text for the basic resolver (no rules: a string). For the default one
    /// (bool, int, float, merge, null, timestamp, value, each anchored at both ends):
    /// - text that starts with an ASCII letter can only match bool or null, each a list of words
    ///   (`.inf` and `.nan` start with a dot), so it is that word's tag or a string; but not when
    ///   it holds a line terminator, which the patterns' `$` accepts before the end;
    /// - text that starts with an ASCII digit followed by an ASCII letter other than `b`, `o`, `x`,
    ///   `e` and `E` (binary, octal, hex, exponent) is a string: int, float and timestamp need a
    ///   digit, `_`, `.` or `:` there, and the other rules do not start with a digit. A GUID such
    ///   as `1a446d5b-…` or a secret such as `9A6…~…` is one;
    /// - so is text that starts with a digit and holds a `-` after something other than `e` or
    ///   `E`, but does not start with four digits and a `-`: int has a `-` only as its sign,
    ///   float only as its sign or its exponent's, and only timestamp (four digits, `-`, …) has
    ///   one elsewhere. A GUID such as `08bd9d96-…` is one. Not with a line terminator.
    /// Nil otherwise: Yams resolves it.
    func resolvedName(_ string: String) -> Tag.Name? {
        if resolver === Resolver.basic { return .str }
        let utf8 = string.utf8
        guard resolver === Resolver.default, let first = utf8.first else { return nil }
        if Self.isASCIILetter(first) {
            guard !Self.holdsLineTerminator(utf8) else { return nil }
            if Self.boolWords.contains(string) { return .bool }
            if Self.nullWords.contains(string) { return .null }
            return .str
        }
        if first >= 0x30, first <= 0x39, let second = utf8.dropFirst().first, Self.isASCIILetter(second),
           second != UInt8(ascii: "b"), second != UInt8(ascii: "o"), second != UInt8(ascii: "x"),
           second != UInt8(ascii: "e"), second != UInt8(ascii: "E") {
            return .str
        }
        if first >= 0x30, first <= 0x39, Self.holdsInnerHyphen(utf8), !Self.startsLikeTimestamp(utf8), !Self.holdsLineTerminator(utf8) {
            return .str
        }
        return nil
    }

    /// A `-` after a byte other than `e` and `E` (not a sign, not an exponent's sign).
    static func holdsInnerHyphen(_ utf8: String.UTF8View) -> Bool {
        var previous: UInt8?
        for byte in utf8 {
            if byte == UInt8(ascii: "-"), let before = previous, before != UInt8(ascii: "e"), before != UInt8(ascii: "E") { return true }
            previous = byte
        }
        return false
    }

    /// Four ASCII digits and a `-`: how every timestamp of the default rule starts.
    static func startsLikeTimestamp(_ utf8: String.UTF8View) -> Bool {
        let head = Array(utf8.prefix(5))
        return head.count == 5 && head[..<4].allSatisfy { $0 >= 0x30 && $0 <= 0x39 } && head[4] == UInt8(ascii: "-")
    }

    static func isASCIILetter(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    /// A line terminator of ICU's (`\n`, U+000B, U+000C, `\r`, U+0085, U+2028, U+2029) anywhere
    /// in the text, or any other control: such text is left to the resolver.
    static func holdsLineTerminator(_ utf8: String.UTF8View) -> Bool {
        var previous: UInt8 = 0
        var beforePrevious: UInt8 = 0
        for byte in utf8 {
            if byte < 0x20 || byte == 0x7F { return true }
            if previous == 0xC2, byte == 0x85 { return true }
            if beforePrevious == 0xE2, previous == 0x80, byte == 0xA8 || byte == 0xA9 { return true }
            beforePrevious = previous
            previous = byte
        }
        return false
    }

    /// Yams' `Resolver.Rule.bool` and `.null` words.
    static let boolWords: Set<String> = ["yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE",
                                         "on", "On", "ON", "off", "Off", "OFF"]
    static let nullWords: Set<String> = ["null", "Null", "NULL"]

    func string(_ start: Int, _ end: Int) -> String {
        String(decoding: bytes[start..<end], as: UTF8.self)
    }

    mutating func document() throws(Fallback) -> Node {
        try splitLines()
        var first = 0
        // A `---` line before the root (with nothing but a comment after it).
        while first < lines.count, lines[first].content == lines[first].end || bytes[lines[first].content] == 0x23 { first += 1 }
        if first < lines.count, lines[first].indent == 0, isMarker(lines[first]), byte(lines[first].start, lines[first].end) == 0x2D {
            let line = lines[first]
            let after = skipSpaces(line.start + 3, line.end)
            guard isRestEmpty(after, line.end, spaced: after > line.start + 3) else { throw Fallback() }
            first += 1
        }
        guard let start = try nextContent(first) else { throw Fallback() }
        let line = lines[start]
        let root = try node(start, line.content, parent: -1, compact: true)
        guard case .scalar = root else {
            guard try nextContent(cursor) == nil else { throw Fallback() }
            return root
        }
        throw Fallback()
    }

    /// The node starting at `index` of line `line` (the line's first content or, `compact`, what
    /// follows `- `), inside a collection at column `parent` (-1 for the root).
    mutating func node(_ line: Int, _ index: Int, parent: Int, compact: Bool) throws(Fallback) -> Node {
        let end = lines[line].end
        let first = bytes[index]
        if compact, first == 0x2D, isBlankOrEnd(index + 1, end) {
            return try sequence(line, index, indentless: false)
        }
        if compact, keyEnd(line, index) != nil {
            return try mapping(line, index)
        }
        if first == 0x26 || first == 0x2A { throw Fallback() }
        return try inlineValue(line, index)
    }

    /// A block sequence whose first `-` is at `index` of `line`. `indentless`: a mapping's value at
    /// the mapping's own column, which ends at the first line there that is not an entry.
    mutating func sequence(_ startLine: Int, _ startIndex: Int, indentless: Bool) throws(Fallback) -> Node {
        try open()
        let column = column(startLine, startIndex)
        let mark = mark(startLine, startIndex)
        var nodes: [Node] = []
        var line = startLine, index = startIndex
        while true {
            nodes.append(try value(line, index + 1, owner: column, indicatorEnd: index + 1, mappingValue: false))
            guard let next = try nextContent(cursor) else { break }
            let info = lines[next]
            if info.indent < column { break }
            guard info.indent == column else { throw Fallback() }
            guard bytes[info.content] == 0x2D, isBlankOrEnd(info.content + 1, info.end) else {
                if indentless { break }
                throw Fallback()
            }
            line = next
            index = info.content
        }
        depth -= 1
        return .sequence(Node.Sequence(nodes, Tag(.implicit, resolver, constructor), .any, mark))
    }

    /// A block mapping whose first key is at `index` of `line`.
    mutating func mapping(_ startLine: Int, _ startIndex: Int) throws(Fallback) -> Node {
        try open()
        let column = column(startLine, startIndex)
        let mark = mark(startLine, startIndex)
        var pairs: [(Node, Node)] = []
        var keys = KeySet()
        var line = startLine, index = startIndex
        while true {
            let (key, text, colon) = try self.key(line, index)
            guard keys.insert(text) else { throw Fallback() }
            let value = try value(line, colon + 1, owner: column, indicatorEnd: colon + 1, mappingValue: true)
            pairs.append((key, value))
            guard let next = try nextContent(cursor) else { break }
            let info = lines[next]
            if info.indent < column { break }
            guard info.indent == column else { throw Fallback() }
            line = next
            index = info.content
        }
        depth -= 1
        return .mapping(Node.Mapping(pairs, Tag(.implicit, resolver, constructor), .any, mark))
    }

    /// What follows a `:` or a `-` (at `indicatorEnd`, its end) of a collection at column `owner`:
    /// on the same line, or below it, or nothing (the empty scalar).
    mutating func value(_ line: Int, _ from: Int, owner: Int, indicatorEnd: Int, mappingValue: Bool) throws(Fallback) -> Node {
        let end = lines[line].end
        let index = skipSpaces(from, end)
        if isRestEmpty(index, end, spaced: index > from) {
            if let next = try nextContent(line + 1) {
                let info = lines[next]
                if info.indent > owner {
                    return try node(next, info.content, parent: owner, compact: true)
                }
                if mappingValue, info.indent == owner, bytes[info.content] == 0x2D, isBlankOrEnd(info.content + 1, info.end) {
                    return try sequence(next, info.content, indentless: true)
                }
            }
            try count(1)
            cursor = line + 1
            return scalar("", .plain, mark(line, indicatorEnd))
        }
        guard index > from || from >= end else { throw Fallback() }
        switch bytes[index] {
        case 0x26: return try anchored(line, index, owner: owner)
        case 0x2A: return try alias(line, index)
        default: return try node(line, index, parent: owner, compact: !mappingValue)
        }
    }

    /// `&name` and the node it names: on the same line, or a block collection below.
    mutating func anchored(_ line: Int, _ index: Int, owner: Int) throws(Fallback) -> Node {
        let end = lines[line].end
        let nameEnd = nameEnd(index + 1, end)
        guard nameEnd > index + 1, isBlankOrEnd(nameEnd, end) else { throw Fallback() }
        let name = string(index + 1, nameEnd)
        let mark = mark(line, index)
        let before = shape.nodes
        let after = skipSpaces(nameEnd, end)
        var node: Node
        if isRestEmpty(after, end, spaced: after > nameEnd) {
            guard let next = try nextContent(line + 1), lines[next].indent > owner else { throw Fallback() }
            let info = lines[next]
            guard bytes[info.content] == 0x2D && isBlankOrEnd(info.content + 1, info.end) || keyEnd(next, info.content) != nil else {
                throw Fallback()
            }
            node = try self.node(next, info.content, parent: owner, compact: true)
        } else {
            let first = bytes[after]
            guard first != 0x26, first != 0x2A else { throw Fallback() }
            node = try inlineValue(line, after)
        }
        switch node {
        case .scalar(var scalar): scalar.mark = mark; node = .scalar(scalar)
        case .mapping(var mapping): mapping.mark = mark; node = .mapping(mapping)
        case .sequence(var sequence): sequence.mark = mark; node = .sequence(sequence)
        case .alias: throw Fallback()
        }
        anchors[name] = (node, shape.nodes - before)
        return node
    }

    /// `*name` as a whole value: the node it names, counted as the nodes of that node.
    mutating func alias(_ line: Int, _ index: Int) throws(Fallback) -> Node {
        let end = lines[line].end
        let nameEnd = nameEnd(index + 1, end)
        let after = skipSpaces(nameEnd, end)
        guard nameEnd > index + 1, isRestEmpty(after, end, spaced: after > nameEnd),
              let anchored = anchors[string(index + 1, nameEnd)] else { throw Fallback() }
        shape.aliases += 1
        guard shape.aliases <= limits.maximumAliases else { throw Fallback() }
        try count(anchored.nodes)
        cursor = line + 1
        return anchored.node
    }

    /// Anchor and alias names: ASCII letters, digits, `-` and `_`.
    func nameEnd(_ index: Int, _ end: Int) -> Int {
        var index = index
        while index < end {
            let value = bytes[index]
            guard (value >= 0x30 && value <= 0x39) || (value >= 0x41 && value <= 0x5A) || (value >= 0x61 && value <= 0x7A)
                    || value == 0x2D || value == 0x5F else { break }
            index += 1
        }
        return index
    }

    // MARK: Keys

    /// Where the `:` of a simple key starting at `index` is, or nil when the line does not start a
    /// mapping entry there.
    func keyEnd(_ line: Int, _ index: Int) -> Int? {
        let end = lines[line].end
        let first = bytes[index]
        var colon: Int
        if first == 0x22 || first == 0x27 {
            guard let close = quotedEnd(index, end) else { return nil }
            colon = skipSpaces(close, end)
            guard byte(colon, end) == 0x3A else { return nil }
        } else {
            guard isPlainStart(index, end, flow: false) else { return nil }
            colon = index
            while true {
                guard colon < end else { return nil }
                let value = bytes[colon]
                if value == 0x3A, isBlankOrEnd(colon + 1, end) { break }
                if value == 0x20, byte(colon + 1, end) == 0x23 { return nil }
                colon += 1
            }
        }
        // libyaml bounds a simple key to 1,024 characters; stay well inside.
        guard isBlankOrEnd(colon + 1, end), colon - index <= 1000 else { return nil }
        return colon
    }

    /// The key node at `index`, its text and the index of its `:`.
    mutating func key(_ line: Int, _ index: Int) throws(Fallback) -> (Node, String, Int) {
        guard let colon = keyEnd(line, index) else { throw Fallback() }
        let mark = mark(line, index)
        try count(1)
        let first = bytes[index]
        if first == 0x22 || first == 0x27 {
            let (text, _) = try quoted(line, index)
            return (resolvedKey(scalar(text, first == 0x22 ? .doubleQuoted : .singleQuoted, mark)), text, colon)
        }
        var last = colon
        while last > index, bytes[last - 1] == 0x20 { last -= 1 }
        let text = string(index, last)
        return (resolvedKey(scalar(text, .plain, mark)), text, colon)
    }

    /// Yams' duplicate-key check hashes every key, which resolves its tag in place (`Tag` is a
    /// class): composed keys carry their resolved tag, and so do these (`resolvedName` where it
    /// knows, else the resolver).
    func resolvedKey(_ key: Node) -> Node {
        if case .scalar(var scalar) = key, scalar.tag.rawValue.isEmpty, let name = resolvedName(scalar.string) {
            scalar.tag = Tag(name, resolver, constructor)
            return .scalar(scalar)
        }
        _ = key.tag
        return key
    }

    // MARK: Scalars and flows on one line

    /// A scalar or a flow collection at `index` that ends the line (but for a comment).
    mutating func inlineValue(_ line: Int, _ index: Int) throws(Fallback) -> Node {
        let end = lines[line].end
        let node: Node
        var after: Int
        switch bytes[index] {
        case 0x22, 0x27:
            let mark = mark(line, index)
            let (text, close) = try quoted(line, index)
            try count(1)
            node = scalar(text, bytes[index] == 0x22 ? .doubleQuoted : .singleQuoted, mark)
            after = close
        case 0x5B, 0x7B:
            (node, after) = try flow(line, index)
        default:
            guard isPlainStart(index, end, flow: false) else { throw Fallback() }
            let mark = mark(line, index)
            var stop = index
            while stop < end {
                let value = bytes[stop]
                if value == 0x3A, isBlankOrEnd(stop + 1, end) { throw Fallback() }
                if value == 0x20, byte(stop + 1, end) == 0x23 { break }
                stop += 1
            }
            after = stop
            while stop > index, bytes[stop - 1] == 0x20 { stop -= 1 }
            try count(1)
            node = scalar(string(index, stop), .plain, mark)
        }
        let rest = skipSpaces(after, end)
        guard isRestEmpty(rest, end, spaced: rest > after) else { throw Fallback() }
        cursor = line + 1
        return node
    }

    /// libyaml's rule for the first character of a plain scalar (`?` and `:` starts left to Yams).
    func isPlainStart(_ index: Int, _ end: Int, flow: Bool) -> Bool {
        guard index < end else { return false }
        switch bytes[index] {
        case 0x2D: // -
            return !isBlankOrEnd(index + 1, end)
        case 0x20, 0x3F, 0x3A, 0x2C, 0x5B, 0x5D, 0x7B, 0x7D, 0x23, 0x26, 0x2A, 0x21, 0x7C, 0x3E, 0x27, 0x22, 0x25, 0x40, 0x60:
            return false
        default:
            return true
        }
    }

    /// The index after the closing quote of the quoted scalar at `index`, if it closes on the line.
    func quotedEnd(_ index: Int, _ end: Int) -> Int? {
        let quote = bytes[index]
        var position = index + 1
        while position < end {
            let value = bytes[position]
            if quote == 0x27, value == 0x27 {
                if byte(position + 1, end) == 0x27 { position += 2; continue }
                return position + 1
            }
            if quote == 0x22 {
                if value == 0x22 { return position + 1 }
                if value == 0x5C { position += 2; continue }
            }
            position += 1
        }
        return nil
    }

    /// The text of the quoted scalar at `index` and the index after its closing quote.
    func quoted(_ line: Int, _ index: Int) throws(Fallback) -> (String, Int) {
        let end = lines[line].end
        guard let close = quotedEnd(index, end) else { throw Fallback() }
        let inner = (index + 1)..<(close - 1)
        if bytes[index] == 0x27 {
            guard bytes[inner].contains(0x27) else { return (string(inner.lowerBound, inner.upperBound), close) }
            var text: [UInt8] = []
            text.reserveCapacity(inner.count)
            var position = inner.lowerBound
            while position < inner.upperBound {
                text.append(bytes[position])
                position += bytes[position] == 0x27 ? 2 : 1
            }
            return (String(decoding: text, as: UTF8.self), close)
        }
        guard bytes[inner].contains(0x5C) else { return (string(inner.lowerBound, inner.upperBound), close) }
        var text: [UInt8] = []
        text.reserveCapacity(inner.count)
        var position = inner.lowerBound
        while position < inner.upperBound {
            let value = bytes[position]
            guard value == 0x5C else { text.append(value); position += 1; continue }
            let escape = byte(position + 1, inner.upperBound)
            position += 2
            let simple: UInt8? = switch escape {
            case 0x61: 0x07 // a
            case 0x62: 0x08 // b
            case 0x74: 0x09 // t
            case 0x6E: 0x0A // n
            case 0x76: 0x0B // v
            case 0x66: 0x0C // f
            case 0x72: 0x0D // r
            case 0x65: 0x1B // e
            case 0x20, 0x22, 0x2F, 0x5C: escape
            default: nil
            }
            if let simple { text.append(simple); continue }
            let scalarValue: UInt32
            switch escape {
            case 0x4E: scalarValue = 0x85 // N
            case 0x5F: scalarValue = 0xA0 // _
            case 0x4C: scalarValue = 0x2028 // L
            case 0x50: scalarValue = 0x2029 // P
            case 0x78, 0x75, 0x55: // x, u, U
                let digits = escape == 0x78 ? 2 : escape == 0x75 ? 4 : 8
                guard position + digits <= inner.upperBound else { throw Fallback() }
                var parsed: UInt32 = 0
                for digit in bytes[position..<(position + digits)] {
                    guard let nibble = Self.hexValue(digit) else { throw Fallback() }
                    parsed = parsed << 4 | nibble
                }
                position += digits
                scalarValue = parsed
            default:
                throw Fallback()
            }
            // NUL and what libyaml refuses (surrogates, beyond U+10FFFF) are Yams' to handle.
            guard scalarValue != 0, let unicode = Unicode.Scalar(scalarValue) else { throw Fallback() }
            text.append(contentsOf: Array(String(Character(unicode)).utf8))
        }
        return (String(decoding: text, as: UTF8.self), close)
    }

    static func hexValue(_ digit: UInt8) -> UInt32? {
        switch digit {
        case 0x30...0x39: UInt32(digit - 0x30)
        case 0x41...0x46: UInt32(digit - 0x41 + 10)
        case 0x61...0x66: UInt32(digit - 0x61 + 10)
        default: nil
        }
    }

    /// The flow collection at `index` (`[` or `{`), closed on the same line, and the index after it.
    mutating func flow(_ line: Int, _ index: Int) throws(Fallback) -> (Node, Int) {
        let end = lines[line].end
        try open()
        let mark = mark(line, index)
        let isMapping = bytes[index] == 0x7B
        let close: UInt8 = isMapping ? 0x7D : 0x5D
        var position = skipSpaces(index + 1, end)
        var items: [Node] = []
        var pairs: [(Node, Node)] = []
        var keys = KeySet()
        while byte(position, end) != close {
            if isMapping {
                let keyStart = position
                let (item, after) = try flowItem(line, position, allowCollection: false)
                let key = resolvedKey(item)
                guard case .scalar(let scalar) = key, keys.insert(scalar.string) else { throw Fallback() }
                position = skipSpaces(after, end)
                // `: ` after the key (libyaml allows `"a":b`; left to Yams), within the simple-key bound.
                guard byte(position, end) == 0x3A, byte(position + 1, end) == 0x20, position - keyStart <= 1000 else { throw Fallback() }
                position = skipSpaces(position + 1, end)
                let (value, next) = try flowItem(line, position, allowCollection: true)
                pairs.append((key, value))
                position = skipSpaces(next, end)
            } else {
                let (item, after) = try flowItem(line, position, allowCollection: true)
                items.append(item)
                position = skipSpaces(after, end)
            }
            let separator = byte(position, end)
            if separator == 0x2C {
                position = skipSpaces(position + 1, end)
                guard byte(position, end) != 0x2C else { throw Fallback() }
            } else if separator != close {
                throw Fallback()
            }
        }
        depth -= 1
        let tag = Tag(.implicit, resolver, constructor)
        let node: Node = isMapping ? .mapping(Node.Mapping(pairs, tag, .any, mark)) : .sequence(Node.Sequence(items, tag, .any, mark))
        return (node, position + 1)
    }

    /// A scalar, or (`allowCollection`) a nested flow collection, inside a flow collection.
    mutating func flowItem(_ line: Int, _ index: Int, allowCollection: Bool) throws(Fallback) -> (Node, Int) {
        let end = lines[line].end
        guard index < end else { throw Fallback() }
        switch bytes[index] {
        case 0x5B, 0x7B:
            guard allowCollection else { throw Fallback() }
            return try flow(line, index)
        case 0x22, 0x27:
            let mark = mark(line, index)
            let (text, close) = try quoted(line, index)
            try count(1)
            return (scalar(text, bytes[index] == 0x22 ? .doubleQuoted : .singleQuoted, mark), close)
        default:
            guard isPlainStart(index, end, flow: true) else { throw Fallback() }
            let mark = mark(line, index)
            var stop = index
            scan: while stop < end {
                switch bytes[stop] {
                case 0x2C, 0x5B, 0x5D, 0x7B, 0x7D: break scan
                case 0x3A:
                    let next = byte(stop + 1, end)
                    if stop + 1 >= end || next == 0x20 { break scan }
                    if next == 0x2C || next == 0x3F || next == 0x5B || next == 0x5D || next == 0x7B || next == 0x7D { throw Fallback() }
                case 0x20:
                    if byte(stop + 1, end) == 0x23 { throw Fallback() }
                default: break
                }
                stop += 1
            }
            let after = stop
            while stop > index, bytes[stop - 1] == 0x20 { stop -= 1 }
            try count(1)
            return (scalar(string(index, stop), .plain, mark), after)
        }
    }
}
