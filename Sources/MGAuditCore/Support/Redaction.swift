import Foundation

/// Masks secret values and tokens wherever input text reaches an output: reports in every format,
/// stderr and files written with `-o`. What is masked:
/// - the value of a parameter named `client_secret`, `code` (20 characters or more, so that an error
///   code stays), `access_token`, `id_token`, `refresh_token`, `assertion`, `client_assertion` or
///   `password`, written `name=value` (query, form body, log line), `"name": "value"` (JSON) or
///   `name: value` (YAML, logs);
///   — also percent-encoded inside another URL's parameter (`client_secret%3Dvalue`, ending at
///   `%26`, `%20` or `+`);
/// - JWT-shaped values (`eyJ…`.`…`.`…`), wherever they stand;
/// - values shaped like an Entra client secret (`xxx8Q~` followed by 31–34 characters).
/// The scan is one linear pass over the text.
public enum Redaction {
    public static let mask = "[REDACTED]"

    static let secretNames: Set<String> = [
        "client_secret", "code", "access_token", "id_token", "refresh_token", "assertion", "client_assertion", "password",
    ]

    /// The text with every secret value replaced by `mask`.
    public static func redact(_ text: String) -> String {
        // The look runs over the text's own bytes: most texts hold nothing to mask and are
        // returned uncopied.
        guard text.utf8.count >= 8,
              text.utf8.withContiguousStorageIfAvailable({ firstCandidate(in: $0, from: 0) != nil })
                ?? mayHoldSecret(Array(text.utf8)) else { return text }
        return String(decoding: Array(text.utf8).withUnsafeBufferPointer(masked), as: UTF8.self)
    }

    /// `redact` over UTF-8 bytes (what `batch`'s renderers make): the same bytes, uncopied, when
    /// there is nothing to mask. Masking keeps valid UTF-8 valid (only ASCII is replaced).
    public static func redact(bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBufferPointer { buffer in
            guard buffer.count >= 8, firstCandidate(in: buffer, from: 0) != nil else { return bytes }
            return masked(buffer)
        }
    }

    /// The masked copy of `buffer`. Nothing masked spans a line break (names, separators, values
    /// and tokens all stop at one, and `maskLine` steps over every `\n` on its own): only the
    /// lines that hold a candidate are masked, the others are copied as they are. A test compares
    /// this with `maskLine` over the whole text.
    private static func masked(_ buffer: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(buffer.count)
        var copied = 0
        var from = 0
        while let candidate = firstCandidate(in: buffer, from: from) {
            var start = candidate
            while start > copied, buffer[start - 1] != 0x0A { start -= 1 }
            var end = candidate
            while end < buffer.count, buffer[end] != 0x0A { end += 1 }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[copied..<start]))
            maskLine(buffer, from: start, to: end, into: &out)
            copied = end
            from = end
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[copied...]))
        return out
    }

    /// The masking pass over `bytes[from..<to]` (what comes before `from` is only looked back at),
    /// appended to `out`. `to` is the end of the text or a `\n`, where the pass always stands.
    static func maskLine(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, to: Int, into out: inout [UInt8]) {
        var index = from
        while index < to {
            // Nothing starts at a byte that is neither a name or token byte nor `%`: copied as it is.
            let byte = bytes[index]
            if !isTokenByte(byte), byte != UInt8(ascii: "%") {
                out.append(byte)
                index += 1
                continue
            }
            if let end = parameterValueEnd(bytes, nameStart: index, output: &out) {
                out.append(contentsOf: mask.utf8)
                index = end
                continue
            }
            // A percent escape (`%22`) separates words like the character it stands for.
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count, isHexDigit(bytes[index + 1]), isHexDigit(bytes[index + 2]) {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index...(index + 2)]))
                index += 3
                continue
            }
            if isTokenStart(bytes, index), var end = tokenEnd(bytes, from: index) {
                // A sentence's full stop is not part of the token.
                while end > index + 1, bytes[end - 1] == UInt8(ascii: ".") { end -= 1 }
                if isSecretToken(UnsafeBufferPointer(rebasing: bytes[index..<end])) {
                    out.append(contentsOf: mask.utf8)
                } else {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<end]))
                }
                index = end
                continue
            }
            out.append(bytes[index])
            index += 1
        }
    }

    /// Whether a value (e.g. what was typed as the application ID) has the shape of a client secret
    /// value or a token.
    public static func looksLikeSecret(_ value: String) -> Bool {
        let bytes = Array(value.utf8)
        return !bytes.isEmpty && bytes.withUnsafeBufferPointer(isSecretToken)
    }

    // MARK: - Scanning

    /// Cheap pre-check: no `=`, `:` or `eyJ` / `Q~` means there is nothing to mask.
    /// Whether the text can hold anything `redact` masks: one of the parameter names (ASCII case
    /// ignored, as `isSecretName` does), `eyJ` (a JWT) or `Q~` (a client secret's shape). Every
    /// masked value needs one of these, so text without them is returned as it is, uncopied. One
    /// pass; most bytes are rejected by their first letter.
    static func mayHoldSecret(_ bytes: [UInt8]) -> Bool { bytes.withUnsafeBufferPointer { firstCandidate(in: $0, from: 0) != nil } }

    /// Where the first thing `mayHoldSecret` looks for stands at or after `from` (looking back
    /// before it as the masking pass does), or nil.
    ///
    /// Each place is first looked up by its two bytes in `candidatePairs` (a name's first two
    /// letters, `ey`, `q~`): most pairs of most texts start nothing, and are passed over with one
    /// table read instead of the letter switch of `isCandidate`. A candidate needs a byte after
    /// its first, so the last byte is never one.
    static func firstCandidate(in bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        let count = bytes.count
        var index = max(0, from)
        guard let base = bytes.baseAddress else { return nil }
        let raw = UnsafeRawPointer(base)
        let any = anyThird
        return candidatePairs.withUnsafeBufferPointer { pairs -> Int? in
            // The two bytes read in one load: first | second << 8 on any host.
            while index + 1 < count {
                let pair = Int(UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt16.self)))
                let third = pairs[pair]
                if third != 0, third == any || (index + 2 < count && folded(bytes[index + 2]) == third),
                   isCandidate(at: index, in: bytes) { return index }
                index += 1
            }
            return nil
        }
    }

    /// `firstCandidate` asking `isCandidate` at every place (a test compares both).
    static func firstCandidateByByte(in bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        var index = max(0, from)
        while index < bytes.count {
            if isCandidate(at: index, in: bytes) { return index }
            index += 1
        }
        return nil
    }

    /// For each pair of bytes (first | second << 8) that `isCandidate` may take for a start, the
    /// third byte it then needs, as `folded` gives it (`anyThird`: any, or none after it); 0 for
    /// the pairs that start nothing. A secret name's first two letters (either case) need its
    /// third, `e` `y` (either case) needs `j`, `q` (either case) `~` needs nothing more.
    static let candidatePairs: [UInt8] = {
        var pairs = [UInt8](repeating: 0, count: 1 << 16)
        /// Both cases of a letter; any other byte as it is.
        func cases(_ byte: UInt8) -> [UInt8] {
            byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") ? [byte, byte - 0x20] : [byte]
        }
        func mark(_ first: [UInt8], _ second: [UInt8], third: UInt8) {
            for a in first {
                for b in second {
                    let key = Int(a) | Int(b) << 8
                    // Two starts on one pair that need different third bytes: either will do.
                    pairs[key] = pairs[key] == 0 || pairs[key] == third ? third : anyThird
                }
            }
        }
        for name in secretNameBytes where name.count >= 3 { mark(cases(name[0]), cases(name[1]), third: folded(name[2])) }
        mark(cases(UInt8(ascii: "e")), cases(UInt8(ascii: "y")), third: UInt8(ascii: "j"))
        mark(cases(UInt8(ascii: "q")), [UInt8(ascii: "~")], third: anyThird)
        return pairs
    }()

    /// `candidatePairs`' mark of a pair that needs no particular third byte.
    static let anyThird: UInt8 = 0xFF

    /// A byte as `matches` compares it: `_` as it is, any other with ASCII case folded away.
    static func folded(_ byte: UInt8) -> UInt8 {
        byte == UInt8(ascii: "_") ? byte : byte | 0x20
    }

    /// Whether what `mayHoldSecret` looks for starts at `index`.
    static func isCandidate(at index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = bytes.count
        let byte = bytes[index] | 0x20
        switch byte {
        case UInt8(ascii: "c"), UInt8(ascii: "a"), UInt8(ascii: "i"), UInt8(ascii: "r"), UInt8(ascii: "p"):
            // As `parameterValueEnd` asks: at a word's start, followed by a separator (so the
            // HTML report's `<code>` tags do not count).
            let wordStart = index == 0 || !isNameByte(bytes[index - 1])
                || (index >= 3 && bytes[index - 3] == UInt8(ascii: "%"))
            guard wordStart, index + 1 < count else { return false }
            // The second letter first: most words starting with these letters are no name.
            let second = bytes[index + 1] | 0x20
            for name in secretNamesByFirstLetter[Int(byte - UInt8(ascii: "a"))] where name[1] == second && matches(name, in: bytes, at: index) {
                let next = index + name.count
                if next < count {
                    switch bytes[next] {
                    case UInt8(ascii: "="), UInt8(ascii: ":"), UInt8(ascii: "\""), UInt8(ascii: " "), UInt8(ascii: "%"): return true
                    default: break
                    }
                }
            }
            return false
        case UInt8(ascii: "e"):
            return index + 2 < count && bytes[index + 1] | 0x20 == UInt8(ascii: "y") && bytes[index + 2] | 0x20 == UInt8(ascii: "j")
        case UInt8(ascii: "q"):
            return index + 1 < count && bytes[index + 1] == UInt8(ascii: "~")
        default:
            return false
        }
    }

    /// `word` (lowercase, `_` as is) at `bytes[index...]`, ASCII case ignored.
    private static func matches(_ word: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        guard index + word.count <= bytes.count else { return false }
        for offset in 0..<word.count {
            let byte = bytes[index + offset]
            if word[offset] != (byte == UInt8(ascii: "_") ? byte : byte | 0x20) { return false }
        }
        return true
    }

    static func isHexDigit(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x66)
    }

    static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || byte == UInt8(ascii: "_")
    }

    /// Token bytes: the characters of secrets, JWTs and URL-safe base64.
    static func isTokenByte(_ byte: UInt8) -> Bool {
        isNameByte(byte) || (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
            || byte == UInt8(ascii: "~")
    }

    static func isTokenStart(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> Bool {
        isTokenByte(bytes[index]) && (index == 0 || !isTokenByte(bytes[index - 1])
            || (index >= 3 && bytes[index - 3] == UInt8(ascii: "%") && isHexDigit(bytes[index - 2]) && isHexDigit(bytes[index - 1])))
    }

    static func tokenEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var end = start
        while end < bytes.count, isTokenByte(bytes[end]) { end += 1 }
        return end > start ? end : nil
    }

    /// A JWT (three dot-separated base64url parts, the first two starting `eyJ`) or an Entra
    /// client secret value (three characters, a digit, `Q~`, then 31–34 characters).
    static func isSecretToken(_ token: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = token.startIndex
        let count = token.count
        if count >= 37, count <= 40, token[start + 3] >= 0x30, token[start + 3] <= 0x39,
           token[start + 4] == UInt8(ascii: "Q"), token[start + 5] == UInt8(ascii: "~") {
            return true
        }
        guard count >= 20, startsWithEyJ(token, at: start),
              let dot = token.firstIndex(of: UInt8(ascii: ".")), dot + 3 < token.endIndex else { return false }
        return startsWithEyJ(token, at: dot + 1)
    }

    static func startsWithEyJ(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        index + 2 < bytes.endIndex && bytes[index] == UInt8(ascii: "e") && bytes[index + 1] == UInt8(ascii: "y")
            && bytes[index + 2] == UInt8(ascii: "J")
    }

    /// Whether `bytes[range]` spells one of `secretNames`, ASCII case-insensitively, without copying.
    static func isSecretName(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        for name in secretNameBytes where name.count == range.count {
            var same = true
            var offset = 0
            while same, offset < name.count {
                let byte = bytes[range.lowerBound + offset]
                same = name[offset] == (byte == UInt8(ascii: "_") ? byte : byte | 0x20)
                offset += 1
            }
            if same { return true }
        }
        return false
    }

    static let secretNameBytes: [[UInt8]] = secretNames.sorted().map { Array($0.utf8) }

    /// `secretNameBytes` by first letter (`a` at 0), for `firstCandidate`.
    static let secretNamesByFirstLetter: [[[UInt8]]] = (UInt8(ascii: "a")...UInt8(ascii: "z")).map { letter in
        secretNameBytes.filter { $0.first == letter }
    }

    /// At a parameter name that is a secret's, copies the name and separator to `output` and
    /// returns where its value ends; nil when `nameStart` is no such name.
    static func parameterValueEnd(_ bytes: UnsafeBufferPointer<UInt8>, nameStart: Int, output: inout [UInt8]) -> Int? {
        // A name starts a word; after a percent-encoded character (`%22refresh_token`) too.
        let afterEscape = nameStart >= 3 && bytes[nameStart - 3] == UInt8(ascii: "%")
        guard isNameByte(bytes[nameStart]), nameStart == 0 || afterEscape || !(isNameByte(bytes[nameStart - 1]) || bytes[nameStart - 1] == UInt8(ascii: "-")
            || (bytes[nameStart - 1] >= 0x30 && bytes[nameStart - 1] <= 0x39)) else { return nil }
        var nameEnd = nameStart
        while nameEnd < bytes.count, isNameByte(bytes[nameEnd]), nameEnd - nameStart <= 20 { nameEnd += 1 }
        // Cheap tests first: a separator must follow, and the name must be one of ours.
        guard nameEnd - nameStart >= 4, nameEnd < bytes.count,
              bytes[nameEnd] == UInt8(ascii: "=") || bytes[nameEnd] == UInt8(ascii: ":") || bytes[nameEnd] == UInt8(ascii: "\"")
                || bytes[nameEnd] == UInt8(ascii: " ") || bytes[nameEnd] == UInt8(ascii: "%"),
              isSecretName(bytes, nameStart..<nameEnd) else { return nil }
        let isCode = nameEnd - nameStart == 4
        // Separator: `=`, `:` or `": "` with optional spaces and an opening quote.
        var cursor = nameEnd
        var quoted = false
        func encodedQuote(_ at: Int) -> Bool {
            at + 2 < bytes.count && bytes[at] == UInt8(ascii: "%") && bytes[at + 1] == UInt8(ascii: "2") && bytes[at + 2] == UInt8(ascii: "2")
        }
        if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "\"") { cursor += 1 } else if encodedQuote(cursor) { cursor += 3 }
        while cursor < bytes.count, bytes[cursor] == UInt8(ascii: " ") { cursor += 1 }
        // `%3D` / `%3A`: the parameter sits percent-encoded inside another parameter's value.
        let encoded = cursor + 2 < bytes.count && bytes[cursor] == UInt8(ascii: "%") && bytes[cursor + 1] == UInt8(ascii: "3")
            && [UInt8(ascii: "D"), UInt8(ascii: "d"), UInt8(ascii: "A"), UInt8(ascii: "a")].contains(bytes[cursor + 2])
        if encoded {
            cursor += 3
            if encodedQuote(cursor) { cursor += 3 }
        } else {
            guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: "=") || bytes[cursor] == UInt8(ascii: ":") else { return nil }
            cursor += 1
        }
        while cursor < bytes.count, bytes[cursor] == UInt8(ascii: " ") { cursor += 1 }
        if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "\"") || bytes[cursor] == UInt8(ascii: "'") {
            quoted = true
            cursor += 1
        } else if cursor + 1 < bytes.count, bytes[cursor] == UInt8(ascii: "\\"), bytes[cursor + 1] == UInt8(ascii: "\"") {
            // An escaped quote: the value sits inside a JSON string.
            quoted = true
            cursor += 2
        }
        let valueStart = cursor
        var valueEnd = valueStart
        while valueEnd < bytes.count {
            let byte = bytes[valueEnd]
            if encoded, byte == UInt8(ascii: "+") || (byte == UInt8(ascii: "%") && valueEnd + 2 < bytes.count
                && ((bytes[valueEnd + 1] == UInt8(ascii: "2") && [UInt8(ascii: "6"), UInt8(ascii: "0"), UInt8(ascii: "2"), UInt8(ascii: "7")].contains(bytes[valueEnd + 2]))
                    || (bytes[valueEnd + 1] == UInt8(ascii: "0") && [UInt8(ascii: "d"), UInt8(ascii: "D"), UInt8(ascii: "a"), UInt8(ascii: "A")].contains(bytes[valueEnd + 2])))) {
                break
            }
            if quoted {
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") || byte == 0x0A || byte == UInt8(ascii: "\\") { break }
            } else if byte == UInt8(ascii: "&") || byte == UInt8(ascii: "#") || byte == UInt8(ascii: " ") || byte == 0x0A
                        || byte == 0x0D || byte == 0x09 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
                        || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: ",")
                        || byte == UInt8(ascii: "}") || byte == UInt8(ascii: ")") || byte == UInt8(ascii: "\\") {
                break
            }
            valueEnd += 1
        }
        guard valueEnd > valueStart else { return nil }
        // `code` also names error codes ("error code: 50011"); an authorization code is long.
        if isCode, valueEnd - valueStart < 20 { return nil }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[nameStart..<valueStart]))
        return valueEnd
    }
}
