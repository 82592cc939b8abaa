import Foundation

/// What `mgaudit fix` changes, derived from the registration, the notification sheet and the
/// findings' rule ids and typed evidence (never from message text).
public struct FixPlan: Sendable, Hashable {
    public enum Change: Sendable, Hashable {
        /// The complete new list of one platform's redirect URIs.
        case redirectURIs(platform: RedirectPlatform, from: [String], to: [String])
        case signInAudience(to: String)
        case implicitAccessToken(to: Bool)
        case implicitIdToken(to: Bool)
    }

    public struct Step: Sendable, Hashable {
        public var change: Change
        /// The rule ids of the findings this step fixes, sorted.
        public var rules: [String]
    }

    /// Why something was left as it is.
    public enum Note: Sendable, Hashable {
        case noSheet, sheetUntrusted, legacyReplyURLs, unsupportedDialect
    }

    public var appId: String?
    public var format: ManifestFormat
    public var steps: [Step]
    /// Rule ids of secret findings that a new client secret fixes (az only; a manifest cannot).
    public var credentialResetRules: [String]
    public var notes: [Note]

    /// The rules whose findings the redirect-URI step fixes.
    public static let redirectRules: Set<String> = ["uri1-missing", "uri2-missing-for-domain", "uri-near-miss",
                                                    "uri-whitespace", "uri-nonascii", "uri-wrong-platform", "uri-duplicate"]
    /// Findings naming a web URI that is a damaged copy of a sheet URI: that URI is removed.
    static let damagedURIRules: Set<String> = ["uri-near-miss", "uri-whitespace", "uri-nonascii"]
    public static let credentialRules: Set<String> = ["secret-expired", "secret-expiring", "secret-none"]

    /// Plans the fix. Redirect URIs come from the sheet only, and only when every sheet URI is trusted.
    public static func plan(registration: AppRegistration, sheet: NotificationSheet?, findings: [Finding]) -> FixPlan {
        var plan = FixPlan(appId: registration.appId, format: registration.format, steps: [], credentialResetRules: [], notes: [])
        if registration.dialect != .standard { plan.notes.append(.unsupportedDialect) }
        let ruleIds = Set(findings.map(\.rule))
        let uriRules = ruleIds.intersection(redirectRules).sorted()
        if !uriRules.isEmpty {
            if let sheet {
                if sheet.allURIsTrusted {
                    plan.steps += redirectSteps(registration: registration, sheet: sheet, findings: findings, rules: uriRules)
                } else {
                    plan.notes.append(.sheetUntrusted)
                }
            } else {
                plan.notes.append(.noSheet)
            }
        }
        if ruleIds.contains("not-single-tenant") {
            plan.steps.append(Step(change: .signInAudience(to: "AzureADMyOrg"), rules: ["not-single-tenant"]))
        }
        if ruleIds.contains("implicit-access-token-disabled") {
            plan.steps.append(Step(change: .implicitAccessToken(to: true), rules: ["implicit-access-token-disabled"]))
        }
        if ruleIds.contains("implicit-id-token-disabled") {
            plan.steps.append(Step(change: .implicitIdToken(to: true), rules: ["implicit-id-token-disabled"]))
        }
        plan.credentialResetRules = ruleIds.intersection(credentialRules).sorted()
        return plan
    }

    private static func redirectSteps(registration: AppRegistration, sheet: NotificationSheet, findings: [Finding],
                                      rules: [String]) -> [Step] {
        let expected = unique([sheet.uri1] + sheet.uri2.map(\.uri))
        let web = registration.redirectURIs.filter { $0.platform == .web }.map(\.uri)
        let spa = registration.redirectURIs.filter { $0.platform == .spa }.map(\.uri)
        // The URIs the damaged-copy findings name, as evidence carries them (raw or escaped).
        var named: Set<String> = []
        for finding in findings where damagedURIRules.contains(finding.rule) {
            for key in ["actual", "uri"] {
                if case .string(let value)? = finding.evidence[key] { named.insert(value) }
            }
        }
        let damaged = web.filter { !expected.contains($0) && (named.contains($0) || named.contains(VisibleText.escape($0))) }
        var newWeb = unique(web.filter { !damaged.contains($0) })
        newWeb += expected.filter { !newWeb.contains($0) }
        let newSpa = spa.filter { !expected.contains($0) }
        var steps: [Step] = []
        if newWeb != web { steps.append(Step(change: .redirectURIs(platform: .web, from: web, to: newWeb), rules: rules)) }
        if newSpa != spa { steps.append(Step(change: .redirectURIs(platform: .spa, from: spa, to: newSpa), rules: rules)) }
        return steps
    }

    private static func unique(_ values: [String]) -> [String] {
        var seen: Set<String> = []
        return values.filter { seen.insert($0).inserted }
    }
}
