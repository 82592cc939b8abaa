import Foundation

/// `permission-excessive`: requested permissions beyond `required` (least privilege), except the
/// harmless delegated scopes in `allowed` (openid, profile...). Azure AD Graph permissions count too:
/// they grant nothing on Microsoft Graph and are left over from old registrations.
public struct PermissionExcessiveCheck: Check {
    public static let kind = "permission-excessive"
    public static let placeholders: Set<String> = ["permission", "type", "resource", "note"]
    let requirements: PermissionRequirements
    let allowed: [CatalogPermission]
    let catalog: PermissionCatalog

    public init(params: RuleParams, catalog: PermissionCatalog) throws {
        try params.allowOnly(["required", "allowed"])
        requirements = try PermissionRequirements(params: params, catalog: catalog)
        allowed = try params.strings("allowed", default: []).map { name in
            guard let permission = catalog.permission(named: name, type: .delegated) else {
                throw ParamError("allowed scope \(name) is not a delegated Microsoft Graph permission in \(PermissionCatalog.fileName)")
            }
            return permission
        }
        self.catalog = catalog
    }

    public func evaluate(_ context: AuditContext) -> [CheckHit] {
        guard let requested = context.manifest?.requiredPermissions,
              let covered = context.permissionAnalysis(requirements)?.covered else { return [] }
        return requested.enumerated().compactMap { index, entry in
            guard !covered.contains(index),
                  !allowed.contains(where: { PermissionRequirements.matches(entry, $0) }) else { return nil }
            let resourceName = catalog.resource(appId: entry.resourceAppId)?.name ?? entry.resourceAppId.lowercased()
            let known = catalog.permission(resourceAppId: entry.resourceAppId, id: entry.id, type: entry.type)
            let name = known?.name ?? entry.id.lowercased()
            let isGraph = entry.resourceAppId.lowercased() == PermissionCatalog.microsoftGraphAppId
            let subject = isGraph ? name : "\(resourceName): \(name)"
            var evidence: [String: EvidenceValue] = [
                "permission": known.map { .string($0.name) } ?? .null, "id": .string(entry.id.lowercased()),
                "type": .string(entry.type.rawValue), "resourceAppId": .string(entry.resourceAppId.lowercased()),
                "resource": .string(resourceName),
            ]
            if let known { evidence["adminConsentRequired"] = .bool(known.adminConsentRequired) }
            // A GUID the catalog knows only as the other type: say so, it is a hand-edited manifest slip.
            if known == nil, let other = catalog.permissions(resourceAppId: entry.resourceAppId, id: entry.id).first {
                evidence["knownAs"] = .string("\(other.name) (\(other.type.rawValue))")
            }
            var note = LocalizedText.same("")
            if known == nil {
                if let knownAs = evidence["knownAs"]?.plainText {
                    note = MessageTemplate.fill(context.sharedPhrases.phrases.permissionNote.otherType, with: ["knownAs": .same(knownAs)])
                } else {
                    note = context.sharedPhrases.phrases.permissionNote.notInCatalog
                }
            }
            return CheckHit(subject: subject, evidence: evidence,
                            variables: ["permission": .same(name), "note": note, "type": context.sharedPhrases.phrases.permissionType(entry.type),
                                        "resource": .same(resourceName)])
        }
    }
}
