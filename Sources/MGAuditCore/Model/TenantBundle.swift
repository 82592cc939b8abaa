/// What a sniffed file turned out to be. Raw values appear in JSON output (`inputs[].kind`).
public enum InputKind: String, Sendable, Codable, Hashable {
    case manifestAADGraph = "manifest-aad-graph"
    case manifestMicrosoftGraph = "manifest-microsoft-graph"
    case notificationSheet = "notification-sheet"
    case consentAppRoleAssignments = "consent-app-role-assignments"
    case consentPermissionGrants = "consent-oauth2-permission-grants"
    case servicePrincipal = "service-principal"
    case gatewaySettings = "gateway-settings"
    case errorText = "error-text"
    case unrecognised
    case unreadable
}

public struct InputFile: Sendable, Codable, Hashable {
    public var path: String
    public var kind: InputKind
    public init(path: String, kind: InputKind) {
        self.path = path
        self.kind = kind
    }
}

/// A file of a bundle that could not be used, kept so that reports can say so (`input-unreadable`,
/// `input-unrecognised`) instead of the run stopping.
public struct InputProblem: Sendable, Codable, Hashable {
    public enum Kind: String, Sendable, Codable, Hashable {
        case unreadable
        case unrecognised
    }
    public var path: String
    public var kind: Kind
    public var detail: String
    public init(path: String, kind: Kind, detail: String) {
        self.path = path
        self.kind = kind
        self.detail = detail
    }
}

/// Everything known about one tenant, from one folder or from explicit files.
public struct TenantBundle: Sendable, Codable, Hashable {
    public var name: String
    public var inputs: [InputFile]
    public var manifest: AppRegistration?
    public var sheet: NotificationSheet?
    public var settings: GatewaySettings?
    /// nil when no consent export was given: consent is then "unknown".
    public var consent: ConsentState?
    public var problems: [InputProblem]

    public init(
        name: String, inputs: [InputFile] = [], manifest: AppRegistration? = nil, sheet: NotificationSheet? = nil,
        settings: GatewaySettings? = nil, consent: ConsentState? = nil, problems: [InputProblem] = []
    ) {
        self.name = name
        self.inputs = inputs
        self.manifest = manifest
        self.sheet = sheet
        self.settings = settings
        self.consent = consent
        self.problems = problems
    }
}
