/// The values of the notification sheet (開通通知書) the customer copies into the portal.
public struct NotificationSheet: Sendable, Codable, Hashable {
    public struct DomainURI: Sendable, Codable, Hashable {
        /// The contracted domain this URI2 belongs to; nil when the sheet does not say.
        public var domain: String?
        public var uri: String
        public init(domain: String?, uri: String) {
            self.domain = domain
            self.uri = uri
        }
    }

    public var customer: String?
    public var accessURL: String?
    public var domains: [String]
    /// 「Microsoft 365_リダイレクトURI1」
    public var uri1: String
    /// 「Microsoft 365_リダイレクトURI2」, one per contracted domain.
    public var uri2: [DomainURI]
    /// What was wrong with the sheet's own values, found while reading it (the `sheet-value-*`
    /// rules). `uri1`, `uri2` and `accessURL` hold the cleaned values; a value with an `invalid` or
    /// `wrapped` issue is not to be compared with (`isTrusted`).
    public var valueIssues: [SheetValueIssue]

    public init(customer: String? = nil, accessURL: String? = nil, domains: [String] = [], uri1: String, uri2: [DomainURI] = [],
                valueIssues: [SheetValueIssue] = []) {
        self.customer = customer
        self.accessURL = accessURL
        self.domains = domains
        self.uri1 = uri1
        self.uri2 = uri2
        self.valueIssues = valueIssues
    }

    private enum CodingKeys: String, CodingKey { case customer, accessURL, domains, uri1, uri2, valueIssues }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        customer = try container.decodeIfPresent(String.self, forKey: .customer)
        accessURL = try container.decodeIfPresent(String.self, forKey: .accessURL)
        domains = try container.decodeIfPresent([String].self, forKey: .domains) ?? []
        uri1 = try container.decode(String.self, forKey: .uri1)
        uri2 = try container.decodeIfPresent([DomainURI].self, forKey: .uri2) ?? []
        valueIssues = try container.decodeIfPresent([SheetValueIssue].self, forKey: .valueIssues) ?? []
    }

    /// Whether the sheet's `value` for `field` (and, for URI2, `domain`) can be compared with the
    /// registration: false when it is no absolute http(s) URL or may be wrapped over two lines.
    public func isTrusted(_ field: SheetValueIssue.Field, domain: String? = nil, value: String) -> Bool {
        !valueIssues.contains { issue in
            issue.kind != .invisible && issue.field == field && issue.value == value
                && (field != .uri2 || issue.domain == domain)
        }
    }

    /// Whether every URI value of the sheet can be compared with (none is invalid or wrapped).
    public var allURIsTrusted: Bool {
        !valueIssues.contains { $0.kind != .invisible && $0.field != .accessURL }
    }
}

/// A problem of one value of the sheet itself: not the registration's fault, and never turned into
/// advice to change the registration.
public struct SheetValueIssue: Sendable, Codable, Hashable {
    public enum Kind: String, Sendable, Codable, Hashable {
        /// Not an absolute http(s) URL once wrappers are stripped (`sheet-value-invalid`).
        case invalid
        /// The sheet's URI holds invisible or full-width characters; the cleaned value is used
        /// (`sheet-value-invisible`).
        case invisible
        /// The value may be cut over two lines (a pasted mail); neither reading is trusted
        /// (`sheet-value-wrapped`).
        case wrapped
    }

    public enum Field: String, Sendable, Codable, Hashable {
        case uri1, uri2, accessURL
    }

    /// One character the sheet's value held and the cleaned value does not.
    public struct StrayCharacter: Sendable, Codable, Hashable {
        /// 1-based position in the value after its wrappers were stripped.
        public var position: Int
        public var scalar: UInt32
        /// What the cleaned value has instead (the ASCII character meant); nil when it was dropped.
        public var replacement: String?
        public init(position: Int, scalar: UInt32, replacement: String?) {
            self.position = position
            self.scalar = scalar
            self.replacement = replacement
        }
    }

    public var kind: Kind
    public var field: Field
    /// URI2's domain, when the sheet names one.
    public var domain: String?
    /// The value as the sheet wrote it (wrappers, line breaks and all).
    public var raw: String
    /// The value as stored in the sheet's field: cleaned (for `wrapped`, the first line's reading).
    public var value: String
    /// `wrapped`: the other reading, the lines joined.
    public var joined: String?
    /// `invisible`: the characters found.
    public var characters: [StrayCharacter]
    /// The sheet file, and the 1-based line or row the value starts on, when known.
    public var path: String?
    public var line: Int?

    public init(kind: Kind, field: Field, domain: String? = nil, raw: String, value: String, joined: String? = nil,
                characters: [StrayCharacter] = [], path: String? = nil, line: Int? = nil) {
        self.kind = kind
        self.field = field
        self.domain = domain
        self.raw = raw
        self.value = value
        self.joined = joined
        self.characters = characters
        self.path = path
        self.line = line
    }
}
