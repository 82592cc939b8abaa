import Foundation

/// Small regex and decoding helpers for error parsing. Patterns are compiled once.
enum TriagePattern {
    static func compile(_ pattern: String, caseInsensitive: Bool = false) -> NSRegularExpression {
        // The patterns are literals in this file, never input: a typo is a programming error that
        // the first test run catches.
        do {
            return try NSRegularExpression(pattern: pattern, options: caseInsensitive ? [.caseInsensitive] : [])
        } catch {
            preconditionFailure("invalid built-in pattern \(pattern)")
        }
    }

    // Every pattern below is linear on any input: an unbounded run stops at the character that
    // ends the match or could start the next one, and whitespace between words is bounded
    // (`\s{0,4}`, never two `\s*` side by side). Codes are found by `AADSTSCodeScanner`.
    static let guid = compile(#"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"#)
    static let timestamp = compile(#"(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?"#)
    static let lineTimestamp = compile(#"^\s{0,16}\[?(\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)"#)
    /// A quoted absolute URI; the quotes may hold stray spaces, which are evidence.
    static let quotedURI = compile(#"['‘’「]([\s\u00A0\u3000\u200B]{0,8}[A-Za-z][A-Za-z0-9+.-]{0,31}://[^'‘’「」]{0,2048})['’」]"#)
    static let clientId = compile(
        #"(?:application with (?:identifier|ID)|client application|application|app|アプリケーション|アプリ)\s{0,4}:?\s{0,4}['‘’「]([^'‘’「」]{1,512})['’」]"#,
        caseInsensitive: true)
    static let clientAppIdLabel = compile(#"Client app ID:\s{0,4}([0-9a-fA-F-]{36})"#, caseInsensitive: true)
    static let appName = compile(#"['’][0-9a-fA-F-]{36}['’]\s{0,4}\(([^()'‘’]{1,256})\)|named\s{0,4}['‘’]([^'‘’]{1,512})['’]"#, caseInsensitive: true)
    static let tenant = compile(
        #"(?:in the directory|directory|tenant identifier|tenant|ディレクトリ|テナント)\s{0,4}['‘’「]([^'‘’「」]{1,512})['’」]"#,
        caseInsensitive: true)
    static let user = compile(#"(?:signed in user|user account|ユーザー)\s{0,4}['‘’「]([^'‘’「」]{1,512})['’」]"#, caseInsensitive: true)
    static let errorCodeLabel = compile(#"(?:Error Code|エラー\s?コード)\s{0,4}[:：]?\s{0,4}(\d{4,9})(?!\d)"#, caseInsensitive: true)

    /// Labels of the page's troubleshooting block and of logs. Japanese labels are unverified, so
    /// values are only taken when they have the expected shape (GUID or timestamp).
    static let traceLabel = compile(#"(?:Request Id|Trace ID|要求\s?ID|リクエスト\s?ID)\s{0,4}[:：]?\s{0,4}"#, caseInsensitive: true)
    static let correlationLabel = compile(#"(?:Correlation Id|相関\s?ID)\s{0,4}[:：]?\s{0,4}"#, caseInsensitive: true)
    static let timestampLabel = compile(#"(?:Timestamp|タイムスタンプ)\s{0,4}[:：]?\s{0,4}"#, caseInsensitive: true)
    static let appIdLabel = compile(#"(?:App id|Application id|アプリ\s?ID|アプリケーション\s?ID)\s{0,4}[:：]\s{0,4}"#, caseInsensitive: true)
    static let appNameLabel = compile(#"^\s{0,16}(?:App name|アプリ名|アプリケーション名)\s{0,4}[:：]\s{0,4}(.+)$"#, caseInsensitive: true)

    /// Cheap byte checks before the label patterns run (the words each label pattern starts with).
    static let traceWords = NeedleSet(["request id", "trace id", "要求", "リクエスト"])
    static let correlationWords = NeedleSet(["correlation id", "相関"])
    static let timestampWords = NeedleSet(["timestamp", "タイムスタンプ"])
    static let appIdWords = NeedleSet(["app id", "application id", "アプリ"])
    static let appNameWords = NeedleSet(["app name", "アプリ"])
    static let errorCodeWords = NeedleSet(["error code", "エラー"])
    static let clientAppIdWords = NeedleSet(["client app id"])
    /// The quotes the value patterns (`quotedURI`, `clientId`, `appName`, `tenant`, `user`) start with.
    static let quotes = NeedleSet(["'", "‘", "’", "「"])

    static func mayHold(_ words: NeedleSet, _ text: String) -> Bool { words.contains(in: ArraySlice(text.utf8)) }

    static func groups(_ regex: NSRegularExpression, in text: String) -> [String?]? {
        let range = NSRange(text.startIndex..., in: text)
        guard let match = regex.firstMatch(in: text, range: range) else { return nil }
        return (0..<match.numberOfRanges).map { index in
            Range(match.range(at: index), in: text).map { String(text[$0]) }
        }
    }

    static func first(_ regex: NSRegularExpression, in text: String, group: Int = 1) -> String? {
        guard let found = groups(regex, in: text), found.indices.contains(group) else { return nil }
        return found[group]
    }

    /// Every `https?://` URL of `text` (case-insensitive), each up to the first white space or one of
    /// `"'<>‘’「」`: what the pattern `https?://[^\s"'<>‘’「」]+` matches, by one pass over the scalars
    /// (so that a line without a label never starts the regular-expression engine).
    static func urlRanges(in text: String) -> [Range<String.Index>] {
        let scalars = text.unicodeScalars
        var ranges: [Range<String.Index>] = []
        var index = scalars.startIndex
        func lower(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
            (scalar >= "A" && scalar <= "Z") ? Unicode.Scalar(scalar.value + 32) ?? scalar : scalar
        }
        func ends(_ scalar: Unicode.Scalar) -> Bool {
            scalar.properties.isWhitespace || "\"'<>‘’「」".unicodeScalars.contains(scalar)
        }
        /// The index after `word` at `start` (letters compared case-insensitively), or nil.
        func match(_ word: String, at start: String.UnicodeScalarView.Index) -> String.UnicodeScalarView.Index? {
            var at = start
            for expected in word.unicodeScalars {
                guard at < scalars.endIndex, lower(scalars[at]) == expected else { return nil }
                at = scalars.index(after: at)
            }
            return at
        }
        while index < scalars.endIndex {
            guard lower(scalars[index]) == "h", var after = match("http", at: index) else {
                index = scalars.index(after: index)
                continue
            }
            if let secure = match("s", at: after) { after = secure }
            guard let body = match("://", at: after), body < scalars.endIndex, !ends(scalars[body]) else {
                index = scalars.index(after: index)
                continue
            }
            var end = body
            while end < scalars.endIndex, !ends(scalars[end]) { end = scalars.index(after: end) }
            ranges.append(index..<end)
            index = end
        }
        return ranges
    }

    static func allRanges(_ regex: NSRegularExpression, in text: String) -> [Range<String.Index>] {
        regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { Range($0.range, in: text) }
    }

    /// The GUID right after a label (on the same line), e.g. `Request Id: 55b61f64-…`.
    static func guid(after label: NSRegularExpression, in line: String) -> String? {
        for range in allRanges(label, in: line).prefix(16) {
            // A window, not the rest of the line: many labels on one line stay linear.
            let rest = String(line[range.upperBound...].prefix(48))
            if let match = allRanges(guid, in: rest).first, rest.distance(from: rest.startIndex, to: match.lowerBound) <= 2 {
                return String(rest[match])
            }
        }
        return nil
    }

    static func timestamp(after label: NSRegularExpression, in line: String) -> String? {
        for range in allRanges(label, in: line).prefix(16) {
            let rest = String(line[range.upperBound...].prefix(48))
            if let match = allRanges(timestamp, in: rest).first, rest.distance(from: rest.startIndex, to: match.lowerBound) <= 2 {
                return normaliseTimestamp(String(rest[match]))
            }
        }
        return nil
    }

    /// `2019-09-24 18:34:26Z` and `2019-09-24T18:34:26.123Z` both become `2019-09-24T18:34:26Z`;
    /// offsets are kept as written. Anything else is returned unchanged.
    static func normaliseTimestamp(_ text: String) -> String {
        guard let parts = groups(timestamp, in: text), parts.count >= 3,
              let day = parts[1], let time = parts[2] else { return text }
        let zone = parts.count > 3 ? (parts[3] ?? "Z") : "Z"
        return "\(day)T\(time)\(zone)"
    }
}

/// Lenient percent-decoding: malformed escapes stay as they are instead of failing the whole value.
enum PercentDecoding {
    static func decode(_ text: String, plusAsSpace: Bool) -> String {
        var bytes: [UInt8] = []
        let source = Array(text.utf8)
        var index = 0
        while index < source.count {
            let byte = source[index]
            if byte == UInt8(ascii: "%"), index + 2 < source.count,
               let high = hexValue(source[index + 1]), let low = hexValue(source[index + 2]) {
                bytes.append(high << 4 | low)
                index += 3
            } else {
                bytes.append(plusAsSpace && byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A query value; decoded twice when it was double-encoded (`%253a`). The inner layer is
    /// form-encoded too, so a `+` that appears after the first pass (from `%2b`) is a space.
    static func decodeQueryValue(_ raw: String) -> String {
        let once = decode(raw, plusAsSpace: true)
        if raw.range(of: "%25", options: .caseInsensitive) != nil {
            return decode(once, plusAsSpace: true)
        }
        return once
    }

    /// `a=1&b=2` (also `;`-free fragments) as ordered pairs with decoded names and values.
    static func parameters(_ query: Substring) -> [(String, String)] {
        query.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = decode(String(parts.first ?? ""), plusAsSpace: true).lowercased()
            let value = parts.count > 1 ? decodeQueryValue(String(parts[1])) : ""
            return (name, value)
        }
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
