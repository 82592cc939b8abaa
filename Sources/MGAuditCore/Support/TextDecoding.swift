import Foundation
#if canImport(Glibc)
import Glibc
private let posixRead = Glibc.read
#elseif canImport(Darwin)
import Darwin
private let posixRead = Darwin.read
#endif

/// Turns the bytes people export into text: UTF-8 (with or without BOM), UTF-16LE/BE and UTF-32LE/BE
/// with a BOM (Windows PowerShell redirection) or without one (told by the NUL bytes at the start),
/// and Shift_JIS/CP932 for Japanese sheets. CRLF becomes LF.
public enum TextDecoding {
    public enum Encoding: String, Sendable {
        case utf8, utf8BOM = "utf8-bom", utf16LE = "utf16le", utf16BE = "utf16be", shiftJIS = "shift_jis"
        case utf16LENoBOM = "utf16le-no-bom", utf16BENoBOM = "utf16be-no-bom"
        case utf32LE = "utf32le", utf32BE = "utf32be", utf32LENoBOM = "utf32le-no-bom", utf32BENoBOM = "utf32be-no-bom"

        var foundation: String.Encoding {
            switch self {
            case .utf8, .utf8BOM: .utf8
            case .utf16LE, .utf16LENoBOM: .utf16LittleEndian
            case .utf16BE, .utf16BENoBOM: .utf16BigEndian
            case .utf32LE, .utf32LENoBOM: .utf32LittleEndian
            case .utf32BE, .utf32BENoBOM: .utf32BigEndian
            case .shiftJIS: .shiftJIS
            }
        }
    }

    /// How many leading bytes the NUL-pattern sniffing of BOM-less UTF-16/32 looks at.
    static let sniffBytes = 4096

    /// Refuses files larger than this before decoding: every input is a small export (a log for
    /// triage may be larger: `--max-input-size` binds another bound for one run with
    /// `TextDecoding.$maximumInputBytes.withValue(_:operation:)`).
    @TaskLocal public static var maximumInputBytes = defaultMaximumInputBytes
    public static let defaultMaximumInputBytes = 32 * 1024 * 1024

    /// "32 MiB", or the exact bytes of a bound that is no whole number of MiB.
    public static func describe(_ bytes: Int) -> String {
        bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0 ? "\(bytes / 1024 / 1024) MiB" : "\(bytes) bytes"
    }

    public static func decode(_ data: Data, path: String, allowShiftJIS: Bool = true) throws -> (text: String, encoding: Encoding) {
        guard data.count <= maximumInputBytes else {
            throw InputError(path: path, problem: "refused: file larger than \(describe(maximumInputBytes)) (--max-input-size)")
        }
        let bytes = [UInt8](data.prefix(4))
        let decoded: (String?, Encoding)
        // UTF-32LE's BOM starts like UTF-16LE's: test it first.
        if bytes.starts(with: [0xFF, 0xFE, 0x00, 0x00]) {
            decoded = (String(data: data.dropFirst(4), encoding: .utf32LittleEndian), .utf32LE)
        } else if bytes.starts(with: [0x00, 0x00, 0xFE, 0xFF]) {
            decoded = (String(data: data.dropFirst(4), encoding: .utf32BigEndian), .utf32BE)
        } else if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            decoded = (utf8String(data.dropFirst(3)), .utf8BOM)
        } else if bytes.starts(with: [0xFF, 0xFE]) {
            decoded = (utf16String(data.dropFirst(2), bigEndian: false), .utf16LE)
        } else if bytes.starts(with: [0xFE, 0xFF]) {
            decoded = (utf16String(data.dropFirst(2), bigEndian: true), .utf16BE)
        } else if let wide = try decodeWithoutBOM(data, path: path) {
            decoded = (wide.text, wide.encoding)
        } else if let text = utf8String(data) {
            decoded = (text, .utf8)
        } else if allowShiftJIS, let text = String(data: data, encoding: .shiftJIS) {
            decoded = (text, .shiftJIS)
        } else {
            throw InputError(path: path, problem: allowShiftJIS
                ? "not valid UTF-8, UTF-16, UTF-32 or Shift_JIS text"
                : "not valid UTF-8, UTF-16 or UTF-32 text")
        }
        guard let text = decoded.0 else {
            throw InputError(path: path, problem: "not valid \(decoded.1.rawValue) text despite its byte-order mark")
        }
        return (normaliseLineEnds(text), decoded.1)
    }

    /// BOM-less UTF-32 or UTF-16, told by where NUL bytes sit in the first `sniffBytes` bytes: text
    /// (UTF-8, Shift_JIS) never holds a NUL, UTF-16 of ASCII has one in every other byte, UTF-32 three in
    /// four. nil when the bytes do not look wide, or do not decode as what they look like (then the
    /// caller tries UTF-8 and Shift_JIS as before). Linear: one pass over the sample, one decode.
    static func decodeWithoutBOM(_ data: Data, path: String) throws -> (text: String, encoding: Encoding)? {
        // Most files hold no NUL: `memchr` tells before the sample is copied.
        let sampled = min(data.count, sniffBytes)
        let hasNUL = data.withUnsafeBytes { raw in raw.baseAddress.map { memchr($0, 0, sampled) != nil } ?? false }
        guard sampled >= 2, hasNUL else { return nil }
        let sample = [UInt8](data.prefix(sniffBytes))
        if sample.count >= 4, data.count % 4 == 0 {
            let first = sample[0], second = sample[1], third = sample[2], fourth = sample[3]
            let candidate: Encoding? = if first == 0, second == 0, third == 0, fourth != 0 { .utf32BENoBOM }
                else if first != 0, second == 0, third == 0, fourth == 0 { .utf32LENoBOM } else { nil }
            if let candidate, let text = String(data: data, encoding: candidate.foundation) { return (text, candidate) }
        }
        var evenNULs = 0, oddNULs = 0
        for (index, byte) in sample.enumerated() where byte == 0 {
            if index % 2 == 0 { evenNULs += 1 } else { oddNULs += 1 }
        }
        // ASCII in UTF-16LE puts its NULs at odd offsets, in UTF-16BE at even ones; CJK characters such
        // as U+3000 add a few on the other side, so the majority decides.
        let likely: Encoding = oddNULs >= evenNULs ? .utf16LENoBOM : .utf16BENoBOM
        let other: Encoding = likely == .utf16LENoBOM ? .utf16BENoBOM : .utf16LENoBOM
        // A few stray NULs in otherwise 8-bit text are not UTF-16: ask for one in every 8 bytes.
        guard max(evenNULs, oddNULs) * 8 >= sample.count else { return nil }
        guard data.count % 2 == 0 else {
            throw InputError(path: path, problem: "looks like UTF-16 without a byte-order mark but has an odd number of bytes (truncated?)")
        }
        for encoding in [likely, other] {
            if let text = utf16String(data, bigEndian: encoding == .utf16BENoBOM) { return (text, encoding) }
        }
        return nil
    }

    /// Reads a file and decodes it; the error names the file.
    public static func read(_ url: URL, allowShiftJIS: Bool = true) throws -> (text: String, encoding: Encoding) {
        try decode(try readData(url), path: url.path, allowShiftJIS: allowShiftJIS)
    }

    /// Reads a file with one open, one `fstat` and bounded reads: a file larger than
    /// `maximumInputBytes` is refused from its size without being read, and a pipe or device that
    /// says nothing of its size is cut off after the bound.
    public static func readData(_ url: URL) throws -> Data { try readData(path: url.path) }

    /// `readData` by path: no URL (whose making may `stat` the file) per file of a large folder.
    public static func readData(path: String) throws -> Data {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            let reason = errno == ENOENT ? "no such file" : errno == EISDIR ? "is a folder" : "permission or I/O error"
            throw InputError(path: path, problem: "cannot be read (\(reason))")
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw InputError(path: path, problem: "cannot be read (permission or I/O error)") }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw InputError(path: path, problem: "cannot be read (is a folder)") }
        let size = Int(clamping: info.st_size)
        guard size <= maximumInputBytes else {
            throw InputError(path: path, problem: "refused: file larger than \(describe(maximumInputBytes)) (--max-input-size)")
        }
        // Read in place: the size `fstat` gave and one byte more, to see the end; a file that
        // grew meanwhile (or reports no size) gets more room as it is read.
        var data = Data(count: size + 1)
        var filled = 0
        while true {
            if filled == data.count { data.count += min(max(data.count, 4096), 1 << 20) }
            let room = data.count - filled
            let count = data.withUnsafeMutableBytes { raw in raw.baseAddress.map { posixRead(descriptor, $0 + filled, room) } ?? 0 }
            if count < 0 {
                if errno == EINTR { continue }
                throw InputError(path: path, problem: "cannot be read (permission or I/O error)")
            }
            if count == 0 { break }
            filled += count
            if filled > maximumInputBytes {
                throw InputError(path: path, problem: "refused: file larger than \(describe(maximumInputBytes)) (--max-input-size)")
            }
        }
        data.count = filled
        return data
    }

    /// Reads standard input with the same bound as a file: more than `maximumInputBytes` is refused
    /// without reading the rest.
    public static func readStandardInput(path: String = "<stdin>") throws -> Data {
        var data = Data()
        let handle = FileHandle.standardInput
        while true {
            let chunk = handle.readData(ofLength: 1 << 20)
            if chunk.isEmpty { break }
            data.append(chunk)
            if data.count > maximumInputBytes {
                throw InputError(path: path, problem: "refused: input larger than \(describe(maximumInputBytes)) (--max-input-size)")
            }
        }
        return data
    }

    /// Valid UTF-8 as a String, nil otherwise: the standard library's validation over the bytes
    /// in place (what `String(data:encoding: .utf8)` does, without Foundation's detour).
    static func utf8String(_ data: Data) -> String? {
        data.withUnsafeBytes { raw in String(validating: raw.assumingMemoryBound(to: UInt8.self), as: UTF8.self) }
    }

    /// UTF-16 as a String, nil when a surrogate is unpaired; a last odd byte is ignored. What
    /// `String(data:encoding: .utf16LittleEndian/.utf16BigEndian)` gives (a test compares them),
    /// in one pass over the code units.
    static func utf16String(_ data: Data, bigEndian: Bool) -> String? {
        // Transcoded to UTF-8 here: the standard library's generic UTF-16 decoding costs about a
        // thousand instructions a code unit.
        data.withUnsafeBytes { raw -> String? in
            let count = raw.count / 2
            func unit(_ index: Int) -> UInt32 {
                let first = UInt32(raw[2 * index]), second = UInt32(raw[2 * index + 1])
                return bigEndian ? first << 8 | second : second << 8 | first
            }
            var out: [UInt8] = []
            out.reserveCapacity(count * 3)
            var index = 0
            while index < count {
                let code = unit(index)
                index += 1
                switch code {
                case 0..<0x80:
                    out.append(UInt8(code))
                case 0x80..<0x800:
                    out.append(UInt8(0xC0 | code >> 6))
                    out.append(UInt8(0x80 | code & 0x3F))
                case 0xD800..<0xDC00:
                    guard index < count else { return nil }
                    let low = unit(index)
                    guard low & 0xFC00 == 0xDC00 else { return nil }
                    index += 1
                    let scalar = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    out.append(UInt8(0xF0 | scalar >> 18))
                    out.append(UInt8(0x80 | (scalar >> 12) & 0x3F))
                    out.append(UInt8(0x80 | (scalar >> 6) & 0x3F))
                    out.append(UInt8(0x80 | scalar & 0x3F))
                case 0xDC00..<0xE000:
                    return nil
                default:
                    out.append(UInt8(0xE0 | code >> 12))
                    out.append(UInt8(0x80 | (code >> 6) & 0x3F))
                    out.append(UInt8(0x80 | code & 0x3F))
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    static func normaliseLineEnds(_ text: String) -> String {
        guard contains(13, in: text) else { return text }
        return text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }
}

extension TextDecoding {
    /// `text.split(separator: "\n", omittingEmptySubsequences:)`, cut at LF scalars when the
    /// text has no CR (a line feed is then always a character of its own, so the cuts are the
    /// same) without comparing every character.
    static func lines(_ text: String, omittingEmpty: Bool = false) -> [Substring] {
        if !TextDecoding.contains(0x0A, in: text) { return text.isEmpty && omittingEmpty ? [] : [Substring(text)] }
        if TextDecoding.contains(0x0D, in: text) { return text.split(separator: "\n", omittingEmptySubsequences: omittingEmpty) }
        // LF is one byte and, with no CR before it, a character of its own: cut over the bytes,
        // each cut found by `memchr`.
        let utf8 = text.utf8
        let cuts: [Int]? = utf8.withContiguousStorageIfAvailable { bytes -> [Int] in
            var cuts: [Int] = []
            guard let base = bytes.baseAddress else { return cuts }
            var offset = 0
            while offset < bytes.count, let found = memchr(base + offset, 0x0A, bytes.count - offset) {
                let cut = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                cuts.append(cut)
                offset = cut + 1
            }
            return cuts
        }
        guard let cuts else { return text.utf8.split(separator: 0x0A, omittingEmptySubsequences: omittingEmpty).map(Substring.init) }
        var lines: [Substring] = []
        lines.reserveCapacity(cuts.count + 1)
        var start = 0
        for end in cuts + [utf8.count] {
            if !(omittingEmpty && end == start) {
                lines.append(Substring(text[utf8.index(utf8.startIndex, offsetBy: start)..<utf8.index(utf8.startIndex, offsetBy: end)]))
            }
            start = end + 1
        }
        return lines
    }

    /// The scalar value starting at `offset` of valid UTF-8 and its width in bytes (the one
    /// decoder of the byte-level fast paths). A lead byte whose sequence runs past the end gives
    /// the bytes that are there, so a caller stepping by `width` always ends at `bytes.count`.
    @inline(__always)
    static func scalar(at offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (value: UInt32, width: Int) {
        let byte = bytes[offset]
        if byte < 0x80 { return (UInt32(byte), 1) }
        let width = min(byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2, bytes.count - offset)
        var value = UInt32(byte) & (byte >= 0xF0 ? 0x07 : byte >= 0xE0 ? 0x0F : 0x1F)
        for next in (offset + 1)..<(offset + width) { value = value << 6 | UInt32(bytes[next] & 0x3F) }
        return (value, width)
    }

    /// Whether every scalar of `bytes` (valid UTF-8, as a String's) is printable ASCII, the ASCII
    /// byte `extra`, or a non-ASCII scalar `other` admits (decoded by `scalar(at:in:)`); printable
    /// ASCII is passed eight bytes at a time. The prose check and the standalone-text test.
    @inline(__always)
    static func allScalars(in bytes: UnsafeBufferPointer<UInt8>, printableASCIIOr extra: UInt8, other: (UInt32) -> Bool) -> Bool {
        var index = 0
        // Below `wordFrom` the bytes are looked at one by one (the word there holds something else).
        var wordFrom = 0
        while index < bytes.count {
            if index >= wordFrom {
                index = afterWords(in: bytes, from: index, while: wordIsPrintableASCII)
                wordFrom = index + 8
                if index >= bytes.count { break }
            }
            let byte = bytes[index]
            if byte < 0x80 {
                guard byte == extra || (byte >= 0x20 && byte <= 0x7E) else { return false }
                index += 1
                continue
            }
            let (value, width) = scalar(at: index, in: bytes)
            guard other(value) else { return false }
            index += width
        }
        return true
    }

    /// Where the run of whole eight-byte words from `start` for which `plain` holds ends: the
    /// first offset at or after `start` whose next eight bytes fail `plain`, or from which fewer
    /// than eight are left. The one word-at-a-time loop of the byte scanners (the JSON, HTML
    /// and prose escapers, the standalone-text test, the YAML line split, the JSON string
    /// reader); each then looks at the bytes from there one by one.
    @inline(__always)
    static func afterWords(in bytes: UnsafeBufferPointer<UInt8>, from start: Int, while plain: (UInt64) -> Bool) -> Int {
        var index = max(0, start)
        guard let base = bytes.baseAddress else { return index }
        let raw = UnsafeRawPointer(base)
        while index + 8 <= bytes.count, plain(raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) { index += 8 }
        return index
    }

    /// Whether some byte of the eight in `word` is `byte` (exact; the word-at-a-time tests of
    /// the escapers and the prose check).
    @inline(__always)
    static func wordHasByte(_ word: UInt64, _ byte: UInt8) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let value = word ^ (ones &* UInt64(byte))
        return (value &- ones) & ~value & (ones &* 0x80) != 0
    }

    /// Whether each byte of the eight in `word` is printable ASCII, 0x20–0x7E (exact).
    @inline(__always)
    static func wordIsPrintableASCII(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs = ones &* 0x80
        // No byte of 0x80 or more; then the borrow of a byte below 0x20 always shows.
        return word & highs == 0 && (word &- ones &* 0x20) & ~word & highs == 0 && !wordHasByte(word, 0x7F)
    }

    /// The offset of the first occurrence of `pattern` in `bytes` at or after `from`, or nil:
    /// `memchr` to each candidate first byte, then `memcmp` (the one byte search of the sniffer
    /// and the SARIF line lookup); at most the pattern's length of work per byte.
    static func firstOffset(of pattern: UnsafeBufferPointer<UInt8>, in bytes: UnsafeBufferPointer<UInt8>, from: Int = 0) -> Int? {
        guard let base = bytes.baseAddress, let patternBase = pattern.baseAddress, let first = pattern.first,
              pattern.count <= bytes.count else { return nil }
        let last = bytes.count - pattern.count
        var offset = from
        while offset <= last {
            guard let hit = memchr(base + offset, Int32(first), last - offset + 1) else { return nil }
            let at = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
            if memcmp(base + at, patternBase, pattern.count) == 0 { return at }
            offset = at + 1
        }
        return nil
    }

    /// Whether two strings hold the same UTF-8 bytes, so the same scalars in order: stricter than
    /// `==`, which calls a decomposed "パ" equal to the composed one. Lengths first, then `memcmp`.
    static func sameBytes(_ a: String, _ b: String) -> Bool {
        guard a.utf8.count == b.utf8.count else { return false }
        var a = a, b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                guard let p = x.baseAddress, let q = y.baseAddress else { return x.count == y.count }
                return memcmp(p, q, x.count) == 0
            }
        }
    }

    /// `a.caseInsensitiveCompare(b) == .orderedSame`, over the bytes when both are ASCII (where
    /// the only folding is of the letters A–Z); Foundation's compare otherwise.
    static func equalIgnoringCase(_ a: String, _ b: String) -> Bool {
        var a = a, b = b
        let ascii: Bool? = a.withUTF8 { x in
            b.withUTF8 { y -> Bool? in
                guard x.allSatisfy({ $0 < 0x80 }), y.allSatisfy({ $0 < 0x80 }) else { return nil }
                guard x.count == y.count else { return false }
                for index in 0..<x.count {
                    let p = x[index], q = y[index]
                    guard p == q || (p | 0x20 == q | 0x20 && (p | 0x20) >= 0x61 && (p | 0x20) <= 0x7A) else { return false }
                }
                return true
            }
        }
        return ascii ?? (a.caseInsensitiveCompare(b) == .orderedSame)
    }

    /// Whether the text's UTF-8 holds this byte: `memchr` over the contiguous bytes (native strings)
    /// rather than the UTF-8 view's generic iteration, which was most of the cost of decoding.
    static func contains(_ byte: UInt8, in text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { bytes in
            guard let base = bytes.baseAddress else { return false }
            return memchr(base, Int32(byte), bytes.count) != nil
        } ?? text.utf8.contains(byte)
    }
}

extension StringProtocol {
    /// `trimmingCharacters(in:)`, without Foundation's copy and search when neither end scalar is
    /// in `set` (what nearly every label and value is): the text is returned whole either way.
    /// For the BMP-only sets the parsers trim with (spaces, bullets, separators).
    func trimmedEnds(in set: CharacterSet) -> String {
        if let first = unicodeScalars.first, let last = unicodeScalars.last, !set.contains(first), !set.contains(last) {
            return description
        }
        // Over scalars: for a set of BMP scalars the same cut as Foundation's UTF-16 trim (a test
        // compares them), without bridging to NSString.
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !set.contains($0) }),
              let end = scalars.lastIndex(where: { !set.contains($0) }) else { return "" }
        // A slice of the scalars as a Substring, not copied scalar by scalar.
        if let string = self as? String { return String(Substring(string.unicodeScalars[start...end])) }
        if let substring = self as? Substring { return String(Substring(substring.unicodeScalars[start...end])) }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars[start...end])
        return String(out)
    }

    /// Empty or only white space and line breaks: `trimmingCharacters(in: .whitespacesAndNewlines).isEmpty`
    /// without the copy (it stops at the first other scalar).
    var isBlank: Bool {
        unicodeScalars.allSatisfy { CharacterSet.whitespacesAndNewlines.contains($0) }
    }
}
