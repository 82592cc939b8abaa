import Foundation

/// The `required:` parameter shared by the permission checks: `[{name, type, resource?, guideStep?}]`,
/// resolved to GUIDs through the catalog (an unknown name/type is a pack error).
struct PermissionRequirements: Sendable {
    struct Item: Decodable, Sendable {
        var name: String
        var type: PermissionType
        /// Resource appId; Microsoft Graph when absent.
        var resource: String?
        /// The guide step that adds this permission (overrides the rule's).
        var guideStep: LocalizedText?
    }

    struct Requirement: Sendable {
        var item: Item
        var permission: CatalogPermission
        /// The same name as the other type, if the catalog has it (the usual slip).
        var otherType: CatalogPermission?
    }

    /// How a manifest's requested permissions relate to the requirements.
    struct Analysis {
        var missing: [Requirement] = []
        /// A requirement requested with the wrong type, and the entry that stands in for it.
        var wrongType: [(Requirement, RequestedPermission)] = []
        /// Indices of `requiredPermissions` entries accounted for (satisfying or wrong-type stand-ins).
        var covered: Set<Int> = []
    }

    let requirements: [Requirement]

    init(params: RuleParams, catalog: PermissionCatalog) throws {
        let items = try params.decode([Item].self, "required")
        requirements = try items.map { item in
            let resource = item.resource ?? PermissionCatalog.microsoftGraphAppId
            guard let permission = catalog.permission(named: item.name, type: item.type, resourceAppId: resource) else {
                throw ParamError("required permission \(item.name) (\(item.type.rawValue)) is not in \(PermissionCatalog.fileName)")
            }
            let other: PermissionType = item.type == .delegated ? .application : .delegated
            return Requirement(item: item, permission: permission,
                               otherType: catalog.permission(named: item.name, type: other, resourceAppId: resource))
        }
    }

    static func matches(_ entry: RequestedPermission, _ permission: CatalogPermission) -> Bool {
        entry.resourceAppId.lowercased() == permission.resourceAppId && entry.id.lowercased() == permission.id && entry.type == permission.type
    }

    /// `matches` for an entry already lower-cased.
    static func matchesLowered(_ entry: RequestedPermission, _ permission: CatalogPermission) -> Bool {
        entry.resourceAppId == permission.resourceAppId && entry.id == permission.id && entry.type == permission.type
    }

    func analyse(_ manifest: AppRegistration) -> Analysis {
        var analysis = Analysis()
        // Lower-cased once here, not at every comparison below.
        let entries = manifest.requiredPermissions.enumerated().map { offset, entry in
            var lowered = entry
            lowered.resourceAppId = entry.resourceAppId.lowercased()
            lowered.id = entry.id.lowercased()
            return (offset: offset, element: lowered, original: entry)
        }
        for requirement in requirements {
            let wanted = requirement.permission
            let satisfying = entries.filter { Self.matchesLowered($0.element, wanted) }
            if !satisfying.isEmpty {
                analysis.covered.formUnion(satisfying.map(\.offset))
                continue
            }
            // Wrong type: the other type's GUID, or this GUID marked with the other type (Scope ↔ Role).
            let standIn = entries.first { entry in
                if let other = requirement.otherType, Self.matchesLowered(entry.element, other) { return true }
                return entry.element.resourceAppId == wanted.resourceAppId
                    && entry.element.id == wanted.id && entry.element.type != wanted.type
            }
            if let standIn {
                analysis.wrongType.append((requirement, standIn.original))
                analysis.covered.insert(standIn.offset)
            } else {
                analysis.missing.append(requirement)
            }
        }
        return analysis
    }
}
