import Foundation

/// One entry of `suppressions:` in an `mgaudit.yml`: findings of `rule` (in tenants matching
/// `tenant`, about `subject` when given) are held back with `reason` until `until` (inclusive).
/// Reasons are required so that every finding kept out of a report says why and who decided it.
public struct Suppression: Sendable, Codable, Hashable {
    /// Where the suppression applies, which also decides who reports it when it matched nothing.
    public enum Scope: String, Sendable, Codable, Hashable {
        /// The run's file (`mgaudit.yml` next to the tenant folders, or `--suppressions FILE`):
        /// applies to every tenant its glob matches; the runner reports it when unused in the whole run.
        case run
        /// A tenant folder's own `mgaudit.yml`: applies to that tenant only; unused is a finding there.
        case tenant
    }

    public var rule: String
    /// A glob over tenant names (`*` any run, `?` one character); nil: every tenant.
    public var tenant: String?
    /// Only findings with exactly this subject; nil: every finding of the rule.
    public var subject: String?
    public var reason: String
    /// The last day the suppression holds, `YYYY-MM-DD` (UTC), inclusive; nil: no end.
    public var until: String?
    /// The file the entry is in, as given (relative paths stay relative).
    public var path: String
    /// 1-based line of the entry.
    public var line: Int
    public var scope: Scope

    public init(rule: String, tenant: String? = nil, subject: String? = nil, reason: String, until: String? = nil,
                path: String, line: Int, scope: Scope) {
        self.rule = rule
        self.tenant = tenant
        self.subject = subject
        self.reason = reason
        self.until = until
        self.path = path
        self.line = line
        self.scope = scope
    }

    /// `path:line`: how reports, stderr and `SuppressedFinding.source` name the entry.
    public var source: String { "\(path):\(line)" }

    /// Whether the suppression is about this finding of this tenant, whatever the date.
    public func matches(_ finding: Finding, tenant name: String) -> Bool {
        guard finding.rule == rule else { return false }
        if let subject, finding.subject != subject { return false }
        if let tenant, !TenantGlob.matches(tenant, name) { return false }
        return true
    }

    /// Whether it still holds on `day` (`YYYY-MM-DD`): through its `until` day, inclusive.
    /// Calendar days in this form compare as text.
    public func isActive(onDay day: String) -> Bool {
        guard let until else { return true }
        return day <= until
    }

    /// The entry as reports name it (unused, expired).
    public var note: SuppressionNote {
        SuppressionNote(source: source, rule: rule, tenant: tenant, subject: subject, reason: reason, until: until)
    }
}

/// Globs over tenant names: `*` matches any run of characters (also none), `?` exactly one, every
/// other character itself (case-sensitive). No character classes and no regular expression built
/// from input: the pattern comes from a file people edit.
public enum TenantGlob {
    /// The longest pattern accepted (`SuppressionFile` refuses longer ones), which bounds the work.
    public static let maximumLength = 256

    /// Iterative matching with one backtrack point (the last `*`): no recursion, at most
    /// pattern × name steps, and both are short (tenant names are folder names).
    public static func matches(_ pattern: String, _ name: String) -> Bool {
        let pattern = Array(pattern)
        let name = Array(name)
        var p = 0, n = 0
        var star: Int?  // index in pattern just after the last `*`
        var resume = 0  // where in name that `*` would take one more character from
        while n < name.count {
            if p < pattern.count, pattern[p] == "*" {
                p += 1
                star = p
                resume = n
            } else if p < pattern.count, pattern[p] == "?" || pattern[p] == name[n] {
                p += 1
                n += 1
            } else if let star {
                // The last `*` takes one more character; retry the rest of the pattern from there.
                resume += 1
                n = resume
                p = star
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }
}
