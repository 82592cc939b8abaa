import Foundation

/// `permission-wrong-type`: a required permission requested only with the other type — typically
/// User.Read.All or Group.Read.All chosen under 「委任されたアクセス許可」 instead of 「アプリケーションの許可」.
public struct PermissionWrongTypeCheck: Check {
    public static let kind = "permission-wrong-type"
    public static let placeholders: Set<String> = ["permission", "requestedType", "expectedType"]
    let requirements: PermissionRequirements

    public init(params: RuleParams, catalog: PermissionCatalog) throws {
        try params.allowOnly(["required"])
        requirements = try PermissionRequirements(params: params, catalog: catalog)
    }

    public func evaluate(_ context: AuditContext) -> [CheckHit] {
        guard let analysis = context.permissionAnalysis(requirements) else { return [] }
        return analysis.wrongType.map { requirement, entry in
            let permission = requirement.permission
            return CheckHit(
                subject: permission.name,
                evidence: ["permission": .string(permission.name), "expectedType": .string(permission.type.rawValue),
                           "expectedId": .string(permission.id), "requestedType": .string(entry.type.rawValue),
                           "requestedId": .string(entry.id.lowercased()), "resource": .string(permission.resourceName)],
                variables: ["permission": .same(permission.name), "expectedType": context.sharedPhrases.phrases.permissionType(permission.type),
                            "requestedType": context.sharedPhrases.phrases.permissionType(entry.type)],
                guideStep: requirement.item.guideStep)
        }
    }
}
