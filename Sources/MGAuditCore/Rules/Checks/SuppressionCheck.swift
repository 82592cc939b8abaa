import Foundation

/// A check over what applying the tenant's suppressions showed (`AuditContext.suppressionOutcome`),
/// not over the inputs: the engine runs these after every other check, once the suppressions were
/// applied to their findings. Their own findings cannot be suppressed.
public protocol SuppressionOutcomeCheck: Check {}

/// What applying a tenant's suppressions showed, the facts of the `suppression-*` checks.
public struct SuppressionOutcome: Sendable, Hashable {
    /// An expired suppression and the subjects of the findings it would have held back.
    public struct Expired: Sendable, Hashable {
        public var suppression: Suppression
        public var subjects: [String]
        public init(suppression: Suppression, subjects: [String]) {
            self.suppression = suppression
            self.subjects = subjects
        }
    }

    /// Past their `until` day and matching findings of this tenant, which are reported again.
    public var expired: [Expired]
    /// Tenant-scope suppressions (the tenant folder's own file) that matched no finding of it.
    /// Run-scope ones are the runner's to report, once for the whole run.
    public var unused: [Suppression]

    public init(expired: [Expired] = [], unused: [Suppression] = []) {
        self.expired = expired
        self.unused = unused
    }
}

/// Evidence and placeholders every suppression finding shares: where the entry is and what it says.
enum SuppressionFacts {
    static func evidence(_ suppression: Suppression) -> [String: EvidenceValue] {
        [
            "rule": .string(suppression.rule),
            "tenant": suppression.tenant.map { .string(VisibleText.escape($0)) } ?? .null,
            "subject": suppression.subject.map { .string(VisibleText.escape($0)) } ?? .null,
            "reason": .string(VisibleText.escape(suppression.reason)),
            "until": suppression.until.map(EvidenceValue.string) ?? .null,
            "source": .string(VisibleText.escape(suppression.source)),
        ]
    }

    static func variables(_ suppression: Suppression) -> [String: LocalizedText] {
        [
            "source": .same(VisibleText.escape(suppression.source)),
            "rule": .same(suppression.rule),
            "reason": .same(VisibleText.escape(suppression.reason)),
            "until": .same(suppression.until ?? ""),
        ]
    }

    static func hit(_ suppression: Suppression) -> CheckHit {
        CheckHit(subject: VisibleText.escape(suppression.source), evidence: evidence(suppression), variables: variables(suppression))
    }
}

/// `suppression-expired`: a suppression past its `until` day that matches findings of the tenant,
/// which come back; one hit per suppression, naming it (subject: its `path:line`).
public struct SuppressionExpiredCheck: SuppressionOutcomeCheck {
    public static let kind = "suppression-expired"
    public static let placeholders: Set<String> = ["source", "rule", "reason", "until", "count"]
    public init(params: RuleParams, catalog: PermissionCatalog) throws { try params.allowOnly([]) }

    public func evaluate(_ context: AuditContext) -> [CheckHit] {
        context.suppressionOutcome.expired.map { expired in
            var hit = SuppressionFacts.hit(expired.suppression)
            hit.evidence["findings"] = .list(expired.subjects.map(EvidenceValue.string))
            hit.variables["count"] = .same(String(expired.subjects.count))
            return hit
        }
    }
}

/// `suppression-unused`: a suppression of the tenant's own `mgaudit.yml` that matched none of its
/// findings (fixed meanwhile, or a typo in `rule`/`subject`/`tenant`).
public struct SuppressionUnusedCheck: SuppressionOutcomeCheck {
    public static let kind = "suppression-unused"
    public static let placeholders: Set<String> = ["source", "rule", "reason", "until"]
    public init(params: RuleParams, catalog: PermissionCatalog) throws { try params.allowOnly([]) }

    public func evaluate(_ context: AuditContext) -> [CheckHit] {
        context.suppressionOutcome.unused.map(SuppressionFacts.hit)
    }
}
