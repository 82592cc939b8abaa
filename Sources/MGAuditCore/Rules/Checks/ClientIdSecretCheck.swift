import Foundation

/// `client-id-secret`: MailGates' 「アプリケーションID」 (settings) holds a value shaped like a
/// client secret's value or a token (`Redaction.looksLikeSecret`): the secret was pasted into the ID
/// field. The value never reaches the finding: only its first three characters, as Entra's hint.
/// `client-id-mismatch` stays silent on such a value, so this is the one finding.
public struct ClientIdSecretCheck: Check {
    public static let kind = "client-id-secret"
    public static let placeholders: Set<String> = ["hint", "length"]
    public init(params: RuleParams, catalog: PermissionCatalog) throws { try params.allowOnly([]) }

    public func evaluate(_ context: AuditContext) -> [CheckHit] {
        guard let value = context.bundle.settings?.applicationId, GatewaySettings.looksLikeSecret(value) else { return [] }
        let hint = VisibleText.escape(String(value.prefix(3)))
        let sameAsSecret = context.bundle.settings?.clientSecret.map { secret in secret.withRawValue { $0 == value } } ?? false
        return [CheckHit(
            subject: "applicationId",
            evidence: ["field": .string("applicationId"), "hint": .string(hint), "length": .int(value.count),
                       "sameAsClientSecret": .bool(sameAsSecret)],
            variables: ["hint": .same(hint), "length": .same(String(value.count))])]
    }
}
