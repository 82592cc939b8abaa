/// What a sniffed file turned out to be. Raw values appear in JSON output (`inputs[].kind`).
public enum InputKind: String, Sendable, Codable, Hashable {
    case manifestAADGraph = "manifest-aad-graph"
    case manifestMicrosoftGraph = "manifest-microsoft-graph"
    /// Microsoft Graph PowerShell's `Get-MgApplication | ConvertTo-Json` (PascalCase keys).
    case manifestGraphPowerShell = "manifest-graph-powershell"
    case notificationSheet = "notification-sheet"
    case consentAppRoleAssignments = "consent-app-role-assignments"
    case consentPermissionGrants = "consent-oauth2-permission-grants"
    case servicePrincipal = "service-principal"
    case gatewaySettings = "gateway-settings"
    case errorText = "error-text"
    /// The tenant folder's own `mgaudit.yml` (`mgaudit.yaml`): suppressions, not an input to audit.
    case suppressions
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

/// What an explicitly named input (`--sheet FILE`) was given as.
public enum InputRole: String, Sendable, Codable, Hashable {
    case notificationSheet = "notification-sheet"
    case manifest
    case gatewaySettings = "gateway-settings"
    case consent

    /// Whether a file sniffed as `kind` can serve in this role.
    public func accepts(_ kind: InputKind) -> Bool {
        switch self {
        case .notificationSheet: kind == .notificationSheet
        case .manifest: [.manifestAADGraph, .manifestMicrosoftGraph, .manifestGraphPowerShell].contains(kind)
        case .gatewaySettings: kind == .gatewaySettings
        case .consent: [.consentAppRoleAssignments, .consentPermissionGrants].contains(kind)
        }
    }

    var englishName: String {
        switch self {
        case .notificationSheet: "notification sheet"
        case .manifest: "app manifest"
        case .gatewaySettings: "MailGates settings file"
        case .consent: "consent export"
        }
    }
}

/// An input that could not be used, kept so that reports can say so (`input-unreadable`,
/// `input-unrecognised`, `input-field-invalid`, `input-no-manifest`, ...) instead of the run
/// stopping. Every kind but `unrecognised` fails the run (`failsTheRun`: exit 2, one line on stderr,
/// `description`); the other tenants are still audited.
public struct InputProblem: Sendable, Codable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Codable, Hashable, CaseIterable {
        /// A file that is recognisably ours but broken (truncated JSON, undecodable text, too large).
        case unreadable
        /// A file that is none of ours (a warning: the tenant is still audited).
        case unrecognised
        /// A manifest field of the wrong JSON type or with an unreadable value (`fieldProblem`).
        case invalidField = "invalid-field"
        /// The tenant has inputs, but no app manifest among them.
        case noManifest = "no-manifest"
        /// The tenant has files, but none of them was recognised.
        case nothingRecognised = "nothing-recognised"
        /// The tenant folder is empty.
        case emptyFolder = "empty-folder"
        /// The folder holds folders and no inputs: a folder of tenants given as one tenant.
        case folderOfTenants = "folder-of-tenants"
        /// A file named on the command line (`--sheet FILE`) that is not what it was given as.
        case explicitUnusable = "explicit-unusable"
    }
    public var path: String
    public var kind: Kind
    /// What is wrong, in English, one line (stderr; `{detail}` in messages).
    public var detail: String
    /// `invalidField`: the field, what it should hold and what it holds.
    public var fieldProblem: ManifestFieldProblem?
    /// `explicitUnusable`: what the file was given as, and what it turned out to be (nil: nothing
    /// we know, or unreadable).
    public var givenAs: InputRole?
    public var found: InputKind?

    public init(path: String, kind: Kind, detail: String, fieldProblem: ManifestFieldProblem? = nil,
                givenAs: InputRole? = nil, found: InputKind? = nil) {
        self.path = path
        self.kind = kind
        self.detail = detail
        self.fieldProblem = fieldProblem
        self.givenAs = givenAs
        self.found = found
    }

    /// Whether the run must end with exit 2 (after auditing every tenant): the input cannot be
    /// audited as given, so "no problems found" would be a lie. Only an unrecognised stray file in
    /// an otherwise usable tenant does not.
    public var failsTheRun: Bool { kind != .unrecognised }

    /// `path: detail`, the one line a CLI prints on stderr.
    public var description: String { "\(path): \(detail)" }
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
    /// What the tenant's own `mgaudit.yml` holds back; a runner appends the run's suppressions
    /// (`Suppression.Scope.run`) before `RuleEngine.assess`.
    public var suppressions: [Suppression]
    /// The sign-in request an error belongs to (`mgaudit triage`): what the request-aware checks
    /// judge. nil for `check`, `batch` and `report`, whose checks see only the files.
    public var request: RequestContext?

    public init(
        name: String, inputs: [InputFile] = [], manifest: AppRegistration? = nil, sheet: NotificationSheet? = nil,
        settings: GatewaySettings? = nil, consent: ConsentState? = nil, problems: [InputProblem] = [],
        suppressions: [Suppression] = [], request: RequestContext? = nil
    ) {
        self.name = name
        self.inputs = inputs
        self.manifest = manifest
        self.sheet = sheet
        self.settings = settings
        self.consent = consent
        self.problems = problems
        self.suppressions = suppressions
        self.request = request
    }
}

/// The sign-in request an error came from, as far as the pasted text shows it: what MailGates
/// sent (redirect URI, client id, tenant segment, response type, scopes) and what Microsoft
/// answered (the codes and their cause). Built by triage from the parsed error
/// (`RequestContext(error:cause:)`); rule examples give it as `request:`.
public struct RequestContext: Sendable, Codable, Hashable {
    /// The endpoint the error came from.
    public enum Endpoint: String, Sendable, Codable, Hashable {
        case authorize
        case token
    }

    /// The requested `redirect_uri`, exactly as sent.
    public var redirectURI: String?
    public var clientId: String?
    /// The tenant segment of the sign-in URL: a tenant id or domain, or `common`, `organizations`,
    /// `consumers`; nil when the text does not show it.
    public var tenant: String?
    public var endpoint: Endpoint?
    public var responseType: String?
    public var scopes: [String]
    /// The AADSTS codes of the error, the main one first.
    public var errorCodes: [Int]
    /// The catalog's cause of the main code (or the OAuth `error` value's).
    public var cause: TriageCause?

    public init(redirectURI: String? = nil, clientId: String? = nil, tenant: String? = nil, endpoint: Endpoint? = nil,
                responseType: String? = nil, scopes: [String] = [], errorCodes: [Int] = [], cause: TriageCause? = nil) {
        self.redirectURI = redirectURI
        self.clientId = clientId
        self.tenant = tenant
        self.endpoint = endpoint
        self.responseType = responseType
        self.scopes = scopes
        self.errorCodes = errorCodes
        self.cause = cause
    }

    enum CodingKeys: String, CodingKey { case redirectURI, clientId, tenant, endpoint, responseType, scopes, errorCodes, cause }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        redirectURI = try container.decodeIfPresent(String.self, forKey: .redirectURI)
        clientId = try container.decodeIfPresent(String.self, forKey: .clientId)
        tenant = try container.decodeIfPresent(String.self, forKey: .tenant)
        endpoint = try container.decodeIfPresent(Endpoint.self, forKey: .endpoint)
        responseType = try container.decodeIfPresent(String.self, forKey: .responseType)
        scopes = try container.decodeIfPresent([String].self, forKey: .scopes) ?? []
        errorCodes = try container.decodeIfPresent([Int].self, forKey: .errorCodes) ?? []
        cause = try container.decodeIfPresent(TriageCause.self, forKey: .cause)
    }
}

extension TenantBundle {
    /// Takes a parsed manifest as this tenant's manifest (the first one wins; a second is a
    /// problem) and turns its field problems into input problems naming `path`.
    public mutating func adopt(manifest: AppRegistration, path: String) {
        guard self.manifest == nil else {
            problems.append(InputProblem(path: path, kind: .unrecognised,
                detail: "a second app manifest for this tenant; not audited (the one given on the command line, or else the first by file name, is)"))
            return
        }
        self.manifest = manifest
        problems += manifest.fieldProblems.map {
            InputProblem(path: path, kind: .invalidField, detail: $0.summary, fieldProblem: $0)
        }
    }
}
