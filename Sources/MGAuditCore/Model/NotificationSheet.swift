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

    public init(customer: String? = nil, accessURL: String? = nil, domains: [String] = [], uri1: String, uri2: [DomainURI] = []) {
        self.customer = customer
        self.accessURL = accessURL
        self.domains = domains
        self.uri1 = uri1
        self.uri2 = uri2
    }
}
