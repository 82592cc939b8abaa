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
    public init(grantedAppRoleIds: Set<String> = [], adminConsentedScopes: Set<String> = [], userConsentedScopes: Set<String> = [],
                hasAppRoleAssignments: Bool = false, hasPermissionGrants: Bool = false) {
        self.grantedAppRoleIds = grantedAppRoleIds
        self.adminConsentedScopes = adminConsentedScopes
        self.userConsentedScopes = userConsentedScopes
        self.hasAppRoleAssignments = hasAppRoleAssignments
        self.hasPermissionGrants = hasPermissionGrants
    }
}
