import Foundation

/// Correlates a triaged error with a tenant's files (manifest, notification sheet, MailGates
/// settings, consent exports) and says, as findings, what in them explains the error.
///
/// What is a property of the files alone comes from the rule pack: the engine audits the bundle
/// once, and each error gets the findings whose rule id its catalog entry lists (`rules:` in
/// aadsts.yaml). What depends on the request comes from the pack too: the engine runs its request
/// rules (`RequestCheck`: the requested URI against the sheet, the sign-in endpoint of a
/// single-tenant app, the requested redirect URI against the registration and the sheet) on the
/// bundle with the error's `RequestContext`. What is left here is filtering: which of the files'
/// findings an error shows, and the client id quoted in the error run through the pack's
/// `client-id-mismatch`.
public struct TriageCorrelator: Sendable {
    public var bundle: TenantBundle?
    public var asOf: Date
    public var engine: RuleEngine?
    /// The rule pack's findings for the bundle, computed once.
    let tenantFindings: [Finding]

    /// `fixTexts`: the texts of `fixes.yaml`; with them the tenant's findings carry the fix
    /// commands of `mgaudit fix`, as in `check`.
    public init(bundle: TenantBundle?, asOf: Date, engine: RuleEngine? = nil, fixTexts: FixTexts? = nil) {
        self.bundle = bundle
        self.asOf = asOf
        self.engine = engine
        if let bundle, let engine {
            var findings = engine.audit(bundle, asOf: asOf)
            if let fixTexts { FixCommands.attach(to: &findings, bundle: bundle, catalog: engine.pack.catalog, texts: fixTexts, asOf: asOf) }
            tenantFindings = findings
        } else {
            tenantFindings = []
        }
    }

    public func findings(for error: TriagedError, entry: CatalogEntry?) -> [Finding] {
        let cause = entry?.cause ?? TriageCause.fromOAuthError(error.oauthError)
        var findings: [Finding] = []
        var judgedHere: Set<String> = []
        if cause == .redirectUriMismatch || cause == .noRedirectUriRegistered, error.requestedRedirectUri != nil, manifest != nil {
            // The requested URI is judged against the registration by the request rules, so the
            // pack's findings pairing the sheet with the registration are not repeated beside it.
            judgedHere = engine?.redirectPairingRuleIds ?? []
        }
        // The pack's request rules, on the bundle with this error's request (`RequestCheck`).
        if let bundle, let engine {
            var withRequest = bundle
            withRequest.request = RequestContext(error: error, cause: cause)
            findings += engine.requestFindings(withRequest, asOf: asOf)
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

    // MARK: Client ID quoted in the error (AADSTS700016 and any other)

    /// The rule pack's `client-id-mismatch`, applied to the client id the error quotes.
    func clientIdFindings(_ error: TriagedError) -> [Finding] {
        guard let value = error.clientId, let manifest, let engine, let rule = engine.pack.rule(id: ClientIdMismatchCheck.kind),
              let hit = ClientIdMismatchCheck.hit(value: value, source: .error, manifest: manifest,
                                                  phrases: engine.pack.sharedPhrases)
        else { return [] }
        return [RuleEngine.finding(rule, hit: hit)]
    }
}

extension RequestContext {
    /// The request an error shows: the authorize request's values when the input holds its URL,
    /// else what the error itself quotes.
    public init(error: TriagedError, cause: TriageCause?) {
        let endpoint: Endpoint? = error.request != nil || error.sourceKind == .redirectURL ? .authorize
            : error.sourceKind == .tokenResponse ? .token : nil
        let codes = ([error.code].compactMap { $0 } + error.relatedCodes).compactMap { Int($0.drop { !$0.isNumber }) }
        self.init(redirectURI: error.requestedRedirectUri, clientId: error.clientId ?? error.request?.clientId,
                  tenant: error.request?.tenant ?? error.tenant, endpoint: endpoint, responseType: error.request?.responseType,
                  scopes: (error.request?.scope ?? "").split(whereSeparator: \.isWhitespace).map(String.init),
                  errorCodes: codes, cause: cause)
    }
}
