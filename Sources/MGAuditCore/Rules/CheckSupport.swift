import Foundation

/// Character and URI helpers shared by the redirect-URI checks.
enum URIText {
    /// Whitespace and invisible characters: ASCII and Unicode spaces (U+00A0, U+3000...), controls
    /// (tab, CR, LF) and format characters (zero-width U+200B–U+200D, U+2060, BOM U+FEFF).
    static func isWhitespaceLike(_ scalar: Unicode.Scalar) -> Bool {
        // Printable ASCII (most of every URI) is none of these: no property lookup.
        if scalar.value >= 0x21 && scalar.value <= 0x7E { return false }
        if scalar.properties.isWhitespace { return true }
        switch scalar.properties.generalCategory {
        case .control, .format, .spaceSeparator, .lineSeparator, .paragraphSeparator: return true
        default: return false
        }
    }

    /// The URI as a subject: every space and invisible character shown as its code point.
    static func subject(_ uri: String) -> String { VisibleText.escape(uri, keepInnerSpaces: false) }

    /// Drops whitespace-like characters at both ends (what a careless paste adds).
    static func trimmed(_ uri: String) -> String {
        // Nearly every URI has nothing to trim: its first and last scalars tell. A printable ASCII
        // byte at each end is such a scalar (never whitespace-like), read without decoding.
        if let first = uri.utf8.first, let last = uri.utf8.last, (0x21...0x7E).contains(first), (0x21...0x7E).contains(last) {
            return uri
        }
        if let first = uri.unicodeScalars.first, let last = uri.unicodeScalars.last,
           !isWhitespaceLike(first), !isWhitespaceLike(last) { return uri }
        let scalars = Array(uri.unicodeScalars)
        guard let first = scalars.firstIndex(where: { !isWhitespaceLike($0) }),
              let last = scalars.lastIndex(where: { !isWhitespaceLike($0) }) else { return "" }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars[first...last])
        return String(out)
    }

    static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// Evidence for one character: its 1-based position in the URI, code point and Unicode name.
    static func characterEvidence(_ scalar: Unicode.Scalar, position: Int, extra: [String: EvidenceValue] = [:]) -> EvidenceValue {
        var object: [String: EvidenceValue] = [
            "position": .int(position),
            "codePoint": .string(codePoint(scalar)),
            "name": .string(scalar.properties.name ?? scalar.properties.nameAlias ?? codePoint(scalar)),
        ]
        object.merge(extra) { _, new in new }
        return .object(object)
    }

    /// Scheme, host and path of a URI, read leniently (after trimming; lower-cased scheme and host).
    static func parts(_ uri: String) -> (scheme: String, host: String, path: String)? {
        let text = trimmed(uri)
        if let ascii = asciiParts(text) { return ascii }
        return unicodeParts(text)
    }

    /// `parts` of an ASCII URI, over its bytes: the same cuts as `unicodeParts` (for ASCII a
    /// character is a byte, but for CR LF, which none of the cuts is), without Foundation's search.
    /// nil when the text is not ASCII.
    static func asciiParts(_ text: String) -> (scheme: String, host: String, path: String)?? {
        var text = text
        return text.withUTF8 { bytes -> (scheme: String, host: String, path: String)?? in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
            let count = bytes.count
            var schemeEnd: Int?
            var index = 0
            while index + 3 <= count {
                if bytes[index] == 0x3A, bytes[index + 1] == 0x2F, bytes[index + 2] == 0x2F {
                    schemeEnd = index
                    break
                }
                index += 1
            }
            guard let schemeEnd else { return .some(nil) }
            func string(_ range: Range<Int>, lower: Bool) -> String {
                let slice = UnsafeBufferPointer(rebasing: bytes[range])
                // Most schemes and hosts are lower-case already: no copy to fold.
                guard lower, slice.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else { return String(decoding: slice, as: UTF8.self) }
                return String(decoding: slice.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
            }
            let rest = schemeEnd + 3
            var authorityEnd = rest
            while authorityEnd < count, bytes[authorityEnd] != 0x2F, bytes[authorityEnd] != 0x3F, bytes[authorityEnd] != 0x23 {
                authorityEnd += 1
            }
            var authorityStart = rest
            if let at = (rest..<authorityEnd).last(where: { bytes[$0] == 0x40 }) { authorityStart = at + 1 }
            var hostEnd = authorityEnd
            if authorityStart < authorityEnd, bytes[authorityStart] == 0x5B,
               let close = (authorityStart..<authorityEnd).first(where: { bytes[$0] == 0x5D }) {
                hostEnd = close + 1
            } else if let colon = (authorityStart..<authorityEnd).first(where: { bytes[$0] == 0x3A }) {
                hostEnd = colon
            }
            var pathEnd = authorityEnd
            while pathEnd < count, bytes[pathEnd] != 0x3F, bytes[pathEnd] != 0x23 { pathEnd += 1 }
            return .some((string(0..<schemeEnd, lower: true), string(authorityStart..<hostEnd, lower: true),
                          string(authorityEnd..<pathEnd, lower: false)))
        }
    }

    static func unicodeParts(_ text: String) -> (scheme: String, host: String, path: String)? {
        guard let schemeEnd = text.range(of: "://") else { return nil }
        let scheme = text[..<schemeEnd.lowerBound].lowercased()
        let rest = text[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex(where: { "/?#".contains($0) }) ?? rest.endIndex
        var authority = rest[..<authorityEnd]
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        let host: Substring
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            host = authority[...close]
        } else {
            host = authority.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first ?? authority
        }
        let pathEnd = rest[authorityEnd...].firstIndex(where: { "?#".contains($0) }) ?? rest.endIndex
        return (scheme, host.lowercased(), String(rest[authorityEnd..<pathEnd]))
    }
}

/// Dates as the reports show them: UTC calendar days (formatting and parsing are EntraDate's).
enum AuditDate {
    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
        return calendar
    }()

    static func day(_ date: Date) -> String { EntraDate.day(date) }

    /// Whole days from `from` to `to`, counted on UTC calendar days (negative when `to` is earlier).
    static func days(from: Date, to: Date) -> Int {
        // UTC days are 86,400 s each (Foundation counts no leap seconds): the count is a
        // subtraction of day numbers. Far from today's dates the calendar counts, as before.
        let start = from.timeIntervalSince1970, end = to.timeIntervalSince1970
        if abs(start) < 1e11, abs(end) < 1e11 {
            return Int((end / 86_400).rounded(.down) - (start / 86_400).rounded(.down))
        }
        return calendar.dateComponents([.day], from: calendar.startOfDay(for: from), to: calendar.startOfDay(for: to)).day ?? 0
    }

    /// `YYYY-MM-DD` at 00:00 UTC.
    static func parse(_ text: String) -> Date? {
        text.count == 10 ? EntraDate.parse(text) : nil
    }
}

/// Client secrets as the secret checks see them.
enum Credentials {
    static func isValid(_ credential: PasswordCredential, asOf: Date) -> Bool {
        guard let end = credential.end else { return true }
        return end > asOf
    }

    /// The portal's シークレット ID (keyId), else the 説明 (displayName), else the index.
    static func subject(_ credential: PasswordCredential, index: Int) -> String {
        credential.keyId ?? credential.displayName.map { VisibleText.escape($0) } ?? "passwordCredentials[\(index)]"
    }

    /// Identifying fields only: never a secret value (a manifest has none; the hint is 3 characters).
    static func evidence(_ credential: PasswordCredential, asOf: Date) -> [String: EvidenceValue] {
        var evidence: [String: EvidenceValue] = [
            "keyId": credential.keyId.map(EvidenceValue.string) ?? .null,
            "displayName": credential.displayName.map { .string(VisibleText.escape($0)) } ?? .null,
            "hint": credential.hint.map(EvidenceValue.string) ?? .null,
            "startDate": credential.start.map { .string(AuditDate.day($0)) } ?? .null,
            "endDate": credential.end.map { .string(AuditDate.day($0)) } ?? .null,
        ]
        if let end = credential.end { evidence["daysLeft"] = .int(AuditDate.days(from: asOf, to: end)) }
        return evidence
    }

    static func endDay(_ credential: PasswordCredential) -> LocalizedText {
        .same(credential.end.map(AuditDate.day) ?? "?")
    }
}
