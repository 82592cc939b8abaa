import Foundation

extension OAuthErrorParser {
    /// One pass over the input: JSON bodies first (they may span lines), then line by line URLs,
    /// bare query strings and page/log text.
    struct Scanner {
        var lines: [String]
        var lineTimestamps: [String?]
        var records: [TriagedError] = []
        var requests: [(line: Int, request: AuthorizeRequest)] = []
        /// The page or log entry being read; page text spreads one error over many lines.
        var block: TriagedError?
        var blockSeenHeading = false

        init(text: String) {
            lines = text.components(separatedBy: "\n")
            lineTimestamps = lines.map { line in
                TriagePattern.first(TriagePattern.lineTimestamp, in: line).map(TriagePattern.normaliseTimestamp)
            }
        }

        mutating func run() {
            extractJSONBodies()
            for index in lines.indices {
                scanLine(index)
            }
            flushBlock()
        }

        // MARK: JSON

        /// Finds `{…}` objects holding `error`/`error_codes`, records them and blanks them out so
        /// the line pass does not read them again. Line numbers are kept.
        private mutating func extractJSONBodies() {
            var characters = Array(lines.joined(separator: "\n"))
            guard characters.contains("{") else { return }
            var index = 0
            var line = 1
            while index < characters.count {
                if characters[index] == "\n" { line += 1 }
                guard characters[index] == "{", let end = Self.matchingBrace(characters, from: index) else {
                    index += 1
                    continue
                }
                let candidate = String(characters[index...end])
                if let object = (try? JSONSerialization.jsonObject(with: Data(candidate.utf8))) as? [String: Any],
                   object["error"] is String || object["error_codes"] != nil {
                    records.append(tokenRecord(object, line: line, excerpt: candidate))
                    for blank in index...end where characters[blank] != "\n" { characters[blank] = " " }
                    line += characters[index...end].filter { $0 == "\n" }.count
                    index = end + 1
                } else {
                    index += 1
                }
            }
            lines = String(characters).components(separatedBy: "\n")
        }

        /// The index of the `}` closing the `{` at `start`, respecting JSON strings; bounded.
        static func matchingBrace(_ characters: [Character], from start: Int) -> Int? {
            var depth = 0
            var inString = false
            var escaped = false
            let limit = min(characters.count, start + 65_536)
            var index = start
            while index < limit {
                let character = characters[index]
                if inString {
                    if escaped { escaped = false }
                    else if character == "\\" { escaped = true }
                    else if character == "\"" { inString = false }
                } else if character == "\"" {
                    inString = true
                } else if character == "{" {
                    depth += 1
                } else if character == "}" {
                    depth -= 1
                    if depth == 0 { return index }
                }
                index += 1
            }
            return nil
        }

        private func tokenRecord(_ object: [String: Any], line: Int, excerpt: String) -> TriagedError {
            var record = TriagedError(sourceKind: .tokenResponse, excerpt: OAuthErrorParser.excerpt(excerpt), line: line)
            record.oauthError = object["error"] as? String
            if let codes = object["error_codes"] as? [Any], let first = codes.first {
                record.code = "AADSTS\(first)"
            }
            if let description = object["error_description"] as? String {
                OAuthErrorParser.apply(description: description, to: &record)
            }
            record.traceId = (object["trace_id"] as? String) ?? record.traceId
            record.correlationId = (object["correlation_id"] as? String) ?? record.correlationId
            if let timestamp = object["timestamp"] as? String { record.timestamp = TriagePattern.normaliseTimestamp(timestamp) }
            record.errorUri = object["error_uri"] as? String
            let seen = record.timestamp ?? lineTimestamps[safe: line - 1] ?? nil
            record.firstSeen = seen
            record.lastSeen = seen
            return record
        }

        // MARK: Lines

        private mutating func scanLine(_ index: Int) {
            var line = lines[index]
            let lineNumber = index + 1
            for range in TriagePattern.allRanges(TriagePattern.url, in: line).reversed() {
                var url = String(line[range])
                while let last = url.last, ".,;:)]}".contains(last) { url.removeLast() }
                if handleURL(url, line: lineNumber) {
                    line.replaceSubrange(range, with: String(repeating: " ", count: line[range].count))
                }
            }
            for token in line.split(whereSeparator: \.isWhitespace) where token.contains("error=") {
                if handleBareQuery(String(token), line: lineNumber) {
                    line = line.replacingOccurrences(of: token, with: String(repeating: " ", count: token.count))
                }
            }
            scanText(line, lineNumber: lineNumber)
        }

        /// An error redirect or an authorize request; other URLs (help links, quoted URIs) stay in the text.
        private mutating func handleURL(_ url: String, line: Int) -> Bool {
            let (base, params) = Self.split(url)
            if params.contains(where: { $0.0 == "error" }) {
                records.append(redirectRecord(base: base, params: params, line: line, excerpt: url))
                return true
            }
            let path = base.lowercased()
            if path.contains("/oauth2/"), path.hasSuffix("/authorize") {
                requests.append((line, Self.authorizeRequest(base: base, params: params)))
                return true
            }
            return false
        }

        /// `?error=…` or `error=…&error_description=…` pasted without the rest of the URL.
        private mutating func handleBareQuery(_ token: String, line: Int) -> Bool {
            let (base, params) = Self.split(token.hasPrefix("error=") ? "?" + token : token)
            guard params.contains(where: { $0.0 == "error" }) else { return false }
            records.append(redirectRecord(base: base, params: params, line: line, excerpt: token))
            return true
        }

        static func split(_ url: String) -> (base: String, params: [(String, String)]) {
            let hash = url.firstIndex(of: "#")
            let beforeHash = hash.map { url[..<$0] } ?? Substring(url)
            let question = beforeHash.firstIndex(of: "?")
            let base = String(question.map { beforeHash[..<$0] } ?? beforeHash)
            var params: [(String, String)] = []
            if let question { params += PercentDecoding.parameters(beforeHash[beforeHash.index(after: question)...]) }
            if let hash { params += PercentDecoding.parameters(url[url.index(after: hash)...]) }
            return (base, params)
        }

        static func authorizeRequest(base: String, params: [(String, String)]) -> AuthorizeRequest {
            func value(_ name: String) -> String? { params.first(where: { $0.0 == name })?.1 }
            // https://login.microsoftonline.com/{tenant}/oauth2/v2.0/authorize
            let pieces = base.split(separator: "/", omittingEmptySubsequences: true)
            let tenant = pieces.firstIndex(where: { $0.lowercased() == "oauth2" }).flatMap { index in
                index >= 3 ? String(pieces[index - 1]) : nil
            }
            return AuthorizeRequest(tenant: tenant, clientId: value("client_id"), redirectUri: value("redirect_uri"),
                                    responseType: value("response_type"), responseMode: value("response_mode"),
                                    scope: value("scope"))
        }

        private func redirectRecord(base: String, params: [(String, String)], line: Int, excerpt: String) -> TriagedError {
            func value(_ name: String) -> String? {
                params.first(where: { $0.0 == name }).map(\.1).flatMap { $0.isEmpty ? nil : $0 }
            }
            var record = TriagedError(sourceKind: .redirectURL, excerpt: OAuthErrorParser.excerpt(excerpt), line: line)
            record.oauthError = value("error")
            if let description = value("error_description") {
                OAuthErrorParser.apply(description: description, to: &record)
            }
            if record.code == nil, let codes = value("error_codes"),
               let number = codes.split(whereSeparator: { !$0.isNumber }).first {
                record.code = "AADSTS\(number)"
            }
            record.errorUri = value("error_uri")
            if record.code == nil, let uri = record.errorUri, let range = uri.range(of: "code=") {
                let digits = uri[range.upperBound...].prefix(while: \.isNumber)
                if !digits.isEmpty { record.code = "AADSTS\(digits)" }
            }
            record.traceId = value("trace_id") ?? record.traceId
            record.correlationId = value("correlation_id") ?? record.correlationId
            record.timestamp = value("timestamp").map(TriagePattern.normaliseTimestamp) ?? record.timestamp
            record.state = value("state")
            record.adminConsent = value("admin_consent")
            record.tenant = record.tenant ?? value("tenant")
            // Entra only redirects errors to a redirect URI it trusts: the URL's own address.
            let trimmedBase = base.trimmingCharacters(in: .whitespaces)
            if record.requestedRedirectUri == nil, trimmedBase.contains("://"),
               !trimmedBase.lowercased().contains("login.microsoftonline.com") {
                record.requestedRedirectUri = trimmedBase
            }
            let seen = record.timestamp ?? lineTimestamps[safe: line - 1] ?? nil
            record.firstSeen = seen
            record.lastSeen = seen
            return record
        }
    }
}

private extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
