import Foundation

/// `secret-id-pasted`: MailGates' 「クライアントシークレット」 is a GUID, or equals a credential's
/// keyId: the 「シークレット ID」 column was copied instead of the 「値」 (AADSTS7000215).
/// The configured value is only compared; the hit carries the key id, never the value.
public struct SecretIdPastedCheck: Check {
    public static let kind = "secret-id-pasted"
    public static let placeholders: Set<String> = ["which"]
    public init(params: RuleParams, catalog: PermissionCatalog) throws { try params.allowOnly([]) }

    public func evaluate(_ context: AuditContext) -> [CheckHit] {
        guard let secret = context.bundle.settings?.clientSecret else { return [] }
        let credentials = context.manifest?.passwordCredentials ?? []
        guard let (isGUID, pasted) = Self.judge(secret, credentials: credentials) else { return [] }
        var evidence: [String: EvidenceValue] = ["configuredLooksLikeGuid": .bool(isGUID)]
        var which = LocalizedText(ja: "", en: "")
        if let (index, credential) = pasted {
            evidence.merge(Credentials.evidence(credential, asOf: context.asOf)) { current, _ in current }
            let label = context.sharedPhrases.phrases.secret(credential, index: index)
            which = MessageTemplate.fill(context.sharedPhrases.phrases.secretIdPasted.which, with: ["secret": label])
        }
        return [CheckHit(subject: pasted.map { Credentials.subject($0.1, index: $0.0) } ?? "clientSecret",
                         evidence: evidence, variables: ["which": which])]
    }

    /// nil when the value is neither a GUID nor a key id; else whether it is a GUID and which
    /// credential's key id it equals.
    static func judge(_ secret: SecretValue, credentials: [PasswordCredential]) -> (isGUID: Bool, pasted: (Int, PasswordCredential)?)? {
        secret.withRawValue { raw in
            let trimmed = raw.trimmedEnds(in: .whitespacesAndNewlines)
            // A GUID is 36 ASCII characters: any other length needs no pattern search.
            let isGUID = trimmed.utf8.count == 36 && TriagePattern.first(TriagePattern.guid, in: trimmed, group: 0) == trimmed
            let key = trimmed.lowercased()
            let pasted = credentials.enumerated().first { $0.element.keyId?.lowercased() == key }
            guard isGUID || pasted != nil else { return nil }
            return (isGUID, pasted.map { ($0.offset, $0.element) })
        }
    }
}
