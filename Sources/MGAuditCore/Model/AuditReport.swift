/// The result of auditing one tenant.
public struct TenantResult: Sendable, Codable, Hashable {
    public var name: String
    public var inputs: [InputFile]
    /// The findings that count: not suppressed.
    public var findings: [Finding]
    /// Findings a suppression in `mgaudit.yml` holds back, with its reason.
    public var suppressed: [SuppressedFinding]
    /// Against a baseline: the baseline's findings of this tenant that are gone now.
    public var fixed: [FixedFinding]
    /// The tenant's client secrets with an end date, for the dashboard's "expiring soonest".
    public var secrets: [SecretEnd]

    public init(name: String, inputs: [InputFile], findings: [Finding], suppressed: [SuppressedFinding] = [],
                fixed: [FixedFinding] = [], secrets: [SecretEnd] = []) {
        self.name = name
        self.inputs = inputs
        self.findings = findings
        self.suppressed = suppressed
        self.fixed = fixed
        self.secrets = secrets
    }

    /// The result of one audited tenant: the assessment's findings (or `findings`, when the caller
    /// changed them, e.g. located them) and what the manifest says of its secrets.
    public init(_ bundle: TenantBundle, _ assessment: Assessment, findings: [Finding]? = nil) {
        self.init(name: bundle.name, inputs: bundle.inputs, findings: findings ?? assessment.findings,
                  suppressed: assessment.suppressed, secrets: SecretEnd.of(bundle.manifest))
    }
}

/// A finding held back by a suppression.
public struct SuppressedFinding: Sendable, Codable, Hashable {
    public var finding: Finding
    public var reason: String
    /// `mgaudit.yml:3`: the file and line of the suppression.
    public var source: String
    /// The suppression's last day, `YYYY-MM-DD`, if it has one.
    public var until: String?
    public init(finding: Finding, reason: String, source: String, until: String? = nil) {
        self.finding = finding
        self.reason = reason
        self.source = source
        self.until = until
    }
}

/// A finding of the baseline run that this run no longer has.
public struct FixedFinding: Sendable, Codable, Hashable {
    public var rule: String
    public var subject: String
    public var severity: Severity
    public var fingerprint: String
    public init(rule: String, subject: String, severity: Severity, fingerprint: String) {
        self.rule = rule
        self.subject = subject
        self.severity = severity
        self.fingerprint = fingerprint
    }
}

/// One client secret's end date (`keyId`, the value's first characters `hint`, the day it ends).
public struct SecretEnd: Sendable, Codable, Hashable {
    public var keyId: String
    public var hint: String?
    public var displayName: String?
    /// `YYYY-MM-DD` (UTC).
    public var ends: String
    public init(keyId: String, hint: String? = nil, displayName: String? = nil, ends: String) {
        self.keyId = keyId
        self.hint = hint
        self.displayName = displayName
        self.ends = ends
    }

    /// The secrets of a manifest that have a readable end date, soonest first.
    public static func of(_ manifest: AppRegistration?) -> [SecretEnd] {
        guard let manifest else { return [] }
        return manifest.passwordCredentials.compactMap { credential in
            guard let end = credential.end else { return nil }
            return SecretEnd(keyId: credential.keyId ?? "", hint: credential.hint, displayName: credential.displayName,
                             ends: EntraDate.day(end))
        }.sorted { ($0.ends, $0.keyId) < ($1.ends, $1.keyId) }
    }
}

public struct SeverityCounts: Sendable, Codable, Hashable {
    public var error: Int
    public var warning: Int
    public var info: Int
    public init(error: Int = 0, warning: Int = 0, info: Int = 0) {
        self.error = error
        self.warning = warning
        self.info = info
    }
    public func adding(_ other: SeverityCounts) -> SeverityCounts {
        SeverityCounts(error: error + other.error, warning: warning + other.warning, info: info + other.info)
    }

    public init(_ findings: some Sequence<Finding>) {
        self.init()
        for finding in findings {
            switch finding.severity {
            case .error: error += 1
            case .warning: warning += 1
            case .info: info += 1
            }
        }
    }
}

/// What `check` and `batch` report; the input of every renderer.
public struct AuditReport: Sendable, Codable, Hashable {
    public static let schemaVersion = 1
    /// The day the audit is "as of", `YYYY-MM-DD` (UTC).
    public var asOf: String
    public var tenants: [TenantResult]
    public init(asOf: String, tenants: [TenantResult]) {
        self.asOf = asOf
        self.tenants = tenants
    }
    public var summary: SeverityCounts { SeverityCounts(tenants.lazy.flatMap(\.findings)) }
}
