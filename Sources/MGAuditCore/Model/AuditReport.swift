/// The result of auditing one tenant.
public struct TenantResult: Sendable, Codable, Hashable {
    public var name: String
    public var inputs: [InputFile]
    public var findings: [Finding]
    public init(name: String, inputs: [InputFile], findings: [Finding]) {
        self.name = name
        self.inputs = inputs
        self.findings = findings
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
