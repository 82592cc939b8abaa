import Foundation

/// `secret-hint-mismatch`: the first three characters of MailGates' 「クライアントシークレット」
/// match no credential's `hint` (what the portal shows of the 「値」): the value belongs to another
/// app or secret, or lost characters when copied. A pasted Secret ID is `secret-id-pasted` instead.
public struct SecretHintMismatchCheck: Check {
    public static let kind = "secret-hint-mismatch"
    public static let placeholders: Set<String> = ["configuredHint", "hints"]
    public init(params: RuleParams, catalog: PermissionCatalog) throws { try params.allowOnly([]) }

    public func evaluate(_ context: AuditContext) -> [CheckHit] {
        guard let secret = context.bundle.settings?.clientSecret, let manifest = context.manifest else { return [] }
        let credentials = manifest.passwordCredentials
        let hints = credentials.compactMap(\.hint)
        guard !hints.isEmpty, SecretIdPastedCheck.judge(secret, credentials: credentials) == nil,
              !hints.contains(where: { hint in secret.withRawValue { $0.hasPrefix(hint) } }) else { return [] }
        // Only the 3-character hint of the configured value is shown, as Entra itself does.
        let configured = VisibleText.escape(secret.hint)
        return [CheckHit(subject: "clientSecret",
                         evidence: ["configuredHint": .string(configured), "hints": .list(hints.map(EvidenceValue.string))],
                         variables: ["configuredHint": .same(configured),
                                     "hints": LocalizedText(ja: hints.map { "「\($0)」" }.joined(separator: "、"),
                                                            en: hints.map { "\"\($0)\"" }.joined(separator: ", "))])]
    }
}
