import Foundation

/// Reads Graph exports of the service principal's grants: `appRoleAssignments` (application
/// permissions) and `oauth2PermissionGrants` (delegated, `scope` holds names, not ids).
enum ConsentParser {
    enum Export {
        case appRoleAssignments([String])
        case permissionGrants(admin: [String], user: [String])
    }

    static func recognise(_ json: Any) -> Export? {
        let items: [[String: Any]]
        if let object = json as? [String: Any] {
            items = object.objects("value")
            // An empty list is still a real answer ("nothing granted") when the context says so.
            if items.isEmpty, let context = object.string("@odata.context") {
                if context.contains("appRoleAssignment") { return .appRoleAssignments([]) }
                if context.contains("oauth2PermissionGrants") { return .permissionGrants(admin: [], user: []) }
                return nil
            }
        } else if let list = json as? [Any] {
            items = list.compactMap { $0 as? [String: Any] }
        } else {
            return nil
        }
        guard !items.isEmpty else { return nil }
        if items.allSatisfy({ $0["appRoleId"] != nil }) {
            return .appRoleAssignments(items.compactMap { $0.string("appRoleId")?.lowercased() })
        }
        if items.allSatisfy({ $0["scope"] != nil && $0["consentType"] != nil }) {
            var admin: [String] = [], user: [String] = []
            for item in items {
                let scopes = (item.string("scope") ?? "").split(whereSeparator: \.isWhitespace).map(String.init)
                if item.string("consentType") == "AllPrincipals" { admin += scopes } else { user += scopes }
            }
            return .permissionGrants(admin: admin, user: user)
        }
        return nil
    }

    static func merge(_ export: Export, into state: ConsentState?) -> ConsentState {
        var state = state ?? ConsentState()
        switch export {
        case .appRoleAssignments(let ids):
            state.grantedAppRoleIds.formUnion(ids)
            state.hasAppRoleAssignments = true
        case .permissionGrants(let admin, let user):
            state.adminConsentedScopes.formUnion(admin)
            state.userConsentedScopes.formUnion(user)
            state.hasPermissionGrants = true
        }
        return state
    }

    /// A service principal object (the enterprise application), given alongside the grants.
    static func isServicePrincipal(_ json: Any) -> Bool {
        guard let object = json as? [String: Any] else { return false }
        return object["servicePrincipalType"] != nil || (object["appId"] != nil && object["appRoleAssignmentRequired"] != nil)
    }
}
