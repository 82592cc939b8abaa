import Foundation

/// `secret-lifetime`: a client secret still valid whose lifetime (end − start) exceeds `maxMonths`
/// (default 24, the portal's maximum). Such a secret was made outside the portal (Graph
/// `addPassword`, scripts) and escapes the two-yearly renewal the guide plans for.
public struct SecretLifetimeCheck: Check {
    public static let kind = "secret-lifetime"
    public static let placeholders: Set<String> = ["secret", "startDate", "endDate", "months", "maxMonths"]
    let maxMonths: Int

    public init(params: RuleParams, catalog: PermissionCatalog) throws {
        try params.allowOnly(["maxMonths"])
        maxMonths = try params.int("maxMonths", default: 24)
        guard maxMonths > 0 else { throw ParamError("maxMonths must be positive") }
    }

    public func evaluate(_ context: AuditContext) -> [CheckHit] {
        guard let manifest = context.manifest else { return [] }
        return manifest.passwordCredentials.enumerated().compactMap { index, credential in
            guard SecretValidity.of(credential, asOf: context.asOf) == .valid, !credential.startUnreadable,
                  let start = credential.start, let end = credential.end,
                  let limit = AuditDate.calendar.date(byAdding: .month, value: maxMonths, to: start),
                  // One day of slack: the portal computes the end from its own clock.
                  end > limit.addingTimeInterval(86_400) else { return nil }
            let months = AuditDate.calendar.dateComponents([.month], from: start, to: end).month ?? 0
            var evidence = Credentials.evidence(credential, asOf: context.asOf)
            evidence["lifetimeMonths"] = .int(months)
            evidence["maxMonths"] = .int(maxMonths)
            return CheckHit(subject: Credentials.subject(credential, index: index), evidence: evidence,
                            variables: ["secret": context.sharedPhrases.phrases.secret(credential, index: index),
                                        "startDate": .same(AuditDate.day(start)), "endDate": .same(AuditDate.day(end)),
                                        "months": .same(String(months)), "maxMonths": .same(String(maxMonths))])
        }
    }
}
