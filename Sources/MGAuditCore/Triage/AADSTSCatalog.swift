import Foundation

/// Who can fix the cause of an error: where support sends the customer (`fixedBy` in `aadsts.yaml`).
public enum FixedBy: String, Sendable, Codable, Hashable, CaseIterable {
    /// The person signing in, on their own (sign in again, with another account, retry).
    case user
    /// An administrator of the customer's tenant, with the role `adminRole` names.
    case customerAdmin = "customer-admin"
    /// MailGates (the request MailGates sends, or a setting only MailGates changes).
    case mailgates
    /// Microsoft (a service fault: retry, or a support case with Microsoft).
    case microsoft
}

/// The least privileged Entra role that can fix a `customer-admin` error, so that support asks the
/// customer for the right person rather than for a Global Administrator by default.
public enum AdminRole: String, Sendable, Codable, Hashable, CaseIterable {
    case applicationAdministrator = "Application Administrator"
    case cloudApplicationAdministrator = "Cloud Application Administrator"
    /// Needed to grant admin consent to application permissions (app roles) of Microsoft Graph.
    case privilegedRoleAdministrator = "Privileged Role Administrator"
    case conditionalAccessAdministrator = "Conditional Access Administrator"
    case globalAdministrator = "Global Administrator"
}

/// One AADSTS code as described in `rules/aadsts.yaml`.
public struct CatalogEntry: Sendable, Codable, Hashable {
    public var code: Int
    /// Microsoft's internal name from its error-code reference (`InvalidReplyTo`), where it gives one.
    public var name: String?
    /// The OAuth `error` value it usually comes with.
    public var error: String?
    public var cause: TriageCause
    /// What the code means, in our own words.
    public var summary: LocalizedText
    /// What to check in this MailGates setup.
    public var check: LocalizedText
    /// The step of the setup guide that fixes it; nil for errors the guide does not cover.
    public var guideStep: LocalizedText?
    /// Related rule ids from SPEC.md (what `mgaudit check` reports for the same mistake).
    public var rules: [String]
    /// A transient service error: retrying later may be all that is needed.
    public var retry: Bool
    /// Who fixes it. Required in the file: a guessed default would send customers to the wrong person.
    public var fixedBy: FixedBy
    /// The role needed, exactly when `fixedBy` is `customer-admin`.
    public var adminRole: AdminRole?
    /// Whether the MailGates Σ setup (authorization code flow against the customer's single tenant,
    /// Graph User.Read.All/Group.Read.All application permissions and delegated User.Read, a client
    /// secret) can meet it. Required in the file: most documented codes cannot happen here, and
    /// neither default would be right for most entries.
    public var inSetup: Bool

    public init(code: Int, name: String? = nil, error: String? = nil, cause: TriageCause, summary: LocalizedText,
                check: LocalizedText, guideStep: LocalizedText? = nil, rules: [String] = [], retry: Bool = false,
                fixedBy: FixedBy, adminRole: AdminRole? = nil, inSetup: Bool) {
        self.code = code
        self.name = name
        self.error = error
        self.cause = cause
        self.summary = summary
        self.check = check
        self.guideStep = guideStep
        self.rules = rules
        self.retry = retry
        self.fixedBy = fixedBy
        self.adminRole = adminRole
        self.inSetup = inSetup
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        code = try container.decode(Int.self, forKey: .code)
        name = try container.decodeIfPresent(String.self, forKey: .name)
        error = try container.decodeIfPresent(String.self, forKey: .error)
        cause = try container.decode(TriageCause.self, forKey: .cause)
        summary = try container.decode(LocalizedText.self, forKey: .summary)
        check = try container.decode(LocalizedText.self, forKey: .check)
        guideStep = try container.decodeIfPresent(LocalizedText.self, forKey: .guideStep)
        rules = try container.decodeIfPresent([String].self, forKey: .rules) ?? []
        retry = try container.decodeIfPresent(Bool.self, forKey: .retry) ?? false
        fixedBy = try container.decode(FixedBy.self, forKey: .fixedBy)
        adminRole = try container.decodeIfPresent(AdminRole.self, forKey: .adminRole)
        inSetup = try container.decode(Bool.self, forKey: .inSetup)
        // Thrown as decoding errors so that YAMLFile names the line of the entry.
        if fixedBy == .customerAdmin, adminRole == nil {
            throw DecodingError.dataCorruptedError(forKey: .fixedBy, in: container,
                                                   debugDescription: "code \(code): fixedBy customer-admin needs an adminRole")
        }
        if fixedBy != .customerAdmin, adminRole != nil {
            throw DecodingError.dataCorruptedError(forKey: .adminRole, in: container,
                                                   debugDescription: "code \(code): adminRole is only for fixedBy customer-admin")
        }
    }

    /// `AADSTS50011`.
    public var id: String { "AADSTS\(code)" }
}

/// The AADSTS codes this setup can meet, loaded from `aadsts.yaml` in a rules directory.
public struct AADSTSCatalog: Sendable, Hashable {
    public static let fileName = "aadsts.yaml"

    public private(set) var entries: [CatalogEntry]
    private var byCode: [Int: CatalogEntry]
    /// Microsoft's wordings for texts without a code, and the notes triage adds (`aadsts-wordings.yaml`).
    public var wordings: MessageWordings = .empty
    /// The reply's sentences and the routing labels (`reply.yaml`); nil only in a catalog built in code.
    public var reply: ReplyTexts?

    public init(entries: [CatalogEntry]) {
        self.entries = entries.sorted { $0.code < $1.code }
        self.byCode = Dictionary(entries.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Loads `<directory>/aadsts.yaml`; errors name the file and, for YAML problems, the line.
    public static func load(directory: URL) throws -> AADSTSCatalog {
        var catalog = try load(file: directory.appendingPathComponent(fileName))
        catalog.wordings = try MessageWordings.load(directory: directory, catalog: catalog)
        catalog.reply = try ReplyTexts.load(directory: directory)
        return catalog
    }

    public static func load(file: URL) throws -> AADSTSCatalog {
        let document = try YAMLFile.decode(Document.self, from: file)
        var seen: Set<Int> = []
        for entry in document.codes {
            guard seen.insert(entry.code).inserted else {
                throw InputError(path: file.path, problem: "code \(entry.code) is listed twice")
            }
            for (field, text) in [("summary", entry.summary), ("check", entry.check)]
            where text.ja.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
                || text.en.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                throw InputError(path: file.path, problem: "code \(entry.code): \(field) needs both ja and en text")
            }
        }
        return AADSTSCatalog(entries: document.codes)
    }

    /// Accepts `50011`, `AADSTS50011` or `aadsts50011`.
    public func entry(for code: String) -> CatalogEntry? {
        guard let number = Self.number(from: code) else { return nil }
        return byCode[number]
    }

    public func entry(number: Int) -> CatalogEntry? { byCode[number] }

    /// The number of an `AADSTS…` code or a bare number; nil for anything else.
    public static func number(from code: String) -> Int? {
        var text = code.trimmingCharacters(in: .whitespaces)
        if text.uppercased().hasPrefix("AADSTS") { text = String(text.dropFirst(6)) }
        guard !text.isEmpty, text.count <= 9, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(text)
    }

    private struct Document: Decodable {
        var codes: [CatalogEntry]
    }
}
