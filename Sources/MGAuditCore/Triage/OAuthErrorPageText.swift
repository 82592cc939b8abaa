import Foundation

extension OAuthErrorParser.Scanner {
    /// Headings that start a new error page in pasted text (keep `lineTriggers` in step).
    static let pageHeadings = [
        "having trouble signing you in", "サインイン中に問題が発生しました",
    ]
    static let conditionalAccessHeadings = [
        "you don't have access to this", "you don’t have access to this", "アクセス権がありません",
    ]

    static let pageHeadingWords = NeedleSet(pageHeadings)
    static let conditionalAccessHeadingWords = NeedleSet(conditionalAccessHeadings)

    /// Reads page and log text. A page spreads one error over many lines (heading, AADSTS
    /// message, Request Id, Correlation Id, Timestamp, "Message:" repeating the code); a log has one
    /// error per line. A new block starts at a heading, a different code, an id that differs from
    /// the one already read, or a log line with its own timestamp and code.
    mutating func scanText(_ line: String, lineNumber: Int) {
        let bytes = ArraySlice(line.utf8)
        let isPageHeading = Self.pageHeadingWords.contains(in: bytes)
        let isCAHeading = Self.conditionalAccessHeadingWords.contains(in: bytes)
        if isPageHeading || isCAHeading {
            flushBlock()
            block = TriagedError(sourceKind: isCAHeading ? .conditionalAccessPage : .errorPage,
                                 excerpt: OAuthErrorParser.excerpt(line), line: lineNumber)
            blockSeenHeading = true
        }

        let codeMatch = AADSTSCodeScanner.matches(in: line, limit: 1).first
        let labelledCode = TriagePattern.mayHold(TriagePattern.errorCodeWords, line)
            ? TriagePattern.first(TriagePattern.errorCodeLabel, in: line).map { "AADSTS" + $0 } : nil
        var code = codeMatch?.code ?? labelledCode
        var source: CodeSource = codeMatch.map { $0.exact ? .stated : .misspelt } ?? .stated
        var evidence = codeMatch.flatMap { $0.exact ? nil : $0.written }
        if code == nil, let wording = wordings.firstMatch(in: line) {
            code = "AADSTS\(wording.code)"
            source = .inferred
            evidence = wording.phrase
        }
        typealias P = TriagePattern
        let trace = P.mayHold(P.traceWords, line) ? P.guid(after: P.traceLabel, in: line) : nil
        let correlation = P.mayHold(P.correlationWords, line) ? P.guid(after: P.correlationLabel, in: line) : nil
        let timestamp = P.mayHold(P.timestampWords, line) ? P.timestamp(after: P.timestampLabel, in: line) : nil
        let appId = P.mayHold(P.appIdWords, line) ? P.guid(after: P.appIdLabel, in: line) : nil
        let appName = P.mayHold(P.appNameWords, line)
            ? P.first(P.appNameLabel, in: line)?.trimmingCharacters(in: .whitespaces) : nil
        guard code != nil || trace != nil || correlation != nil || timestamp != nil || appId != nil || appName != nil else {
            return
        }

        let lineSeen = currentLineSeen
        let startsLogEntry = code != nil && lineSeen != nil && source != .inferred
        if var current = block {
            // An inferred code gives way to a written one (the consent screen's heading, then its code).
            let differentCode = code != nil && current.code != nil && code != current.code
                && source != .inferred && current.codeSource != .inferred
            let conflicts = differentCode
                || Self.differs(current.traceId, trace) || Self.differs(current.correlationId, correlation)
                || Self.differs(current.timestamp, timestamp)
                || (startsLogEntry && current.code != nil)
            if conflicts {
                flushBlock()
            } else {
                current.excerpt = current.excerpt.count < 200
                    ? OAuthErrorParser.excerpt(current.excerpt + " " + line) : current.excerpt
                block = current
            }
        }
        if block == nil {
            block = TriagedError(sourceKind: labelledCode != nil ? .conditionalAccessPage : .text,
                                 excerpt: OAuthErrorParser.excerpt(line), line: lineNumber)
        }
        guard var current = block else { return }
        if labelledCode != nil, current.sourceKind == .errorPage { current.sourceKind = .conditionalAccessPage }
        if let code, current.code == nil || (current.codeSource == .inferred && source != .inferred) {
            current.code = code
            current.codeSource = source
            current.codeEvidence = evidence
        }
        current.traceId = current.traceId ?? trace
        current.correlationId = current.correlationId ?? correlation
        current.timestamp = current.timestamp ?? timestamp
        current.clientId = current.clientId ?? appId
        current.appName = current.appName ?? appName
        if let seen = timestamp ?? lineSeen {
            current.firstSeen = current.firstSeen.map { min($0, seen) } ?? seen
            current.lastSeen = current.lastSeen.map { max($0, seen) } ?? seen
        }
        // Microsoft's message is a code followed by a colon ("AADSTS50011: The redirect URI …");
        // a code in the customer's own words ("AADSTS50011 と出ます") is not.
        if let codeMatch, let message = OAuthErrorParser.microsoftMessage(in: line, at: codeMatch) {
            if current.description == nil { current.description = message }
            OAuthErrorParser.enrich(&current, from: message, wordings: wordings)
        }
        block = current
    }

    mutating func flushBlock() {
        defer {
            block = nil
            blockSeenHeading = false
        }
        // A heading alone, with no code and no ids, is not an error we can name.
        guard var current = block, current.code != nil || current.traceId != nil || current.correlationId != nil else { return }
        if current.firstSeen == nil, let timestamp = current.timestamp {
            current.firstSeen = timestamp
            current.lastSeen = timestamp
        }
        records.append(current)
    }

    private static func differs(_ existing: String?, _ new: String?) -> Bool {
        guard let existing, let new else { return false }
        return existing.lowercased() != new.lowercased()
    }
}

