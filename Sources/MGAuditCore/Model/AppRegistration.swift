import Foundation

/// Which of the two manifest shapes the Entra portal has exported.
public enum ManifestFormat: String, Sendable, Codable, Hashable {
    /// Legacy Azure AD Graph format (`replyUrlsWithType`, `oauth2AllowImplicitFlow`, `endDate`).
    case aadGraph = "aad-graph"
    /// Microsoft Graph format (`web.redirectUris`, `implicitGrantSettings`, `endDateTime`), also `az ad app show`.
    case microsoftGraph = "microsoft-graph"
}

/// Which tool wrote a Microsoft Graph manifest: the portal, `az` and Graph REST write camelCase
/// keys; Microsoft Graph PowerShell (`Get-MgApplication | ConvertTo-Json`) writes PascalCase ones
/// (`AppId`, `Web.RedirectUris`) with `AdditionalProperties` and, in Windows PowerShell 5.1,
/// `/Date(ms)/` dates. Both normalise to the same model.
public enum ManifestDialect: String, Sendable, Codable, Hashable {
    case standard
    case graphPowerShell = "graph-powershell"
}

/// A field of the manifest whose JSON type or value cannot be used: `redirectUris` given as a
/// string, an `endDateTime` that is no date. Reported as an input problem (`input-field-invalid`);
/// the rest of the manifest is still read.
public struct ManifestFieldProblem: Sendable, Codable, Hashable {
    /// The JSON types, as a report names them.
    public enum JSONType: String, Sendable, Codable, Hashable {
        case string, number, bool, object, list, null
    }
    /// What the field should have held.
    public enum Expected: String, Sendable, Codable, Hashable {
        case string, bool, object, list
        case stringList = "string-list"
        case objectList = "object-list"
        /// ISO 8601 date and time (or `/Date(ms)/`).
        case dateTime = "date-time"
        /// `Scope` or `Role`.
        case permissionType = "permission-type"
    }
    /// The JSON path as written in the file: `passwordCredentials[0].endDateTime`.
    public var field: String
    public var expected: Expected
    public var found: JSONType
    /// The value, shortened and with invisible characters shown (strings, numbers and bools only).
    public var value: String?

    public init(field: String, expected: Expected, found: JSONType, value: String? = nil) {
        self.field = field
        self.expected = expected
        self.found = found
        self.value = value
    }

    /// One line in English, for stderr: `passwordCredentials[0].endDateTime: not a date: '2026-13-45'`.
    public var summary: String {
        let type = found == .object ? "an object" : "a \(found.rawValue)"
        let what: String = switch expected {
        case .dateTime where found == .string: "not a date"
        case .dateTime: "not a date (\(type))"
        case .string: "not a string (\(type))"
        case .bool: "not true or false (\(type))"
        case .object: "not an object (\(type))"
        case .list: "not a list (\(type))"
        case .stringList: "not a list of strings (\(type))"
        case .objectList: "not a list of objects (\(type))"
        case .permissionType: "neither 'Scope' nor 'Role'"
        }
        return "\(field): \(what)" + (value.map { ": '\($0)'" } ?? "")
    }
}

/// The platform a redirect URI is registered under in the portal's 認証 blade.
public enum RedirectPlatform: String, Sendable, Codable, Hashable, CaseIterable {
    case web
    case spa
    case publicClient = "public-client"
}

public struct RedirectURI: Sendable, Codable, Hashable {
    public var uri: String
    public var platform: RedirectPlatform
    public init(uri: String, platform: RedirectPlatform) {
        self.uri = uri
        self.platform = platform
    }
}

/// `Scope` in a manifest is a delegated permission, `Role` an application permission.
public enum PermissionType: String, Sendable, Codable, Hashable {
    case delegated
    case application
}

public struct RequestedPermission: Sendable, Codable, Hashable {
    public var resourceAppId: String
    public var id: String
    public var type: PermissionType
    public init(resourceAppId: String, id: String, type: PermissionType) {
        self.resourceAppId = resourceAppId
        self.id = id
        self.type = type
    }
}

/// A client secret as the manifest describes it. The value itself is never in a manifest.
public struct PasswordCredential: Sendable, Codable, Hashable {
    public var keyId: String?
    public var displayName: String?
    /// First three characters of the secret value, as Entra stores them.
    public var hint: String?
    public var start: Date?
    /// nil: no end date in the manifest, unless `endUnreadable`.
    public var end: Date?
    /// The start / end was there but could not be read (a field problem was reported): nothing
    /// may be concluded from the missing date.
    public var startUnreadable: Bool
    public var endUnreadable: Bool
    public init(keyId: String? = nil, displayName: String? = nil, hint: String? = nil, start: Date? = nil, end: Date? = nil,
                startUnreadable: Bool = false, endUnreadable: Bool = false) {
        self.keyId = keyId
        self.displayName = displayName
        self.hint = hint
        self.start = start
        self.end = end
        self.startUnreadable = startUnreadable
        self.endUnreadable = endUnreadable
    }
}

/// One app registration, normalised from either manifest format.
public struct AppRegistration: Sendable, Codable, Hashable {
    public var format: ManifestFormat
    public var appId: String?
    public var objectId: String?
    public var displayName: String?
    public var signInAudience: String?
    public var redirectURIs: [RedirectURI]
    /// nil when the manifest does not say (treated as off by the portal).
    public var implicitAccessToken: Bool?
    public var implicitIdToken: Bool?
    public var passwordCredentials: [PasswordCredential]
    /// `passwordCredentials` was there but is not a list: which secrets exist is unknown.
    public var passwordCredentialsUnreadable: Bool
    public var requiredPermissions: [RequestedPermission]
    public var dialect: ManifestDialect
    /// Fields that could not be used, in file order (each is an `input-field-invalid` finding).
    public var fieldProblems: [ManifestFieldProblem]

    public init(
        format: ManifestFormat, appId: String? = nil, objectId: String? = nil, displayName: String? = nil,
        signInAudience: String? = nil, redirectURIs: [RedirectURI] = [], implicitAccessToken: Bool? = nil,
        implicitIdToken: Bool? = nil, passwordCredentials: [PasswordCredential] = [],
        requiredPermissions: [RequestedPermission] = [], passwordCredentialsUnreadable: Bool = false,
        dialect: ManifestDialect = .standard, fieldProblems: [ManifestFieldProblem] = []
    ) {
        self.passwordCredentialsUnreadable = passwordCredentialsUnreadable
        self.dialect = dialect
        self.fieldProblems = fieldProblems
        self.format = format
        self.appId = appId
        self.objectId = objectId
        self.displayName = displayName
        self.signInAudience = signInAudience
        self.redirectURIs = redirectURIs
        self.implicitAccessToken = implicitAccessToken
        self.implicitIdToken = implicitIdToken
        self.passwordCredentials = passwordCredentials
        self.requiredPermissions = requiredPermissions
    }
}

extension AppRegistration {
    /// How `inputs[].kind` names the file this registration was read from.
    public var inputKind: InputKind {
        if dialect == .graphPowerShell { return .manifestGraphPowerShell }
        return format == .aadGraph ? .manifestAADGraph : .manifestMicrosoftGraph
    }
}
