import Foundation

/// The `required:` parameter shared by the permission checks: `[{name, type, resource?, guideStep?}]`,
/// resolved to GUIDs through the catalog (an unknown name/type is a pack error).
struct PermissionRequirements: Sendable {
    struct Item: Decodable, Sendable, Hashable {
        var name: String
        var type: PermissionType
        /// Resource appId; Microsoft Graph when absent.
        var resource: String?
        /// The guide step that adds this permission (overrides the rule's).
        var guideStep: LocalizedText?
    }

    struct Requirement: Sendable, Hashable {
        var item: Item
        var permission: CatalogPermission
        /// The same name as the other type, if the catalog has it (the usual slip).
        var otherType: CatalogPermission?
    }

    /// How a manifest's requested permissions relate to the requirements.
    struct Analysis: Sendable {
        var missing: [Requirement] = []
        /// A requirement requested with the wrong type, and the entry that stands in for it.
        var wrongType: [(Requirement, RequestedPermission)] = []
        /// Indices of `requiredPermissions` entries accounted for (satisfying or wrong-type stand-ins).
        var covered: Set<Int> = []
    }

    let requirements: [Requirement]
    /// `requirements` written out whole, once (`key(of:)`): a per-tenant `PermissionAnalysisCache`
    /// compares this one string instead of every field of every requirement.
    let key: String

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
        key = Self.key(of: requirements)
    }

    /// Every field of every requirement, each length-prefixed ("-" for an absent one), so that two
    /// lists have the same key only when they are equal field for field. A field added to `Item`,
    /// `Requirement` or `CatalogPermission` must be added here.
    static func key(of requirements: [Requirement]) -> String {
        var key = ""
        func add(_ field: String?) {
            guard let field else { key += "-;"; return }
            key += "\(field.utf8.count):\(field);"
        }
        func add(_ permission: CatalogPermission?) {
            guard let permission else { add(nil as String?); return }
            for field in [permission.resourceAppId, permission.resourceName, permission.name, permission.type.rawValue, permission.id,
                          permission.adminConsentRequired ? "admin" : "user"] { add(field) }
        }
        for requirement in requirements {
            let item = requirement.item
            for field in [item.name, item.type.rawValue, item.resource, item.guideStep?.ja, item.guideStep?.en] { add(field) }
            add(requirement.permission)
            add(requirement.otherType)
        }
        return key
    }

    static func matches(_ entry: RequestedPermission, _ permission: CatalogPermission) -> Bool {
        entry.resourceAppId.lowercased() == permission.resourceAppId && entry.id.lowercased() == permission.id && entry.type == permission.type
    }

    /// `matches` for an entry already lower-cased.
    static func matchesLowered(_ entry: RequestedPermission, _ permission: CatalogPermission) -> Bool {
        entry.resourceAppId == permission.resourceAppId && entry.id == permission.id && entry.type == permission.type
    }

    /// How a manifest's `requiredPermissions` meet the requirements (per tenant: `AuditContext.permissionAnalysis`).
    func analyse(_ requested: [RequestedPermission]) -> Analysis {
        var analysis = Analysis()
        // Lower-cased once here, not at every comparison below.
        let entries = requested.enumerated().map { offset, entry in
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

/// `PermissionRequirements.analyse` of one tenant's manifest, kept for the tenant's other checks:
/// the permission checks of a pack share one `required:` list, so it is analysed once, not once
/// per check. Lives in the tenant's `AuditContext` (one task); the lock only keeps it `Sendable`.
final class PermissionAnalysisCache: @unchecked Sendable {
    private let lock = NSLock()
    /// Requirement lists seen (`PermissionRequirements.key`), with their analysis: a pack has one or two.
    private var entries: [(key: String, analysis: PermissionRequirements.Analysis)] = []

    /// The same as `requirements.analyse(requested)`, computed once per requirement list (the
    /// tenant's manifest's `requiredPermissions` are the only ones a cache is asked about).
    func analysis(_ requirements: PermissionRequirements, of requested: [RequestedPermission]) -> PermissionRequirements.Analysis {
        lock.lock()
        defer { lock.unlock() }
        // Byte for byte: `==` on strings with Japanese guide steps would compare them normalised.
        if let entry = entries.first(where: { TextDecoding.sameBytes($0.key, requirements.key) }) { return entry.analysis }
        let analysis = requirements.analyse(requested)
        entries.append((requirements.key, analysis))
        return analysis
    }
}
