import Foundation

/// One tenant audited with its suppressions applied (`RuleEngine.assess`).
public struct Assessment: Sendable, Hashable {
    /// The findings that count, with the `suppression-expired` / `suppression-unused` ones.
    public var findings: [Finding]
    /// Findings an active suppression held back, with its reason, source and last day.
    public var suppressed: [SuppressedFinding]
    /// `Suppression.source` of every suppression that matched a finding of this tenant (held it
    /// back, or expired and let it through). A runner unions these over its tenants to find the
    /// run-scope suppressions that matched nothing (`Suppression.unusedRunNotes`).
    public var usedSuppressions: Set<String>

    public init(findings: [Finding], suppressed: [SuppressedFinding] = [], usedSuppressions: Set<String> = []) {
        self.findings = findings
        self.suppressed = suppressed
        self.usedSuppressions = usedSuppressions
    }
}

/// Applying suppressions to one tenant's findings.
enum SuppressionStep {
    struct Applied {
        var kept: [Finding] = []
        var suppressed: [SuppressedFinding] = []
        var used: Set<String> = []
        var outcome = SuppressionOutcome()
    }

    /// A finding matching a suppression active on `day` is held back by the first such entry; one
    /// matching only expired entries is kept, and each of those entries is reported once
    /// (`outcome.expired`). Tenant-scope entries that matched nothing are `outcome.unused`.
    static func apply(_ suppressions: [Suppression], to findings: [Finding], tenant: String, day: String) -> Applied {
        var applied = Applied()
        guard !suppressions.isEmpty else {
            applied.kept = findings
            return applied
        }
        let byRule = Dictionary(grouping: suppressions, by: \.rule)
        var expiredSubjects: [String: [String]] = [:]  // source -> subjects let through
        for finding in findings {
            let matching = (byRule[finding.rule] ?? []).filter { $0.matches(finding, tenant: tenant) }
            applied.used.formUnion(matching.map(\.source))
            if let active = matching.first(where: { $0.isActive(onDay: day) }) {
                applied.suppressed.append(SuppressedFinding(finding: finding, reason: active.reason, source: active.source, until: active.until))
                continue
            }
            applied.kept.append(finding)
            for expired in matching { expiredSubjects[expired.source, default: []].append(finding.subject) }
        }
        var seen: Set<String> = []
        for suppression in suppressions where seen.insert(suppression.source).inserted {
            if let subjects = expiredSubjects[suppression.source] {
                applied.outcome.expired.append(.init(suppression: suppression, subjects: subjects))
            } else if suppression.scope == .tenant, !applied.used.contains(suppression.source) {
                applied.outcome.unused.append(suppression)
            }
        }
        return applied
    }
}

extension RuleEngine {
    /// Throws for the first suppression whose `rule` is no rule of the pack (naming its file,
    /// line and the id, with the closest id when one is a typo away), or is a rule about
    /// suppressions themselves. For the run's files, checked once before any tenant is audited.
    public func validate(_ suppressions: [Suppression]) throws {
        for suppression in suppressions {
            if let problem = problem(with: suppression) {
                throw InputError(path: suppression.path, problem: problem, line: suppression.line)
            }
        }
    }

    /// The bundle with every tenant-scope suppression `validate` would refuse moved to an
    /// `unreadable` input problem of its file (exit 2, `input-unreadable`), so that a tenant
    /// folder's typo is reported like any broken input. `assess` does it too; a runner calls it
    /// first when it records the run's problems from the bundle. Run-scope entries are the
    /// runner's to `validate` once for the run (one it did not would match nothing: unused).
    public func validated(_ bundle: TenantBundle) -> TenantBundle {
        var bundle = bundle
        bundle.suppressions = bundle.suppressions.filter { suppression in
            guard suppression.scope == .tenant, let problem = problem(with: suppression) else { return true }
            let error = InputError(path: suppression.path, problem: problem, line: suppression.line)
            let item = InputProblem(path: suppression.path, kind: .unreadable, detail: SuppressionFile.detail(error))
            if !bundle.problems.contains(item) { bundle.problems.append(item) }
            if let index = bundle.inputs.firstIndex(where: { $0.path == suppression.path }) { bundle.inputs[index].kind = .unreadable }
            return false
        }
        return bundle
    }

    private func problem(with suppression: Suppression) -> String? {
        guard let allowed = suppressible[suppression.rule] else {
            let id = VisibleText.escape(suppression.rule)
            let hint = SuppressionFile.closest(to: suppression.rule, among: pack.rules.map(\.id)).map { " (did you mean '\($0)'?)" } ?? ""
            return "suppression of rule '\(id)', which is not a rule of the pack\(hint)"
        }
        // Their findings are made after suppressing: an entry for them could never match.
        guard allowed else {
            return "rule '\(suppression.rule)' reports on suppressions themselves and cannot be suppressed; fix or remove the entry it names"
        }
        return nil
    }
}

extension Suppression {
    /// The run-scope suppressions that matched no finding in any tenant of the run, given the
    /// union of every tenant's `Assessment.usedSuppressions`; once each, in file order.
    public static func unusedRunNotes(_ suppressions: [Suppression], used: Set<String>) -> [SuppressionNote] {
        var seen: Set<String> = []
        return suppressions.filter { $0.scope == .run && !used.contains($0.source) && seen.insert($0.source).inserted }.map(\.note)
    }
}

extension SuppressionNote {
    /// The stderr warning for an unused run-scope suppression, without the program name:
    /// `warning: mgaudit.yml:7: suppression (rule consent-unknown) matched no finding`.
    public var unusedWarning: String {
        "warning: \(VisibleText.escape(source)): suppression (rule \(VisibleText.escape(rule))) matched no finding"
    }
}
