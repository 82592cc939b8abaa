import Foundation

/// Which of the two manifest shapes the Entra portal has exported.
public enum ManifestFormat: String, Sendable, Codable, Hashable {
    /// Legacy Azure AD Graph format (`replyUrlsWithType`, `oauth2AllowImplicitFlow`, `endDate`).
    case aadGraph = "aad-graph"
    /// Microsoft Graph format (`web.redirectUris`, `implicitGrantSettings`, `endDateTime`), also `az ad app show`.
    case microsoftGraph = "microsoft-graph"
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
    public var end: Date?
    public init(keyId: String? = nil, displayName: String? = nil, hint: String? = nil, start: Date? = nil, end: Date? = nil) {
        self.keyId = keyId
        self.displayName = displayName
        self.hint = hint
        self.start = start
        self.end = end
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
    public var requiredPermissions: [RequestedPermission]

    public init(
        format: ManifestFormat, appId: String? = nil, objectId: String? = nil, displayName: String? = nil,
        signInAudience: String? = nil, redirectURIs: [RedirectURI] = [], implicitAccessToken: Bool? = nil,
        implicitIdToken: Bool? = nil, passwordCredentials: [PasswordCredential] = [],
        requiredPermissions: [RequestedPermission] = []
    ) {
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
