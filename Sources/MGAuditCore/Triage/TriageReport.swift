import Foundation

/// One triaged error with what the catalog says about it and what the tenant files show.
public struct TriageResult: Sendable, Codable, Hashable {
    public var error: TriagedError
    /// nil for a code the catalog does not know (`known: false`, cause `unknown`).
    public var entry: CatalogEntry?
    public var findings: [Finding]
    public init(error: TriagedError, entry: CatalogEntry?, findings: [Finding] = []) {
        self.error = error
        self.entry = entry
        self.findings = findings
    }
    public var known: Bool { entry != nil }
    public var cause: TriageCause { entry?.cause ?? TriageCause.fromOAuthError(error.oauthError) }
}

/// What `mgaudit triage` reports (JSON `schemaVersion` 1).
public struct TriageReport: Sendable, Codable, Hashable {
    public static let schemaVersion = 1
    public var errors: [TriageResult]
    public init(errors: [TriageResult]) { self.errors = errors }
}

public enum Triage {
    /// Parses `text`, looks every error up in the catalog and correlates it with the tenant files.
    /// `engine` (the rule pack of the same rules directory) judges the files; without it only the
    /// redirect URI and sign-in endpoint are correlated.
    /// - Throws: `NoOAuthErrorFound` when the text holds no error (exit 2).
    public static func run(text: String, source: String = "<input>", catalog: AADSTSCatalog,
                           bundle: TenantBundle? = nil, engine: RuleEngine? = nil, asOf: Date) throws -> TriageReport {
        report(errors: try OAuthErrorParser.parse(text, source: source), catalog: catalog, bundle: bundle, engine: engine, asOf: asOf)
    }

    public static func report(errors: [TriagedError], catalog: AADSTSCatalog, bundle: TenantBundle?,
                              engine: RuleEngine? = nil, asOf: Date) -> TriageReport {
        // One correlator per report: the engine audits the bundle once.
        let correlator = TriageCorrelator(bundle: bundle, asOf: asOf, engine: engine)
        return TriageReport(errors: errors.map { error in
            let entry = error.code.flatMap(catalog.entry(for:))
            return TriageResult(error: error, entry: entry, findings: correlator.findings(for: error, entry: entry))
        })
    }
}
