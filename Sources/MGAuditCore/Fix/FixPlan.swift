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
        /// The complete new `requiredResourceAccess` (`to`), with the entries added (missing or
        /// retyped) and the wrong-typed ones removed.
        case permissions(to: [RequestedPermission], add: [RequestedPermission], remove: [RequestedPermission])
        /// Admin consent for these permissions of one resource; `delegatedScopes` is every delegated
        /// permission name the app requests of it (a grant's `scope` is replaced, not appended).
        case consent(resourceAppId: String, permissions: [Permission], delegatedScopes: [String])
    }

    /// A permission as the fix commands name it.
    public struct Permission: Sendable, Hashable {
        public var resourceAppId: String
        public var id: String
        public var name: String
        public var type: PermissionType
    }

    /// A new client secret and the expired ones to delete after it is entered in MailGates.
    public struct NewSecret: Sendable, Hashable {
        /// The rule ids of the secret findings it fixes, sorted.
        public var rules: [String]
        public var displayName: String
        /// The new secret's end: 24 months after the audit day.
        public var end: Date
        /// Key ids of secrets that ended on or before the audit day (never a valid one).
        public var expiredKeyIds: [String]
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
    /// The application object id (manifest `id`): Graph and Graph PowerShell address the app by it.
    public var objectId: String?
    public var format: ManifestFormat
    /// The registered web redirect URIs, as they are (a spa-only change leaves them).
    public var webRedirectURIs: [String] = []
    public var steps: [Step]
    /// Rule ids of secret findings that a new client secret fixes (scripts only; a manifest cannot).
    public var credentialResetRules: [String] { credentials?.rules ?? [] }
    /// The new secret, when a secret finding asks for one.
    public var credentials: NewSecret?
    public var notes: [Note]

    /// The rules whose findings the redirect-URI step fixes.
    public static let redirectRules: Set<String> = ["uri1-missing", "uri2-missing-for-domain", "uri-near-miss",
                                                    "uri-whitespace", "uri-nonascii", "uri-wrong-platform", "uri-duplicate"]
    /// Findings naming a web URI that is a damaged copy of a sheet URI: that URI is removed.
    static let damagedURIRules: Set<String> = ["uri-near-miss", "uri-whitespace", "uri-nonascii"]
    public static let credentialRules: Set<String> = ["secret-expired", "secret-expiring", "secret-none"]
    /// The rules whose findings the corrected `requiredResourceAccess` fixes.
    public static let permissionRules: Set<String> = ["permission-missing", "permission-wrong-type"]
    /// The rules whose findings admin consent fixes (after the permissions are added).
    public static let consentRules: Set<String> = ["permission-missing", "permission-wrong-type", "permission-not-consented"]
    /// The rules whose findings `fix --format manifest` clears: the manifest holds their fix.
    public static let manifestRules: Set<String> = redirectRules.union(permissionRules)
        .union(["not-single-tenant", "implicit-access-token-disabled", "implicit-id-token-disabled"])

    /// Plans the fix. Redirect URIs come from the sheet only, and only when every sheet URI is trusted.
    /// `catalog` names the permissions (consent needs delegated names); `asOf` dates the new secret
    /// and tells which secrets have expired.
    public static func plan(registration: AppRegistration, sheet: NotificationSheet?, findings: [Finding],
                            catalog: PermissionCatalog, asOf: Date) -> FixPlan {
        var plan = FixPlan(appId: registration.appId, objectId: registration.objectId, format: registration.format,
                           steps: [], credentials: nil, notes: [])
        plan.webRedirectURIs = registration.redirectURIs.filter { $0.platform == .web }.map(\.uri)
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
        plan.steps += permissionSteps(registration: registration, findings: findings, catalog: catalog)
        let secretRules = ruleIds.intersection(credentialRules).sorted()
        if !secretRules.isEmpty {
            let expired = registration.passwordCredentials.filter { !$0.endUnreadable && !Credentials.isValid($0, asOf: asOf) }
            plan.credentials = NewSecret(rules: secretRules, displayName: "mailgates-" + AuditDate.day(asOf),
                                           end: AuditDate.calendar.date(byAdding: .month, value: 24, to: asOf) ?? asOf,
                                           expiredKeyIds: expired.compactMap(\.keyId))
        }
        return plan
    }

    /// The corrected `requiredResourceAccess` and the consent it then needs, from the permission
    /// findings' typed evidence.
    private static func permissionSteps(registration: AppRegistration, findings: [Finding], catalog: PermissionCatalog) -> [Step] {
        var add: [RequestedPermission] = []
        var remove: [RequestedPermission] = []
        var consent: [Permission] = []
        var rules: Set<String> = []
        var consentRules: Set<String> = []
        func text(_ finding: Finding, _ key: String) -> String? {
            if case .string(let value)? = finding.evidence[key] { return value.lowercased() }
            return nil
        }
        for finding in findings {
            switch finding.rule {
            case "permission-missing":
                guard let id = text(finding, "id"), let resource = text(finding, "resourceAppId"),
                      let type = text(finding, "type").flatMap(PermissionType.init(rawValue:)) else { continue }
                let wanted = RequestedPermission(resourceAppId: resource, id: id, type: type)
                add.append(wanted)
                consent.append(named(wanted, finding, catalog))
                rules.insert(finding.rule)
                consentRules.insert(finding.rule)
            case "permission-wrong-type":
                guard let expectedId = text(finding, "expectedId"), let requestedId = text(finding, "requestedId"),
                      let requestedType = text(finding, "requestedType").flatMap(PermissionType.init(rawValue:)),
                      let entry = registration.requiredPermissions.first(where: { $0.id.lowercased() == requestedId && $0.type == requestedType })
                else { continue }
                let type: PermissionType = requestedType == .delegated ? .application : .delegated
                let wanted = RequestedPermission(resourceAppId: entry.resourceAppId.lowercased(), id: expectedId, type: type)
                remove.append(entry)
                add.append(wanted)
                consent.append(named(wanted, finding, catalog))
                rules.insert(finding.rule)
                consentRules.insert(finding.rule)
            case "permission-not-consented":
                guard let id = text(finding, "id"), let type = text(finding, "type").flatMap(PermissionType.init(rawValue:)),
                      let resource = catalog.resources.first(where: { catalog.permission(resourceAppId: $0.appId, id: id, type: type) != nil })
                else { continue }
                consent.append(named(RequestedPermission(resourceAppId: resource.appId.lowercased(), id: id, type: type), finding, catalog))
                consentRules.insert(finding.rule)
            default:
                continue
            }
        }
        var steps: [Step] = []
        var list = registration.requiredPermissions
        if !add.isEmpty {
            list = list.filter { entry in !remove.contains(entry) }
            for wanted in add where !list.contains(where: { same($0, wanted) }) { list.append(wanted) }
            steps.append(Step(change: .permissions(to: list, add: unique(add), remove: unique(remove)), rules: rules.sorted()))
        }
        let resources = unique(consent.map(\.resourceAppId))
        for resource in resources {
            let scopes = list.filter { $0.resourceAppId.lowercased() == resource && $0.type == .delegated }
                .compactMap { catalog.permission(resourceAppId: resource, id: $0.id, type: .delegated)?.name }
            steps.append(Step(change: .consent(resourceAppId: resource, permissions: unique(consent.filter { $0.resourceAppId == resource }),
                                               delegatedScopes: unique(scopes)), rules: consentRules.sorted()))
        }
        return steps
    }

    private static func same(_ left: RequestedPermission, _ right: RequestedPermission) -> Bool {
        left.resourceAppId.lowercased() == right.resourceAppId.lowercased() && left.id.lowercased() == right.id.lowercased() && left.type == right.type
    }

    private static func named(_ permission: RequestedPermission, _ finding: Finding, _ catalog: PermissionCatalog) -> Permission {
        let name = catalog.permission(resourceAppId: permission.resourceAppId, id: permission.id, type: permission.type)?.name
        var fallback = finding.subject
        if case .string(let value)? = finding.evidence["permission"] { fallback = value }
        return Permission(resourceAppId: permission.resourceAppId, id: permission.id, name: name ?? fallback, type: permission.type)
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

    private static func unique<Value: Hashable>(_ values: [Value]) -> [Value] {
        var seen: Set<Value> = []
        return values.filter { seen.insert($0).inserted }
    }
}
