import Foundation

/// `secret-stale`: expired client secrets left in 「証明書とシークレット」 while a valid one exists.
/// Harmless for sign-in, but they clutter the list and invite pasting the wrong value.
public struct SecretStaleCheck: Check {
    public static let kind = "secret-stale"
    public static let placeholders: Set<String> = ["secret", "endDate"]
    public init(params: RuleParams, catalog: PermissionCatalog) throws { try params.allowOnly([]) }

    public func evaluate(_ context: AuditContext) -> [CheckHit] {
        guard let manifest = context.manifest,
              manifest.passwordCredentials.contains(where: { SecretValidity.of($0, asOf: context.asOf) == .valid }) else { return [] }
        return manifest.passwordCredentials.enumerated().compactMap { index, credential in
            guard SecretValidity.of(credential, asOf: context.asOf) == .expired else { return nil }
            return CheckHit(subject: Credentials.subject(credential, index: index),
                            evidence: Credentials.evidence(credential, asOf: context.asOf),
                            variables: ["secret": context.sharedPhrases.phrases.secret(credential, index: index), "endDate": Credentials.endDay(credential)])
        }
    }
}
