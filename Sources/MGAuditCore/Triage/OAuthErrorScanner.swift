import Foundation

extension OAuthErrorParser {
    /// One pass over the input: JSON bodies first (they may span lines), then line by line URLs,
    /// bare query strings and page/log text.
    ///
    /// Linear in the input: the text is handled as UTF-8 bytes; braces are matched in one pass
    /// with a stack; a line is only turned into a `String` and given to the patterns when a cheap
    /// byte scan finds something the patterns could match (`mayHoldError`), so the lines of a long
    /// log that hold no error cost two byte scans each.
    struct Scanner {
        let wordings: MessageWordings
        var bytes: [UInt8]
        var lineRanges: [Range<Int>] = []
        var records: [TriagedError] = []
        var requests: [(line: Int, request: AuthorizeRequest)] = []
        /// The first parameter of an authorize request that holds only that one (cut at `&`).
        var cutRequest: String?
        /// The page or log entry being read; page text spreads one error over many lines.
        var block: TriagedError?
        var blockSeenHeading = false
        let interesting: NeedleSet

        /// A JSON body longer than this is not read as a token response (they are a few hundred bytes).
        static let maximumJSONBody = 65_536
        /// Nesting deeper than this forgets the outermost open braces (token responses are flat).
        static let maximumBraceDepth = 64
        /// The line patterns read a line up to this many bytes (a Microsoft message or an error URL
        /// is a few hundred; JSON bodies, read before, may be longer).
        static let maximumLineBytes = 16_384
        /// At most this many error URLs and bare queries are read from one line.
        static let maximumErrorsPerLine = 64
        /// The timestamp the line being scanned starts with (read once per line).
        var currentLineSeen: String?
        var errorsOnLine = 0

        /// Words whose presence makes a line worth the patterns: URL schemes, `error=`, the labels
        /// of the page's troubleshooting block (`TriagePattern.*Label`, `errorCodeLabel`) and the
        /// page headings (`pageHeadings`, `conditionalAccessHeadings`), English and Japanese. Keep
        /// in step with those patterns: a line without any of these (nor a code) is not read.
        static let lineTriggers = [
            "http", "error=", "error code", "request id", "trace id", "correlation id", "timestamp", "app id",
            "application id", "app name", "client app id", "having trouble", "have access to this",
            "要求", "リクエスト", "相関", "タイムスタンプ", "アプリ", "サインイン", "アクセス権", "エラー",
        ]

        init(text: String, wordings: MessageWordings = .empty) {
            self.wordings = wordings
            bytes = Array(text.utf8)
            interesting = NeedleSet(Self.lineTriggers + wordings.phrases.map(\.phrase))
        }

        mutating func run() {
            // Blanking JSON bodies keeps every newline, so the line ranges stay right.
            lineRanges = Self.lines(of: bytes)
            extractJSONBodies()
            for index in lineRanges.indices {
                let range = lineRanges[index]
                let read = range.lowerBound..<min(range.upperBound, range.lowerBound + Self.maximumLineBytes)
                guard mayHoldError(bytes[read]) else { continue }
                currentLineSeen = lineTimestamp(index)
                errorsOnLine = 0
                scanLine(index, String(decoding: bytes[read], as: UTF8.self))
            }
            flushBlock()
        }

        static func lines(of bytes: [UInt8]) -> [Range<Int>] {
            var ranges: [Range<Int>] = []
            var start = 0
            bytes.withUnsafeBufferPointer { buffer in
                for index in buffer.indices where buffer[index] == 0x0A {
                    ranges.append(start..<index)
                    start = index + 1
                }
            }
            ranges.append(start..<bytes.count)
            return ranges
        }

        /// Whether a line can hold anything the line patterns look for: a trigger word, a wording
        /// phrase, or something shaped like a code (letters directly, or after one space, followed
        /// by four digits; any full-width digit). A superset of what `scanLine` reads.
        func mayHoldError(_ line: ArraySlice<UInt8>) -> Bool {
            guard !line.isEmpty else { return false }
            if Self.mayHoldCode(line) { return true }
            return interesting.contains(in: line)
        }

        /// An ASCII letter run of 4–8 one edit away from `AADSTS`, directly or after one space
        /// followed by four digits; or any full-width character (the code scanner decides).
        static func mayHoldCode(_ line: ArraySlice<UInt8>) -> Bool {
            var index = line.startIndex
            while index < line.endIndex {
                let byte = line[index]
                // A full-width digit, letter or sign (U+FF01–U+FF5E) starts EF BC / EF BD.
                if byte == 0xEF, index + 1 < line.endIndex, line[index + 1] == 0xBC || line[index + 1] == 0xBD { return true }
                guard isLetter(byte), index == line.startIndex || !isLetter(line[index - 1]) else {
                    index += 1
                    continue
                }
                var end = index
                while end < line.endIndex, isLetter(line[end]) { end += 1 }
                if end - index >= 4, end - index <= 8 {
                    var digits = end < line.endIndex && line[end] == 0x20 ? end + 1 : end
                    let digitsStart = digits
                    while digits < line.endIndex, digits - digitsStart < 4, line[digits] >= 0x30, line[digits] <= 0x39 { digits += 1 }
                    if digits - digitsStart == 4,
                       AADSTSCodeScanner.editDistance(line[index..<end].map { $0 & 0xDF }, AADSTSCodeScanner.prefix, atMost: 1) != nil {
                        return true
                    }
                }
                index = end
            }
            return false
        }

        static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }

        /// The timestamp a log line starts with, if any.
        func lineTimestamp(_ index: Int) -> String? {
            guard lineRanges.indices.contains(index) else { return nil }
            let range = lineRanges[index]
            guard let first = bytes[range].first(where: { $0 != 0x20 && $0 != 0x09 }),
                  (first >= 0x30 && first <= 0x39) || first == UInt8(ascii: "[") else { return nil }
            let line = String(decoding: bytes[range.lowerBound..<min(range.upperBound, range.lowerBound + 64)], as: UTF8.self)
            return TriagePattern.first(TriagePattern.lineTimestamp, in: line).map(TriagePattern.normaliseTimestamp)
        }

        // MARK: JSON

        /// Finds `{…}` objects holding `error`/`error_codes`, records them and blanks them out so
        /// the line pass does not read them again. Line numbers are kept.
        private mutating func extractJSONBodies() {
            guard bytes.contains(UInt8(ascii: "{")) else { return }
            var line = 1
            var counted = 0
            var skipUntil = 0
            for (open, close) in Self.bracePairs(bytes) where open >= skipUntil {
                guard close - open < Self.maximumJSONBody, Self.containsErrorKey(bytes[open...close]),
                      let object = Self.jsonObject(bytes[open...close]),
                      object.string(forKey: "error") != nil || object.value(forKey: "error_codes") != nil else { continue }
                while counted < open {
                    if bytes[counted] == 0x0A { line += 1 }
                    counted += 1
                }
                records.append(tokenRecord(object, line: line, excerpt: String(decoding: bytes[open...close], as: UTF8.self)))
                for blank in open...close where bytes[blank] != 0x0A { bytes[blank] = 0x20 }
                skipUntil = close + 1
            }
        }

        /// Every matching `{` … `}` pair, by opening position, in one pass: strings are respected
        /// inside braces (a raw newline ends a string, as JSON has none), text outside braces is
        /// ignored, and nesting deeper than `maximumBraceDepth` forgets the outermost brace.
        static func bracePairs(_ bytes: [UInt8]) -> [(open: Int, close: Int)] {
            var stack: [Int] = []
            var pairs: [(open: Int, close: Int)] = []
            var inString = false
            var escaped = false
            bytes.withUnsafeBufferPointer { buffer in
            for index in buffer.indices {
                let byte = buffer[index]
                if stack.isEmpty {
                    if byte == UInt8(ascii: "{") { stack.append(index) }
                    continue
                }
                if inString {
                    if byte == 0x0A { inString = false; escaped = false }
                    else if escaped { escaped = false }
                    else if byte == UInt8(ascii: "\\") { escaped = true }
                    else if byte == UInt8(ascii: "\"") { inString = false }
                    continue
                }
                switch byte {
                case UInt8(ascii: "\""):
                    inString = true
                case UInt8(ascii: "{"):
                    // Forget the outer half at once: amortised constant time per brace.
                    if stack.count >= 2 * maximumBraceDepth { stack.removeFirst(maximumBraceDepth) }
                    stack.append(index)
                case UInt8(ascii: "}"):
                    if let open = stack.popLast() { pairs.append((open, index)) }
                default:
                    break
                }
            }
            }
            return pairs.sorted { $0.open < $1.open }
        }

        static let errorKey = NeedleSet(["\"error"])
        static let httpWord = NeedleSet(["http"])
        static let errorWord = NeedleSet(["error="])

        static func containsErrorKey(_ slice: ArraySlice<UInt8>) -> Bool { errorKey.contains(in: slice) }

        /// The bytes as a JSON object (`OrderedJSON.Limits.inputFile`); nil when they are not one.
        static func jsonObject(_ bytes: ArraySlice<UInt8>) -> OrderedJSON? {
            let parsed = bytes.withUnsafeBufferPointer { buffer in
                try? OrderedJSON.parse(bytes: buffer, file: "", limits: .inputFile, validatesUTF8: true)
            }
            guard let parsed, case .object = parsed else { return nil }
            return parsed
        }

        private func tokenRecord(_ object: OrderedJSON, line: Int, excerpt: String) -> TriagedError {
            var record = TriagedError(sourceKind: .tokenResponse, excerpt: OAuthErrorParser.excerpt(excerpt), line: line)
            record.oauthError = object.string(forKey: "error")
            if case .array(let codes)? = object.value(forKey: "error_codes"), let first = codes.lazy.compactMap(Self.codeNumber).first {
                record.code = "AADSTS\(first)"
            }
            if let description = object.string(forKey: "error_description") {
                OAuthErrorParser.apply(description: description, to: &record, wordings: wordings)
            }
            record.traceId = object.string(forKey: "trace_id") ?? record.traceId
            record.correlationId = object.string(forKey: "correlation_id") ?? record.correlationId
            if let timestamp = object.string(forKey: "timestamp") { record.timestamp = TriagePattern.normaliseTimestamp(timestamp) }
            record.errorUri = object.string(forKey: "error_uri")
            let seen = record.timestamp ?? lineTimestamp(line - 1)
            record.firstSeen = seen
            record.lastSeen = seen
            return record
        }

        /// An `error_codes` item: a number (or a string of ASCII digits) of 4–9 digits; anything else is
        /// ignored. A number is an integer exactly (`50011`, also `5.0011e4`), as NSNumber's `as? Int` took it.
        static func codeNumber(_ value: OrderedJSON) -> String? {
            switch value {
            case .number(let text):
                guard let number = Int(text) ?? Double(text).flatMap({ Int(exactly: $0) }) else { return nil }
                return (1_000...999_999_999).contains(number) ? String(number) : nil
            case .string(let text):
                return codeDigits(text)
            default:
                return nil
            }
        }

        /// `text` when it is 4–9 ASCII digits.
        static func codeDigits<S: StringProtocol>(_ text: S) -> String? {
            (4...9).contains(text.count) && text.allSatisfy({ $0.isASCII && $0.isNumber }) ? String(text) : nil
        }

        // MARK: Lines

        private mutating func scanLine(_ index: Int, _ original: String) {
            let lineNumber = index + 1
            var line = original
            if Self.httpWord.contains(in: ArraySlice(line.utf8)) {
                line = replacing(TriagePattern.urlRanges(in: line), in: line) { scanner, text in
                    var url = text
                    while let last = url.last, ".,;:)]}".contains(last) { url.removeLast() }
                    return scanner.handleURL(url, line: lineNumber)
                }
            }
            if Self.errorWord.contains(in: ArraySlice(line.utf8)) {
                var ranges: [Range<String.Index>] = []
                var start: String.Index?
                for position in line.indices {
                    if line[position].isWhitespace {
                        if let first = start { ranges.append(first..<position) }
                        start = nil
                    } else if start == nil {
                        start = position
                    }
                }
                if let first = start { ranges.append(first..<line.endIndex) }
                line = replacing(ranges.filter { line[$0].contains("error=") }, in: line) { scanner, token in
                    scanner.handleBareQuery(token, line: lineNumber)
                }
            }
            scanText(line, lineNumber: lineNumber)
        }

        /// The line with every range that `handle` took blanked out (built once, so many URLs on
        /// one line stay linear).
        private mutating func replacing(_ ranges: [Range<String.Index>], in line: String,
                                        _ handle: (inout Scanner, String) -> Bool) -> String {
            guard !ranges.isEmpty else { return line }
            var rebuilt = ""
            var last = line.startIndex
            for range in ranges where range.lowerBound >= last {
                rebuilt += line[last..<range.lowerBound]
                if handle(&self, String(line[range])) {
                    rebuilt += String(repeating: " ", count: line[range].count)
                } else {
                    rebuilt += line[range]
                }
                last = range.upperBound
            }
            rebuilt += line[last...]
            return rebuilt
        }

        /// An error redirect or an authorize request; other URLs (help links, quoted URIs) stay in the text.
        private mutating func handleURL(_ url: String, line: Int) -> Bool {
            guard errorsOnLine < Self.maximumErrorsPerLine else { return false }
            let (base, params) = Self.split(url)
            if params.contains(where: { $0.0 == "error" }) {
                var record = redirectRecord(base: base, params: params, line: line, excerpt: url)
                record.cutAtAmpersand = params.count == 1
                records.append(record)
                errorsOnLine += 1
                return true
            }
            let path = base.lowercased()
            if path.contains("/oauth2/"), path.hasSuffix("/authorize") {
                if params.count <= 1, cutRequest == nil {
                    cutRequest = params.first.map { "\($0.0)=\($0.1)" } ?? base
                }
                requests.append((line, Self.authorizeRequest(base: base, params: params)))
                return true
            }
            return false
        }

        /// `?error=…` or `error=…&error_description=…` pasted without the rest of the URL.
        private mutating func handleBareQuery(_ token: String, line: Int) -> Bool {
            guard errorsOnLine < Self.maximumErrorsPerLine else { return false }
            let (base, params) = Self.split(token.hasPrefix("error=") ? "?" + token : token)
            guard params.contains(where: { $0.0 == "error" }) else { return false }
            var record = redirectRecord(base: base, params: params, line: line, excerpt: token)
            record.cutAtAmpersand = params.count == 1
            records.append(record)
            errorsOnLine += 1
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
                OAuthErrorParser.apply(description: description, to: &record, wordings: wordings)
            }
            if record.code == nil, let codes = value("error_codes"),
               let number = codes.split(whereSeparator: { !($0.isASCII && $0.isNumber) }).lazy.compactMap(Self.codeDigits).first {
                record.code = "AADSTS\(number)"
                record.codeSource = .stated
            }
            record.errorUri = value("error_uri")
            if record.code == nil, let uri = record.errorUri, let range = uri.range(of: "code=") {
                if let digits = Self.codeDigits(uri[range.upperBound...].prefix(while: { $0.isASCII && $0.isNumber })) {
                    record.code = "AADSTS\(digits)"
                    record.codeSource = .stated
                }
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
            let seen = record.timestamp ?? currentLineSeen
            record.firstSeen = seen
            record.lastSeen = seen
            return record
        }
    }
}
