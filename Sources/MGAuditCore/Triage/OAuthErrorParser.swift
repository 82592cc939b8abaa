import Foundation

/// Finds OAuth/AADSTS errors in pasted text, a file or a log: error redirect URLs (query or
/// fragment), authorize request URLs (kept as the request context), token-endpoint JSON bodies,
/// Microsoft's error page (English and Japanese) and the Conditional Access page.
/// Repeats of one error (same code, requested redirect URI and client id) become one entry.
public enum OAuthErrorParser {
    /// Every distinct error in `text`, in order of first appearance.
    /// - Throws: `NoOAuthErrorFound` when there is none.
    public static func parse(_ text: String, source: String = "<input>") throws -> [TriagedError] {
        let errors = group(occurrences(in: text))
        guard !errors.isEmpty else { throw NoOAuthErrorFound(source: source) }
        return errors
    }

    /// Every occurrence, ungrouped, with request contexts attached.
    static func occurrences(in input: String) -> [TriagedError] {
        var scanner = Scanner(text: TextDecoding.normaliseLineEnds(input))
        scanner.run()
        return attachRequests(scanner.records, requests: scanner.requests)
    }

    // MARK: - Grouping

    static func group(_ records: [TriagedError]) -> [TriagedError] {
        var order: [String] = []
        var merged: [String: TriagedError] = [:]
        for record in records.sorted(by: { $0.line < $1.line }) {
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
    /// error after it describes the error just before it.
    static func attachRequests(_ records: [TriagedError], requests: [(line: Int, request: AuthorizeRequest)]) -> [TriagedError] {
        guard !requests.isEmpty else { return records }
        return records.map { record in
            var record = record
            let context = requests.last(where: { $0.line <= record.line })?.request
                ?? requests.first(where: { $0.line > record.line })?.request
            guard let context else { return record }
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
    static func apply(description: String, to record: inout TriagedError) {
        let parts = splitDescription(description)
        record.description = parts.message
        record.traceId = parts.trace
        record.correlationId = parts.correlation
        record.timestamp = parts.timestamp
        enrich(&record, from: parts.message)
    }

    /// Fills what Microsoft's message names: the code, the quoted redirect URI, the app's client
    /// id and name, the tenant and the user.
    static func enrich(_ record: inout TriagedError, from message: String) {
        if record.code == nil, let number = TriagePattern.first(TriagePattern.code, in: message) {
            record.code = "AADSTS" + number
        }
        if record.requestedRedirectUri == nil {
            record.requestedRedirectUri = TriagePattern.first(TriagePattern.quotedURI, in: message)
        }
        if record.clientId == nil {
            record.clientId = TriagePattern.first(TriagePattern.clientId, in: message)
                ?? TriagePattern.first(TriagePattern.clientAppIdLabel, in: message)
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
        let trace = TriagePattern.guid(after: TriagePattern.traceLabel, in: description)
        let correlation = TriagePattern.guid(after: TriagePattern.correlationLabel, in: description)
        let timestamp = TriagePattern.timestamp(after: TriagePattern.timestampLabel, in: description)
        var message = description.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        for label in ["Trace ID:", "Correlation ID:", "Timestamp:"] {
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
