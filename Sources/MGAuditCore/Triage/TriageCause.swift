/// The likely cause of a triaged error, a stable identifier from SPEC.md (JSON `cause`).
public enum TriageCause: String, Sendable, Codable, Hashable, CaseIterable {
    case redirectUriMismatch = "redirect_uri_mismatch"
    case noRedirectUriRegistered = "no_redirect_uri_registered"
    case invalidClientSecret = "invalid_client_secret"
    case expiredClientSecret = "expired_client_secret"
    case appNotFound = "app_not_found"
    case tenantNotFound = "tenant_not_found"
    case wrongTenantOrAccount = "wrong_tenant_or_account"
    case consentRequired = "consent_required"
    case adminConsentRequired = "admin_consent_required"
    case userDeclinedConsent = "user_declined_consent"
    case implicitIdTokenDisabled = "implicit_id_token_disabled"
    case implicitAccessTokenDisabled = "implicit_access_token_disabled"
    case invalidScope = "invalid_scope"
    case userNotAssigned = "user_not_assigned"
    case conditionalAccessBlocked = "conditional_access_blocked"
    case mfaRequired = "mfa_required"
    case invalidUsernameOrPassword = "invalid_username_or_password"
    case userNotFound = "user_not_found"
    case accountLockedOrDisabled = "account_locked_or_disabled"
    case passwordExpired = "password_expired"
    case misconfiguredApplication = "misconfigured_application"
    case missingParameter = "missing_parameter"
    /// A fault or a limit inside Microsoft's service (an outage, throttling, a back-end timeout):
    /// nothing in the tenant or in MailGates is wrong, so triage says to retry or open a Microsoft case.
    case serviceError = "service_error"
    /// The customer's federated identity provider (AD FS and the like), pass-through authentication
    /// agents or Seamless SSO failed while the user signed in: fixed on the customer's side, not in
    /// the app registration.
    case federationError = "federation_error"
    /// A protocol or feature the MailGates Σ setup never uses (SAML, WS-Federation, the device code
    /// flow, certificates, on-behalf-of, …): the error most likely belongs to another app.
    case unsupportedFlow = "unsupported_flow"
    case unknown

    /// A best guess when only the OAuth `error` value is known (no AADSTS code).
    public static func fromOAuthError(_ error: String?) -> TriageCause {
        switch error {
        case "consent_required": .consentRequired
        case "invalid_scope": .invalidScope
        default: .unknown
        }
    }
}
