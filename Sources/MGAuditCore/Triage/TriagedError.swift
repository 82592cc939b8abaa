import Foundation

/// The authorize request an error belongs to, when the input also holds the request URL
/// (`https://login.microsoftonline.com/{tenant}/oauth2/v2.0/authorize?client_id=…`).
public struct AuthorizeRequest: Sendable, Codable, Hashable {
    public var tenant: String?
    public var clientId: String?
    public var redirectUri: String?
    public var responseType: String?
    public var responseMode: String?
    public var scope: String?
    public init(tenant: String? = nil, clientId: String? = nil, redirectUri: String? = nil,
                responseType: String? = nil, responseMode: String? = nil, scope: String? = nil) {
        self.tenant = tenant
        self.clientId = clientId
        self.redirectUri = redirectUri
        self.responseType = responseType
        self.responseMode = responseMode
        self.scope = scope
    }
}

/// Where in the input an error was found.
public enum ErrorSourceKind: String, Sendable, Codable, Hashable {
    case redirectURL = "redirect-url"
    case tokenResponse = "token-response"
    case errorPage = "error-page"
    case conditionalAccessPage = "conditional-access-page"
    case text
}

/// How the code of a triaged error was found.
public enum CodeSource: String, Sendable, Codable, Hashable {
    /// Written as Microsoft writes it (`AADSTS50011`), or given in `error_codes` / `error_uri`.
    case stated
    /// Written slightly wrong: a prefix one edit away from `AADSTS`, a space, full-width characters.
    case misspelt
    /// No code in the text: inferred from Microsoft's wording (`aadsts-wordings.yaml`).
    case inferred
}

/// One distinct OAuth error found in pasted text, a file or a log. Repeats of the same error
/// (same code, requested redirect URI and client id) are folded into one with a count.
public struct TriagedError: Sendable, Codable, Hashable {
    /// `AADSTS50011`; nil when only an OAuth `error=` was given.
    public var code: String?
    /// The OAuth `error` value (`invalid_request`, `invalid_client`, …).
    public var oauthError: String?
    /// Microsoft's message without the trailing Trace ID / Correlation ID / Timestamp lines.
    public var description: String?
    public var requestedRedirectUri: String?
    public var clientId: String?
    public var tenant: String?
    /// The signed-in user named in the message (AADSTS50105, 50020, 50034).
    public var user: String?
    public var appName: String?
    /// Trace ID, called "Request Id" on the error page.
    public var traceId: String?
    public var correlationId: String?
    /// ISO 8601 (`2025-03-10T09:12:01Z`) when it could be read, else as given.
    public var timestamp: String?
    public var state: String?
    public var errorUri: String?
    public var adminConsent: String?
    public var request: AuthorizeRequest?
    public var sourceKind: ErrorSourceKind
    /// The input line(s) the error came from, shortened.
    public var excerpt: String
    /// 1-based line of the first occurrence in the input.
    public var line: Int
    public var occurrences: Int
    public var firstSeen: String?
    public var lastSeen: String?
    /// How `code` was found.
    public var codeSource: CodeSource = .stated
    /// The code as written when `misspelt` (`ADDSTS50020`); the wording matched when `inferred`.
    public var codeEvidence: String?
    /// The other codes of the same message, most specific first (ADAL's `AADSTS70002: … AADSTS50012: …`).
    public var relatedCodes: [String] = []
    /// The URL holds only its first parameter (`…?error=invalid_request`), as when an unquoted URL
    /// is cut at `&` by the shell.
    public var cutAtAmpersand = false

    public init(code: String? = nil, oauthError: String? = nil, description: String? = nil,
                requestedRedirectUri: String? = nil, clientId: String? = nil, tenant: String? = nil,
                user: String? = nil, appName: String? = nil, traceId: String? = nil, correlationId: String? = nil,
                timestamp: String? = nil, state: String? = nil, errorUri: String? = nil, adminConsent: String? = nil,
                request: AuthorizeRequest? = nil, sourceKind: ErrorSourceKind, excerpt: String = "", line: Int = 1,
                occurrences: Int = 1, firstSeen: String? = nil, lastSeen: String? = nil) {
        self.code = code
        self.oauthError = oauthError
        self.description = description
        self.requestedRedirectUri = requestedRedirectUri
        self.clientId = clientId
        self.tenant = tenant
        self.user = user
        self.appName = appName
        self.traceId = traceId
        self.correlationId = correlationId
        self.timestamp = timestamp
        self.state = state
        self.errorUri = errorUri
        self.adminConsent = adminConsent
        self.request = request
        self.sourceKind = sourceKind
        self.excerpt = excerpt
        self.line = line
        self.occurrences = occurrences
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
    }

    /// The number in `code` (50011 for `AADSTS50011`).
    public var codeNumber: Int? {
        guard let code else { return nil }
        return Int(code.drop { !$0.isNumber })
    }

    /// Errors with the same key are one entry in a triage report.
    var groupKey: String {
        [code ?? "error:" + (oauthError ?? ""), requestedRedirectUri ?? "", clientId ?? ""].joined(separator: "\u{1F}")
    }
}

/// The input's only error URL holds just its first parameter: the shell cut it at the first `&`
/// (the CLI exits 2 with a hint on quoting).
public struct URLCutAtAmpersand: Error, Sendable, Hashable, CustomStringConvertible {
    public var source: String
    /// The parameter that arrived, e.g. `error=invalid_request`.
    public var parameter: String
    public init(source: String, parameter: String) {
        self.source = source
        self.parameter = parameter
    }
    public var description: String {
        "\(source): the URL looks cut at '&' (only '\(parameter)' arrived): a shell ends an unquoted URL at the first '&'; "
            + "quote it: mgaudit triage '<url>' (or paste it into: mgaudit triage -)"
    }
}

/// The input holds nothing that looks like an OAuth or AADSTS error (the CLI exits 2).
public struct NoOAuthErrorFound: Error, Sendable, Hashable, CustomStringConvertible {
    public var source: String
    public init(source: String) { self.source = source }
    public var description: String {
        "\(source): no OAuth error found (expected an error redirect URL, a token-endpoint JSON error, Microsoft's error page text or an AADSTS code)"
    }
}

/// Input text shown inside a one-line message: secrets masked, invisible characters as code
/// points, newlines as spaces, at most `limit` characters.
enum TriageInputText {
    static func shortened(_ text: String, to limit: Int) -> String {
        let visible = VisibleText.escape(Redaction.redact(String(text.prefix(limit * 4))).replacingOccurrences(of: "\n", with: " "))
        return visible.count > limit ? String(visible.prefix(limit - 1)) + "…" : visible
    }
}
