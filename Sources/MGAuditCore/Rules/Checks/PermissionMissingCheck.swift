import Foundation

/// `permission-missing`: a permission of `required` is not requested in 「API のアクセス許可」 at all.
/// When it is requested with the wrong type, `permission-wrong-type` reports it instead.
public struct PermissionMissingCheck: Check {
    public static let kind = "permission-missing"
    public static let placeholders: Set<String> = ["permission", "type", "resource"]
    let requirements: PermissionRequirements

    public init(params: RuleParams, catalog: PermissionCatalog) throws {
        try params.allowOnly(["required"])
        requirements = try PermissionRequirements(params: params, catalog: catalog)
    }

    public func evaluate(_ context: AuditContext) -> [CheckHit] {
        guard let analysis = context.permissionAnalysis(requirements) else { return [] }
        return analysis.missing.map { requirement in
            let permission = requirement.permission
            return CheckHit(
                subject: permission.name,
                evidence: ["permission": .string(permission.name), "type": .string(permission.type.rawValue),
                           "id": .string(permission.id), "resourceAppId": .string(permission.resourceAppId),
                           "resource": .string(permission.resourceName)],
                variables: ["permission": .same(permission.name), "type": context.sharedPhrases.phrases.permissionType(permission.type),
                            "resource": .same(permission.resourceName)],
                guideStep: requirement.item.guideStep)
        }
    }
}
