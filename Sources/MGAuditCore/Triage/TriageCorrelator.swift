import Foundation

/// Correlates a triaged error with a tenant's files (manifest, notification sheet, MailGates
/// settings, consent exports) and says, as findings, what in them explains the error.
///
/// What is a property of the files alone comes from the rule pack: the engine audits the bundle
/// once, and each error gets the findings whose rule id its catalog entry lists (`rules:` in
/// aadsts.yaml). Only what depends on the request itself is judged here: the requested redirect
/// URI against the registered and sheet URIs (TriageURIMatch.swift), the client id quoted in the
/// error against the manifest's appId, and the tenant a single-tenant app was signed in through.
public struct TriageCorrelator: Sendable {
    public var bundle: TenantBundle?
    public var asOf: Date
    public var engine: RuleEngine?
    /// The texts of the findings judged here (`aadsts-wordings.yaml`, `notes.findings`); without
    /// them those findings are not made.
    public var texts: TriageFindingTexts?
    /// The rule pack's findings for the bundle, computed once.
    let tenantFindings: [Finding]

    public init(bundle: TenantBundle?, asOf: Date, engine: RuleEngine? = nil, texts: TriageFindingTexts? = nil) {
        self.bundle = bundle
        self.asOf = asOf
        self.engine = engine
        self.texts = texts
        if let bundle, let engine {
            tenantFindings = engine.audit(bundle, asOf: asOf)
        } else {
            tenantFindings = []
        }
    }

    /// Rule ids the redirect correlation judges against the requested URI; the pack's findings
    /// with these ids (judged against the sheet) are not attached to an error that names its URI.
    static let redirectRuleIds: Set<String> = ["uri-near-miss", "uri-wrong-platform", "uri1-missing", "uri2-missing-for-domain"]

    public func findings(for error: TriagedError, entry: CatalogEntry?) -> [Finding] {
        let cause = entry?.cause ?? TriageCause.fromOAuthError(error.oauthError)
        let code = error.codeNumber
        var findings: [Finding] = []
        var judgedHere: Set<String> = []
        switch cause {
        case .redirectUriMismatch, .noRedirectUriRegistered:
            if error.requestedRedirectUri != nil, manifest != nil { judgedHere = Self.redirectRuleIds }
            findings += redirectFindings(error)
        case .wrongTenantOrAccount where code == 50194 || code == 90130:
            findings += endpointFindings(error)
        default:
            break
        }
        let fromError = clientIdFindings(error)
        findings += fromError
        let listed = Set(entry?.rules ?? [])
        findings += tenantFindings.filter { finding in
            listed.contains(finding.rule) && !judgedHere.contains(finding.rule)
                // The configured application id when the error quotes the same one: said once.
                && !fromError.contains { $0.rule == finding.rule && $0.subject == finding.subject }
        }
        return findings
    }

    var manifest: AppRegistration? { bundle?.manifest }

    // MARK: Redirect URI (AADSTS50011): TriageURIMatch.swift

    // MARK: Client ID quoted in the error (AADSTS700016 and any other)

    /// The rule pack's `client-id-mismatch`, applied to the client id the error quotes.
    func clientIdFindings(_ error: TriagedError) -> [Finding] {
        guard let value = error.clientId, let manifest, let rule = engine?.pack.rule(id: ClientIdMismatchCheck.kind),
              let hit = ClientIdMismatchCheck.hit(value: value, source: ClientIdMismatchCheck.errorSource, manifest: manifest)
        else { return [] }
        return [RuleEngine.finding(rule, hit: hit)]
    }

    // MARK: Sign-in endpoint (AADSTS50194)

    /// A single-tenant app (as the guide wants) signed in through another tenant's or the common
    /// endpoint. A multitenant app is the pack's `not-single-tenant`.
    func endpointFindings(_ error: TriagedError) -> [Finding] {
        guard let manifest, manifest.signInAudience == "AzureADMyOrg", let text = texts?.commonEndpoint else { return [] }
        let endpoint = error.request?.tenant ?? error.tenant
        return [Finding(
            rule: "common-endpoint-single-tenant", severity: .info, subject: endpoint ?? "common",
            title: text.title, message: text.message.filled(["endpoint": VisibleText.escape(endpoint ?? "common")]),
            evidence: ["signInAudience": .string("AzureADMyOrg"), "endpointTenant": endpoint.map(EvidenceValue.string) ?? .null],
            guideStep: TriageGuide.singleTenant)]
    }
}

extension RedirectPlatform {
    /// The platform's name as the portal's 認証 blade shows it.
    var portalName: String {
        switch self {
        case .web: "Web"
        case .spa: "シングルページ アプリケーション (SPA)"
        case .publicClient: "モバイル アプリケーションとデスクトップ アプリケーション"
        }
    }
}
