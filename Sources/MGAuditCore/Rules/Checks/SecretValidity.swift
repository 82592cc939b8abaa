import Foundation

/// Whether a client secret is valid on the audit date, with a third answer: a secret whose end
/// date could not be read (an `input-field-invalid` finding says which) is neither valid nor
/// expired, and "never expires" least of all. The secret checks judge nothing that depends on it.
enum SecretValidity: Sendable, Hashable {
    case valid
    case expired
    case unknown

    static func of(_ credential: PasswordCredential, asOf: Date) -> SecretValidity {
        if credential.endUnreadable { return .unknown }
        return Credentials.isValid(credential, asOf: asOf) ? .valid : .expired
    }

    /// Whether which secrets exist, or whether one of them is valid, is unknown.
    static func anyUnknown(in manifest: AppRegistration) -> Bool {
        manifest.passwordCredentialsUnreadable || manifest.passwordCredentials.contains { $0.endUnreadable }
    }
}
