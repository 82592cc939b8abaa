import Foundation

/// What a check sees: one tenant's inputs and the day the audit is "as of".
/// Any input may be absent; a check whose input is absent returns no hits.
public final class AuditContext: Sendable {
    // A class: every check of every rule is handed the context, and a struct this size was
    // copied (each of its references retained and released) for each of them.
    public let bundle: TenantBundle
    public let asOf: Date
    /// The pack's phrases (`phrases.yaml`): the sentences checks put into their variables.
    /// A copy of the whole struct where it is read as a value: checks that call its methods or
    /// hand it on read `sharedPhrases.phrases` instead, which is lent from the shared object.
    public var phrases: CheckPhrases { sharedPhrases.phrases }
    /// The pack's one copy of them (`RulePack.sharedPhrases`).
    let sharedPhrases: CheckPhrasesBox
    /// The sheet-to-registration pairing, computed once: five checks read it.
    let sheetMatch: SheetURIMatch?
    /// Set by the engine for the `SuppressionOutcomeCheck`s (`withOutcome`); empty for every other check.
    public let suppressionOutcome: SuppressionOutcome
    public let manifest: AppRegistration?
    /// The permission checks' `PermissionRequirements.analyse` of `manifest`, once (`permissionAnalysis`).
    private let permissionAnalyses: PermissionAnalysisCache

    public convenience init(bundle: TenantBundle, asOf: Date, phrases: CheckPhrases) {
        self.init(bundle: bundle, asOf: asOf, phrases: CheckPhrasesBox(phrases), pairing: true)
    }

    /// `pairing: false` skips the sheet pairing, for the request checks alone (`RuleEngine.requestFindings`).
    convenience init(bundle: TenantBundle, asOf: Date, phrases: CheckPhrasesBox, pairing: Bool = true) {
        let sheetMatch: SheetURIMatch? = if pairing, let sheet = bundle.sheet, let manifest = bundle.manifest {
            SheetURIMatch(sheet: sheet, manifest: manifest)
        } else {
            nil
        }
        self.init(bundle: bundle, asOf: asOf, phrases: phrases, sheetMatch: sheetMatch, suppressionOutcome: SuppressionOutcome(),
                  permissionAnalyses: PermissionAnalysisCache())
    }

    private init(bundle: TenantBundle, asOf: Date, phrases: CheckPhrasesBox, sheetMatch: SheetURIMatch?,
                 suppressionOutcome: SuppressionOutcome, permissionAnalyses: PermissionAnalysisCache) {
        self.bundle = bundle
        self.asOf = asOf
        sharedPhrases = phrases
        self.sheetMatch = sheetMatch
        self.suppressionOutcome = suppressionOutcome
        manifest = bundle.manifest
        self.permissionAnalyses = permissionAnalyses
    }

    /// How the manifest's requested permissions meet `requirements` (nil without a manifest):
    /// `requirements.analyse(manifest)`, computed once per tenant for the permission checks sharing it.
    func permissionAnalysis(_ requirements: PermissionRequirements) -> PermissionRequirements.Analysis? {
        // One field read, not the whole registration copied.
        guard let requested = manifest?.requiredPermissions else { return nil }
        return permissionAnalyses.analysis(requirements, of: requested)
    }

    /// The same context with what applying the suppressions showed (the pairing is not redone).
    func withOutcome(_ outcome: SuppressionOutcome) -> AuditContext {
        AuditContext(bundle: bundle, asOf: asOf, phrases: sharedPhrases, sheetMatch: sheetMatch, suppressionOutcome: outcome,
                     permissionAnalyses: permissionAnalyses)
    }
}

/// One thing a check found. The engine turns it into a `Finding` with the rule's texts,
/// filling `{placeholders}` of the message from `variables`.
public struct CheckHit: Sendable, Hashable {
    /// What the hit is about (an escaped URI, a permission name, a credential key id, a path).
    public var subject: String
    public var evidence: [String: EvidenceValue]
    public var variables: [String: LocalizedText]
    /// Overrides the rule's guide step when the fix depends on the subject (e.g. per permission).
    public var guideStep: LocalizedText?
    /// Overrides the rule's severity when the check's parameters say so for this hit (e.g.
    /// `request-uri-not-on-sheet`'s `followsSheetSeverity`).
    public var severity: Severity?

    public init(subject: String, evidence: [String: EvidenceValue] = [:], variables: [String: LocalizedText] = [:],
                guideStep: LocalizedText? = nil, severity: Severity? = nil) {
        self.subject = subject
        self.evidence = evidence
        self.variables = variables
        self.guideStep = guideStep
        self.severity = severity
    }
}

/// A kind of check that rules in a pack refer to by name (`check:`), configured by `params:`.
/// Adding one = a file in Rules/Checks, a line in `CheckRegistry.builtIn`, and a rule in the pack.
public protocol Check: Sendable {
    static var kind: String { get }
    /// The `{placeholders}` its hits fill (`CheckHit.variables`): the only ones a rule's `message`
    /// and `fix` may use (`RulePackLoader` refuses any other when the pack is loaded).
    static var placeholders: Set<String> { get }
    /// Throws `ParamError` for unusable params (reported with the pack's file and line).
    init(params: RuleParams, catalog: PermissionCatalog) throws
    func evaluate(_ context: AuditContext) -> [CheckHit]
    /// Which of the engine's groups the kind is in, given by the protocols below (`RequestCheck`,
    /// `SuppressionOutcomeCheck`, `RedirectPairingCheck`) through their extensions: the engine reads
    /// it instead of casting, each cast a scan of the program's conformances at start-up.
    static var roles: CheckRoles { get }
}

/// The engine's groups of checks (`Check.roles`).
public struct CheckRoles: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }
    /// `SuppressionOutcomeCheck`: run after the suppressions were applied.
    public static let suppressionOutcome = CheckRoles(rawValue: 1)
    /// `RequestCheck`: judges the sign-in request.
    public static let request = CheckRoles(rawValue: 2)
    /// `RedirectPairingCheck`: pairs the sheet's redirect URIs with the registered ones.
    public static let redirectPairing = CheckRoles(rawValue: 4)
}

extension Check {
    public static var roles: CheckRoles { [] }
}

extension RequestCheck {
    public static var roles: CheckRoles { .request }
}

extension SuppressionOutcomeCheck {
    public static var roles: CheckRoles { .suppressionOutcome }
}

extension RedirectPairingCheck {
    public static var roles: CheckRoles { .redirectPairing }
}

/// A check that judges the sign-in request (`TenantBundle.request`, set by triage) rather than the
/// files alone; it finds nothing without one, so `check` and `batch` never see its findings.
public protocol RequestCheck: Check {}

/// A check that pairs the sheet's redirect URIs with the registered ones. When triage judges the
/// requested redirect URI itself, these rules' findings about the sheet are not repeated.
public protocol RedirectPairingCheck: Check {}
extension URI1MissingCheck: RedirectPairingCheck {}
extension URI2MissingCheck: RedirectPairingCheck {}
extension URINearMissCheck: RedirectPairingCheck {}
extension URIWrongPlatformCheck: RedirectPairingCheck {}

/// Maps check kind names to their types.
public struct CheckRegistry: Sendable {
    public private(set) var kinds: [String: any Check.Type]

    public init(_ types: [any Check.Type]) {
        var kinds: [String: any Check.Type] = [:]
        for type in types { kinds[type.kind] = type }
        self.kinds = kinds
    }

    public mutating func register(_ type: any Check.Type) { kinds[type.kind] = type }

    public var kindNames: [String] { kinds.keys.sorted() }

    public func make(kind: String, params: RuleParams, catalog: PermissionCatalog) throws -> (any Check)? {
        guard let type = kinds[kind] else { return nil }
        return try type.init(params: params, catalog: catalog)
    }

    /// Every check kind mgaudit ships.
    public static let builtIn = CheckRegistry([
        InputProblemCheck.self,
        URI1MissingCheck.self,
        URI2MissingCheck.self,
        URINearMissCheck.self,
        URIWhitespaceCheck.self,
        URINonASCIICheck.self,
        URIInsecureSchemeCheck.self,
        URIWrongPlatformCheck.self,
        URIDuplicateCheck.self,
        URIUnexpectedHostCheck.self,
        SheetValueCheck.self,
        ImplicitGrantCheck.self,
        SignInAudienceCheck.self,
        DisplayNameCheck.self,
        ClientIdMismatchCheck.self,
        ClientIdSecretCheck.self,
        PermissionMissingCheck.self,
        PermissionWrongTypeCheck.self,
        PermissionExcessiveCheck.self,
        PermissionNotConsentedCheck.self,
        ConsentUnknownCheck.self,
        SecretNoneCheck.self,
        SecretExpiredCheck.self,
        SecretExpiringCheck.self,
        SecretLifetimeCheck.self,
        SecretStaleCheck.self,
        SecretIdPastedCheck.self,
        SecretHintMismatchCheck.self,
        SuppressionExpiredCheck.self,
        SuppressionUnusedCheck.self,
        RequestURIRegisteredCheck.self,
        RequestURINotOnSheetCheck.self,
        RequestEndpointTenantCheck.self,
    ])
}

extension LocalizedText {
    /// The same text in both languages (URIs, names, dates).
    public static func same(_ text: String) -> LocalizedText { LocalizedText(ja: text, en: text) }
}
