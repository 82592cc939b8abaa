import Foundation

/// `permission-not-consented`: a required application permission missing from the
/// appRoleAssignments export, or a required delegated one missing from the oauth2PermissionGrants
/// export. Each half is judged only when its export was given (`consent-unknown` covers the rest),
/// and only for permissions the manifest requests with the right type (else `permission-missing` /
/// `permission-wrong-type` say what to add first).
public struct PermissionNotConsentedCheck: Check {
    public static let kind = "permission-not-consented"
    public static let placeholders: Set<String> = ["permission", "type", "resource", "export"]
    let requirements: PermissionRequirements

    public init(params: RuleParams, catalog: PermissionCatalog) throws {
        try params.allowOnly(["required"])
        requirements = try PermissionRequirements(params: params, catalog: catalog)
    }

    public func evaluate(_ context: AuditContext) -> [CheckHit] {
        guard let consent = context.bundle.consent else { return [] }
        var skipped: Set<String> = []
        if let analysis = context.permissionAnalysis(requirements) {
            skipped = Set(analysis.missing.map(\.permission.id) + analysis.wrongType.map(\.0.permission.id))
        }
        let delegated = consent.adminConsentedScopes.union(consent.userConsentedScopes)
        return requirements.requirements.compactMap { requirement in
            let permission = requirement.permission
            guard !skipped.contains(permission.id) else { return nil }
            let export: String
            switch permission.type {
            case .application:
                guard consent.hasAppRoleAssignments, !consent.grantedAppRoleIds.contains(permission.id) else { return nil }
                export = "appRoleAssignments"
            case .delegated:
                guard consent.hasPermissionGrants, !delegated.contains(permission.name) else { return nil }
                export = "oauth2PermissionGrants"
            }
            return CheckHit(
                subject: permission.name,
                evidence: ["permission": .string(permission.name), "type": .string(permission.type.rawValue),
                           "id": .string(permission.id), "resource": .string(permission.resourceName), "export": .string(export)],
                variables: ["permission": .same(permission.name), "type": context.sharedPhrases.phrases.permissionType(permission.type),
                            "resource": .same(permission.resourceName), "export": .same(export)])
        }
    }
}
