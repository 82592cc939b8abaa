import Foundation

/// `secret-expired`: there are client secrets, but none is valid any more on `asOf`
/// (AADSTS7000222). Reported once, about the one that expired last.
public struct SecretExpiredCheck: Check {
    public static let kind = "secret-expired"
    public static let placeholders: Set<String> = ["secret", "endDate", "daysAgo"]
    public init(params: RuleParams, catalog: PermissionCatalog) throws { try params.allowOnly([]) }

    public func evaluate(_ context: AuditContext) -> [CheckHit] {
        // A secret whose end date is unreadable may be the valid one: not judged.
        guard let manifest = context.manifest, !manifest.passwordCredentials.isEmpty, !SecretValidity.anyUnknown(in: manifest),
              !manifest.passwordCredentials.contains(where: { Credentials.isValid($0, asOf: context.asOf) }) else { return [] }
        let indexed = Array(manifest.passwordCredentials.enumerated())
        guard let (index, last) = indexed.max(by: { ($0.element.end ?? .distantPast) < ($1.element.end ?? .distantPast) }) else { return [] }
        var evidence = Credentials.evidence(last, asOf: context.asOf)
        evidence["expiredCount"] = .int(manifest.passwordCredentials.count)
        let daysAgo = last.end.map { AuditDate.days(from: $0, to: context.asOf) } ?? 0
        return [CheckHit(subject: Credentials.subject(last, index: index), evidence: evidence,
                         variables: ["secret": context.sharedPhrases.phrases.secret(last, index: index), "endDate": Credentials.endDay(last),
                                     "daysAgo": .same(String(daysAgo))])]
    }
}
