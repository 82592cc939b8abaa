import Foundation

/// `secret-none`: no client secret at all in 「証明書とシークレット」.
public struct SecretNoneCheck: Check {
    public static let kind = "secret-none"
    public static let placeholders: Set<String> = []
    public init(params: RuleParams, catalog: PermissionCatalog) throws { try params.allowOnly([]) }

    public func evaluate(_ context: AuditContext) -> [CheckHit] {
        // `passwordCredentials` that is not a list says nothing about whether there are secrets.
        guard let manifest = context.manifest, manifest.passwordCredentials.isEmpty, !manifest.passwordCredentialsUnreadable else { return [] }
        return [CheckHit(subject: "passwordCredentials", evidence: ["passwordCredentials": .int(0)])]
    }
}
