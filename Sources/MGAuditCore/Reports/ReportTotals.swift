/// What spans tenants, handed to every renderer's `end` (and `overview`): counts, and the few
/// bounded lists the dashboard shows. Its size does not grow with the number of tenants.
public struct ReportTotals: Sendable, Hashable {
    /// How many entries the "worst tenants" and "secrets expiring soonest" lists keep.
    public static let listLimit = 20

    public var tenants = 0
    public var tenantsWithFindings = 0
    public var counts = SeverityCounts()
    /// Rule id -> how many findings and in how many tenants (bounded by the pack's rules).
    public var byRule: [String: RuleTally] = [:]
    /// The findings marked `new` against the baseline, by severity (`--fail-on-new`).
    public var newCounts = SeverityCounts()
    public var fixed = 0
    public var suppressed = 0
    /// Worst first: most errors, then warnings, then info, then name.
    public private(set) var worstTenants: [TenantTally] = []
    /// Soonest first (already ended ones first of all).
    public private(set) var soonestSecrets: [TenantSecret] = []
    /// Suppressions of the run (`mgaudit.yml` at the root, `--suppressions`) that matched nothing.
    public var unusedSuppressions: [SuppressionNote] = []

    public init() {}

    /// How many findings are new against the baseline.
    public var new: Int { newCounts.error + newCounts.warning + newCounts.info }

    /// The totals of a whole report, positions in order.
    public init(_ tenants: [TenantResult]) {
        for (position, tenant) in tenants.enumerated() { add(tenant, position: position) }
    }

    public struct RuleTally: Sendable, Hashable {
        public var findings = 0
        public var tenants = 0
        public var severity: Severity
        public init(severity: Severity) { self.severity = severity }
    }

    public struct TenantTally: Sendable, Hashable {
        public var name: String
        public var position: Int
        public var counts: SeverityCounts
    }

    public struct TenantSecret: Sendable, Hashable {
        public var tenant: String
        public var position: Int
        public var secret: SecretEnd
    }

    public mutating func add(_ tenant: TenantResult, position: Int) {
        tenants += 1
        let tenantCounts = SeverityCounts(tenant.findings)
        counts = counts.adding(tenantCounts)
        if !tenant.findings.isEmpty { tenantsWithFindings += 1 }
        var rulesSeen: Set<String> = []
        for finding in tenant.findings {
            byRule[finding.rule, default: RuleTally(severity: finding.severity)].findings += 1
            if rulesSeen.insert(finding.rule).inserted { byRule[finding.rule]?.tenants += 1 }
        }
        newCounts = newCounts.adding(SeverityCounts(tenant.findings.lazy.filter { $0.change == .new }))
        fixed += tenant.fixed.count
        suppressed += tenant.suppressed.count
        if tenantCounts.error + tenantCounts.warning + tenantCounts.info > 0 {
            Self.insert(TenantTally(name: tenant.name, position: position, counts: tenantCounts), into: &worstTenants) { a, b in
                (b.counts.error, b.counts.warning, b.counts.info, a.name) < (a.counts.error, a.counts.warning, a.counts.info, b.name)
            }
        }
        for secret in tenant.secrets {
            Self.insert(TenantSecret(tenant: tenant.name, position: position, secret: secret), into: &soonestSecrets) { a, b in
                (a.secret.ends, a.tenant, a.secret.keyId) < (b.secret.ends, b.tenant, b.secret.keyId)
            }
        }
    }

    /// Keeps `list` sorted by `before` and at most `listLimit` long: one insertion, no re-sort.
    private static func insert<T>(_ item: T, into list: inout [T], before: (T, T) -> Bool) {
        if list.count == listLimit, let last = list.last, !before(item, last) { return }
        let index = list.firstIndex { before(item, $0) } ?? list.endIndex
        list.insert(item, at: index)
        if list.count > listLimit { list.removeLast() }
    }

    /// Rule ids by descending finding count, then id.
    public var rulesByCount: [(rule: String, tally: RuleTally)] {
        byRule.map { ($0.key, $0.value) }.sorted { ($1.tally.findings, $0.rule) < ($0.tally.findings, $1.rule) }
    }
}

/// A suppression named in a report (unused, expired): where it is and what it was for.
public struct SuppressionNote: Sendable, Codable, Hashable {
    /// `path:line` of the entry.
    public var source: String
    public var rule: String
    public var tenant: String?
    public var subject: String?
    public var reason: String
    public var until: String?
    public init(source: String, rule: String, tenant: String? = nil, subject: String? = nil, reason: String, until: String? = nil) {
        self.source = source
        self.rule = rule
        self.tenant = tenant
        self.subject = subject
        self.reason = reason
        self.until = until
    }
}
