import Foundation

/// Finds OAuth/AADSTS errors in pasted text, a file or a log: error redirect URLs (query or
/// fragment), authorize request URLs (kept as the request context), token-endpoint JSON bodies,
/// Microsoft's error page (English and Japanese) and the Conditional Access page.
/// Repeats of one error (same code, requested redirect URI and client id) become one entry.
public enum OAuthErrorParser {
    /// Every distinct error in `text`, in order of first appearance. `wordings` recognises texts
    /// without a code by Microsoft's message wording.
    /// - Throws: `URLCutAtAmpersand` when the only error URL (or authorize request) holds just its
    ///   first parameter; `NoOAuthErrorFound` when there is no error at all.
    public static func parse(_ text: String, source: String = "<input>", wordings: MessageWordings = .empty) throws -> [TriagedError] {
        let scanned = scan(text, wordings: wordings)
        let errors = group(scanned.records)
        if let cut = errors.first(where: \.cutAtAmpersand), errors.allSatisfy(\.cutAtAmpersand) {
            throw URLCutAtAmpersand(source: source, parameter: cutParameter(cut))
        }
        if errors.isEmpty, let request = scanned.cutRequest {
            throw URLCutAtAmpersand(source: source, parameter: TriageInputText.shortened(request, to: 60))
        }
        guard !errors.isEmpty else { throw NoOAuthErrorFound(source: source) }
        return errors
    }

    /// Whether `text` holds something shaped like an AADSTS code, also misspelt (`ADDSTS50020`, `AADSTS 50020`).
    public static func mayHoldCode(_ text: String) -> Bool {
        !AADSTSCodeScanner.matches(in: text, limit: 1).isEmpty
    }

    /// What arrived of a cut URL: its one parameter, shortened and made safe for a terminal line.
    public static func cutParameter(_ error: TriagedError) -> String {
        TriageInputText.shortened("error=\(error.oauthError ?? "")", to: 60)
    }

    /// Every occurrence, ungrouped, with request contexts attached.
    static func occurrences(in input: String, wordings: MessageWordings = .empty) -> [TriagedError] {
        scan(input, wordings: wordings).records
    }

    static func scan(_ input: String, wordings: MessageWordings) -> (records: [TriagedError], cutRequest: String?) {
        var scanner = Scanner(text: TextDecoding.normaliseLineEnds(input), wordings: wordings)
        scanner.run()
        let records = scanner.records.flatMap(splitCodes)
        return (attachRequests(records, requests: scanner.requests), scanner.cutRequest)
    }

    // MARK: - Several codes in one message

    /// A message holding several codes (ADAL's `AADSTS70002: Error validating credentials.
    /// AADSTS50012: Invalid client secret is provided.`) becomes one error per distinct code, each
    /// with its part of the message. The most specific comes first: Microsoft and its libraries
    /// write the outer, general error first and append the inner cause, so the code written last
    /// is the innermost one and the list runs from the last written to the first.
    static func splitCodes(_ record: TriagedError) -> [TriagedError] {
        guard let description = record.description else { return [record] }
        var seen: Set<String> = []
        let distinct = AADSTSCodeScanner.matches(in: description).filter { seen.insert($0.number).inserted }
        guard distinct.count > 1 else { return [record] }
        var out: [TriagedError] = []
        for (index, match) in distinct.enumerated() {
            var part = record
            let end = index + 1 < distinct.count ? distinct[index + 1].range.lowerBound : description.endIndex
            part.description = description[match.range.lowerBound..<end].trimmingCharacters(in: .whitespaces)
            part.code = match.code
            part.codeSource = match.exact ? .stated : .misspelt
            part.codeEvidence = match.exact ? nil : match.written
            out.append(part)
        }
        out.reverse()
        let codes = out.compactMap(\.code)
        for index in out.indices { out[index].relatedCodes = codes.filter { $0 != out[index].code } }
        return out
    }

    // MARK: - Grouping

    static func group(_ records: [TriagedError]) -> [TriagedError] {
        var order: [String] = []
        var merged: [String: TriagedError] = [:]
        // Stable: the errors of one line keep their order (most specific first).
        let ordered = records.enumerated().sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }.map(\.element)
        for record in ordered {
            let key = record.groupKey
            guard var existing = merged[key] else {
                order.append(key)
                merged[key] = record
                continue
            }
            existing.occurrences += record.occurrences
            existing.firstSeen = minimum(existing.firstSeen, record.firstSeen)
            existing.lastSeen = maximum(existing.lastSeen, record.lastSeen)
            existing.traceId = existing.traceId ?? record.traceId
            existing.correlationId = existing.correlationId ?? record.correlationId
            existing.timestamp = existing.timestamp ?? record.timestamp
            existing.description = existing.description ?? record.description
            existing.tenant = existing.tenant ?? record.tenant
            existing.request = existing.request ?? record.request
            merged[key] = existing
        }
        return order.compactMap { merged[$0] }
    }

    private static func minimum(_ a: String?, _ b: String?) -> String? {
        guard let a else { return b }
        guard let b else { return a }
        return min(a, b)
    }

    private static func maximum(_ a: String?, _ b: String?) -> String? {
        guard let a else { return b }
        guard let b else { return a }
        return max(a, b)
    }

    /// A request URL describes the errors after it (up to the next request); a request with no
    /// error after it describes the error just before it. `requests` are in line order; each
    /// record finds its request by binary search.
    static func attachRequests(_ records: [TriagedError], requests: [(line: Int, request: AuthorizeRequest)]) -> [TriagedError] {
        guard !requests.isEmpty else { return records }
        let lines = requests.map(\.line)
        return records.map { record in
            var record = record
            // The number of requests at or before the record's line.
            var low = 0, high = lines.count
            while low < high {
                let middle = low + (high - low) / 2
                if lines[middle] <= record.line { low = middle + 1 } else { high = middle }
            }
            let context = low > 0 ? requests[low - 1].request : requests[0].request
            record.request = context
            record.requestedRedirectUri = record.requestedRedirectUri ?? context.redirectUri
            record.clientId = record.clientId ?? context.clientId
            record.tenant = record.tenant ?? context.tenant
            return record
        }
    }

    // MARK: - Reading the message

    /// Takes an `error_description` apart (message, then "Trace ID / Correlation ID / Timestamp"
    /// lines) into the record, and fills what the message names.
    static func apply(description: String, to record: inout TriagedError, wordings: MessageWordings = .empty) {
        let parts = splitDescription(description)
        record.description = parts.message
        record.traceId = parts.trace
        record.correlationId = parts.correlation
        record.timestamp = parts.timestamp
        enrich(&record, from: parts.message, wordings: wordings)
    }

    /// Microsoft's message in a line of text: from the code to the end of the line when the code is
    /// followed by a colon (`AADSTS50011: …`), without the Trace ID / Correlation ID / Timestamp
    /// tail, and, for an English message, without Japanese words written after it (the customer's:
    /// `… to learn more about how to fix this. と表示されました`). Nil for a code in running text.
    static func microsoftMessage(in line: String, at match: CodeMatch) -> String? {
        let after = line[match.range.upperBound...].drop { $0 == " " }
        guard let colon = after.first, colon == ":" || colon == "：" else { return nil }
        let message = splitDescription(String(line[match.range.lowerBound...])).message
        return withoutTrailingJapanese(message)
    }

    /// An English message (its first letter after the code's colon is ASCII) cut before the first
    /// kana or kanji outside quotes; a Japanese message is kept whole.
    static func withoutTrailingJapanese(_ message: String) -> String {
        guard let colon = message.firstIndex(where: { $0 == ":" || $0 == "：" }) else { return message }
        let body = message[message.index(after: colon)...].drop { $0 == " " }
        guard let first = body.unicodeScalars.first, first.isASCII else { return message }
        var inQuote = false
        var previous: Character = " "
        for index in body.indices {
            let character = body[index]
            if inQuote {
                if character == "'" || character == "’" { inQuote = false }
            } else if character == "'" || character == "‘" {
                inQuote = previous == " " || previous == "(" || previous == ":"
            } else if let scalar = character.unicodeScalars.first, isJapanese(scalar) {
                return String(message[..<index]).trimmingCharacters(in: .whitespaces)
            }
            previous = character
        }
        return message
    }

    /// Kana, kanji, Japanese punctuation and brackets (not U+3000, which may be a stray space in a URI).
    static func isJapanese(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3001...0x303F, 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xFF01...0xFF0F, 0xFF1A...0xFF20: true
        default: false
        }
    }

    /// Fills what Microsoft's message names: the code, the quoted redirect URI, the app's client
    /// id and name, the tenant and the user.
    static func enrich(_ record: inout TriagedError, from message: String, wordings: MessageWordings = .empty) {
        if record.code == nil {
            if let match = AADSTSCodeScanner.matches(in: message, limit: 1).first {
                record.code = match.code
                record.codeSource = match.exact ? .stated : .misspelt
                record.codeEvidence = match.exact ? nil : match.written
            } else if let wording = wordings.firstMatch(in: message) {
                record.code = "AADSTS\(wording.code)"
                record.codeSource = .inferred
                record.codeEvidence = wording.phrase
            }
        }
        defer {
            if record.clientId == nil, TriagePattern.mayHold(TriagePattern.clientAppIdWords, message) {
                record.clientId = TriagePattern.first(TriagePattern.clientAppIdLabel, in: message)
            }
        }
        // Every other value is quoted: a message without quotes names none.
        guard TriagePattern.mayHold(TriagePattern.quotes, message) else { return }
        if record.requestedRedirectUri == nil {
            record.requestedRedirectUri = TriagePattern.first(TriagePattern.quotedURI, in: message)
        }
        if record.clientId == nil {
            record.clientId = TriagePattern.first(TriagePattern.clientId, in: message)
        }
        if record.appName == nil, let found = TriagePattern.groups(TriagePattern.appName, in: message) {
            record.appName = found.dropFirst().compactMap { $0 }.first
        }
        if record.tenant == nil {
            record.tenant = TriagePattern.first(TriagePattern.tenant, in: message)
        }
        if record.user == nil {
            record.user = TriagePattern.first(TriagePattern.user, in: message)
        }
    }

    /// Splits an `error_description` into the message and the Trace ID / Correlation ID /
    /// Timestamp lines Entra appends (CRLF-separated, or all on one line in logs).
    static func splitDescription(_ description: String) -> (message: String, trace: String?, correlation: String?, timestamp: String?) {
        typealias P = TriagePattern
        let trace = P.mayHold(P.traceWords, description) ? P.guid(after: P.traceLabel, in: description) : nil
        let correlation = P.mayHold(P.correlationWords, description) ? P.guid(after: P.correlationLabel, in: description) : nil
        let timestamp = P.mayHold(P.timestampWords, description) ? P.timestamp(after: P.timestampLabel, in: description) : nil
        var message = description
        if message.utf8.contains(0x0D) {
            message = message.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        }
        for (label, words) in [("Trace ID:", P.traceWords), ("Correlation ID:", P.correlationWords), ("Timestamp:", P.timestampWords)]
        where P.mayHold(words, message) {
            if let range = message.range(of: label, options: .caseInsensitive) {
                message = String(message[..<range.lowerBound])
            }
        }
        let lines = message.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return (lines.joined(separator: " "), trace, correlation, timestamp)
    }

    static func excerpt(_ text: String) -> String {
        let flat = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: " ")
        return flat.count > 240 ? String(flat.prefix(239)) + "…" : flat
    }
}
