import Foundation

/// `secret-expiring`: the newest valid client secret ends within `windowDays` (default 60) of
/// `asOf`. The guide asks for renewal 1–2 months before expiry; nobody is notified.
public struct SecretExpiringCheck: Check {
    public static let kind = "secret-expiring"
    public static let placeholders: Set<String> = ["secret", "endDate", "daysLeft", "windowDays"]
    let windowDays: Int

    public init(params: RuleParams, catalog: PermissionCatalog) throws {
        try params.allowOnly(["windowDays"])
        windowDays = try params.int("windowDays", default: 60)
        guard windowDays >= 0 else { throw ParamError("windowDays must not be negative") }
    }

    public func evaluate(_ context: AuditContext) -> [CheckHit] {
        // A secret whose end date is unreadable may be the one lasting longest: not judged.
        guard let manifest = context.manifest, !SecretValidity.anyUnknown(in: manifest) else { return [] }
        let valid = manifest.passwordCredentials.enumerated().filter { Credentials.isValid($0.element, asOf: context.asOf) }
        // A valid secret without an end date never expires: nothing to renew.
        guard !valid.contains(where: { $0.element.end == nil }),
              let (index, newest) = valid.max(by: { ($0.element.end ?? .distantFuture) < ($1.element.end ?? .distantFuture) }),
              let end = newest.end else { return [] }
        let daysLeft = AuditDate.days(from: context.asOf, to: end)
        guard daysLeft <= windowDays else { return [] }
        var evidence = Credentials.evidence(newest, asOf: context.asOf)
        evidence["windowDays"] = .int(windowDays)
        return [CheckHit(subject: Credentials.subject(newest, index: index), evidence: evidence,
                         variables: ["secret": context.sharedPhrases.phrases.secret(newest, index: index), "endDate": Credentials.endDay(newest),
                                     "daysLeft": .same(String(daysLeft)), "windowDays": .same(String(windowDays))])]
    }
}
