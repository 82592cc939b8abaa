import Foundation

/// Reads Graph exports of the service principal's grants: `appRoleAssignments` (application
/// permissions) and `oauth2PermissionGrants` (delegated, `scope` holds names, not ids).
enum ConsentParser {
    /// What an export grants, and the fields of it that could not be read (wrong JSON types:
    /// never dropped silently, they become `input-field-invalid` problems).
    enum Export {
        case appRoleAssignments([String], problems: [ManifestFieldProblem] = [])
        case permissionGrants(admin: [String], user: [String], problems: [ManifestFieldProblem] = [])
    }

    static func recognise(_ json: OrderedJSON) -> Export? {
        let items: [OrderedJSON]
        switch json {
        case .object:
            items = ManifestParser.objects(in: json.value(forKey: "value"))
            // An empty list is still a real answer ("nothing granted") when the context says so.
            if items.isEmpty, let context = json.string(forKey: "@odata.context") {
                if context.contains("appRoleAssignment") { return .appRoleAssignments([]) }
                if context.contains("oauth2PermissionGrants") { return .permissionGrants(admin: [], user: []) }
                return nil
            }
        case .array:
            items = ManifestParser.objects(in: json)
        default:
            return nil
        }
        guard !items.isEmpty else { return nil }
        // Paths name the items as the file holds them: `value[0]` in a Graph response, `[0]` in a list.
        let prefix = if case .array = json { "" } else { "value" }
        var reader = ManifestReader(dialect: .standard)
        if items.allSatisfy({ $0.value(forKey: "appRoleId") != nil }) {
            let ids = items.enumerated().compactMap { index, item in
                reader.string(item, "appRoleId", at: .init(prefix, index: index))?.lowercased()
            }
            return .appRoleAssignments(ids, problems: reader.problems)
        }
        if items.allSatisfy({ $0.value(forKey: "scope") != nil && $0.value(forKey: "consentType") != nil }) {
            var admin: [String] = [], user: [String] = []
            for (index, item) in items.enumerated() {
                let at = ManifestReader.FieldPath(prefix, index: index)
                let scope = reader.string(item, "scope", at: at)
                // A grant whose type cannot be read is neither admin nor user consent.
                guard let consentType = reader.string(item, "consentType", at: at) else { continue }
                let scopes = (scope ?? "").split(whereSeparator: \.isWhitespace).map(String.init)
                if consentType == "AllPrincipals" { admin += scopes } else { user += scopes }
            }
            return .permissionGrants(admin: admin, user: user, problems: reader.problems)
        }
        return nil
    }

    static func merge(_ export: Export, into state: ConsentState?) -> ConsentState {
        var state = state ?? ConsentState()
        switch export {
        case .appRoleAssignments(let ids, let problems):
            state.grantedAppRoleIds.formUnion(ids)
            state.hasAppRoleAssignments = true
            state.fieldProblems += problems
        case .permissionGrants(let admin, let user, let problems):
            state.adminConsentedScopes.formUnion(admin)
            state.userConsentedScopes.formUnion(user)
            state.hasPermissionGrants = true
            state.fieldProblems += problems
        }
        return state
    }

    /// A service principal object (the enterprise application), given alongside the grants.
    static func isServicePrincipal(_ json: OrderedJSON) -> Bool {
        guard case .object = json else { return false }
        return json.value(forKey: "servicePrincipalType") != nil
            || (json.value(forKey: "appId") != nil && json.value(forKey: "appRoleAssignmentRequired") != nil)
    }
}
