import Foundation

/// Consent as read from Graph exports of the service principal. Absent means "unknown".
public struct ConsentState: Sendable, Codable, Hashable {
    /// Application permission ids (`appRoleId`) granted by admin consent.
    public var grantedAppRoleIds: Set<String>
    /// Delegated permission names from `oauth2PermissionGrants` with `consentType: AllPrincipals`.
    public var adminConsentedScopes: Set<String>
    /// Delegated permission names consented by single users only (`consentType: Principal`).
    public var userConsentedScopes: Set<String>
    /// Which exports were given: without one, that half of consent stays unknown.
    public var hasAppRoleAssignments: Bool
    public var hasPermissionGrants: Bool
    /// Fields of a just-parsed export that could not be read; the tenant loader turns them into
    /// input problems naming the file and empties this list.
    public var fieldProblems: [ManifestFieldProblem]
    public init(grantedAppRoleIds: Set<String> = [], adminConsentedScopes: Set<String> = [], userConsentedScopes: Set<String> = [],
                hasAppRoleAssignments: Bool = false, hasPermissionGrants: Bool = false, fieldProblems: [ManifestFieldProblem] = []) {
        self.fieldProblems = fieldProblems
        self.grantedAppRoleIds = grantedAppRoleIds
        self.adminConsentedScopes = adminConsentedScopes
        self.userConsentedScopes = userConsentedScopes
        self.hasAppRoleAssignments = hasAppRoleAssignments
        self.hasPermissionGrants = hasPermissionGrants
    }
}

extension ConsentState {
    enum CodingKeys: String, CodingKey {
        case grantedAppRoleIds, adminConsentedScopes, userConsentedScopes, hasAppRoleAssignments, hasPermissionGrants, fieldProblems
    }

    /// Every key may be absent (a consent state written by hand, e.g. in a rule pack's examples).
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            grantedAppRoleIds: try container.decodeIfPresent(Set<String>.self, forKey: .grantedAppRoleIds) ?? [],
            adminConsentedScopes: try container.decodeIfPresent(Set<String>.self, forKey: .adminConsentedScopes) ?? [],
            userConsentedScopes: try container.decodeIfPresent(Set<String>.self, forKey: .userConsentedScopes) ?? [],
            hasAppRoleAssignments: try container.decodeIfPresent(Bool.self, forKey: .hasAppRoleAssignments) ?? false,
            hasPermissionGrants: try container.decodeIfPresent(Bool.self, forKey: .hasPermissionGrants) ?? false,
            fieldProblems: try container.decodeIfPresent([ManifestFieldProblem].self, forKey: .fieldProblems) ?? [])
    }
}
