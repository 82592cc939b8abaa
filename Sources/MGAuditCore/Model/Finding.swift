public enum Severity: String, Sendable, Codable, Hashable, CaseIterable, Comparable {
    case error
    case warning
    case info

    private var rank: Int {
        switch self {
        case .error: 2
        case .warning: 1
        case .info: 0
        }
    }
    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// Structured, JSON-shaped evidence. Object keys are emitted sorted so output is deterministic.
public indirect enum EvidenceValue: Sendable, Hashable, Codable {
    case string(String)
    case int(Int)
    case bool(Bool)
    case list([EvidenceValue])
    case object([String: EvidenceValue])
    case null

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Int.self) { self = .int(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([EvidenceValue].self) { self = .list(value) }
        else { self = .object(try container.decode([String: EvidenceValue].self)) }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .bool(let value): try container.encode(value)
        case .list(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        case .null: try container.encodeNil()
        }
    }

    /// The value as plain text, for message templates.
    public var plainText: String {
        switch self {
        case .string(let value): value
        case .int(let value): String(value)
        case .bool(let value): value ? "true" : "false"
        case .list(let values): values.map(\.plainText).joined(separator: ", ")
        case .object(let object): object.keys.sorted().map { "\($0)=\(object[$0]?.plainText ?? "")" }.joined(separator: ", ")
        case .null: ""
        }
    }
}

/// The names of the two strings a finding compares (evidence `expected`/`actual`): short for a
/// terminal line, long for a report block.
public struct FindingComparison: Sendable, Codable, Hashable {
    public var expected: LocalizedText
    public var actual: LocalizedText
    public var expectedLong: LocalizedText
    public var actualLong: LocalizedText
    public init(expected: LocalizedText, actual: LocalizedText, expectedLong: LocalizedText, actualLong: LocalizedText) {
        self.expected = expected
        self.actual = actual
        self.expectedLong = expectedLong
        self.actualLong = actualLong
    }
}

/// One problem found by one rule. Text is carried in both languages; renderers pick one.
public struct Finding: Sendable, Codable, Hashable {
    public var rule: String
    public var severity: Severity
    /// What the finding is about: a URI, a credential key id, a permission name, a file.
    public var subject: String
    public var title: LocalizedText
    public var message: LocalizedText
    public var evidence: [String: EvidenceValue]
    /// The setup-guide step that fixes it, e.g. 「OAuth クライアントID作成手順 7」.
    public var guideStep: LocalizedText
    /// What to do, quoting the portal's labels (from the rule pack); nil when the rule says nothing.
    public var fix: LocalizedText?
    /// Rules that saw the same problem and whose findings were folded into this one (ids, sorted).
    public var related: [String]
    /// Stable across runs: tenant, rule and subject only (`Fingerprint`); set by the engine.
    public var fingerprint: String
    /// Against a baseline run: new or unchanged; nil when no baseline was given.
    public var change: FindingChange?
    /// Where in which input the offending value is, when it can be found (SARIF locations).
    public var location: SourceLocation?
    /// Which value of the finding's character diff is the right one and which the one to fix,
    /// named for any renderer to draw (triage sets it from `aadsts-wordings.yaml`); nil when the
    /// finding compares nothing.
    public var comparison: FindingComparison?
    /// The commands that fix it, per tool (`mgaudit fix`'s scripts), set after the engine by
    /// `FixCommands.attach`; nil when no command fixes it.
    public var commands: FindingCommands?

    public init(
        rule: String, severity: Severity, subject: String, title: LocalizedText, message: LocalizedText,
        evidence: [String: EvidenceValue] = [:], guideStep: LocalizedText, fix: LocalizedText? = nil, related: [String] = [],
        fingerprint: String = "", change: FindingChange? = nil, location: SourceLocation? = nil
    ) {
        self.rule = rule
        self.severity = severity
        self.subject = subject
        self.title = title
        self.message = message
        self.evidence = evidence
        self.guideStep = guideStep
        self.fix = fix
        self.related = related
        self.fingerprint = fingerprint
        self.change = change
        self.location = location
    }
}

/// The commands of `mgaudit fix --format az|powershell|graph` that fix one finding, in both
/// languages (their comments are localised). Printed for review, never run.
public struct FindingCommands: Sendable, Codable, Hashable {
    public var az: LocalizedText
    public var powershell: LocalizedText
    public var graph: LocalizedText
    public init(az: LocalizedText, powershell: LocalizedText, graph: LocalizedText) {
        self.az = az
        self.powershell = powershell
        self.graph = graph
    }
}

/// A finding compared with the same tenant's findings in a baseline run (`--baseline`).
public enum FindingChange: String, Sendable, Codable, Hashable {
    case new
    case unchanged
}

/// An input file of the tenant and, when the offending value was found in it, its 1-based line.
public struct SourceLocation: Sendable, Codable, Hashable {
    public var path: String
    public var line: Int?
    public init(path: String, line: Int? = nil) {
        self.path = path
        self.line = line
    }
}

/// The stable identity of a finding across runs: FNV-1a (64-bit) over the tenant name, the rule id
/// and the subject, as 16 lowercase hex digits. Wording, severity, evidence and position do not
/// enter it, so rewording a rule or reordering inputs keeps it. Not a security hash.
public enum Fingerprint {
    public static func of(tenant: String, rule: String, subject: String, occurrence: Int = 1) -> String {
        // The same rule and subject twice in one tenant (rare): the second one gets its own identity.
        let parts = occurrence > 1 ? [tenant, rule, subject, String(occurrence)] : [tenant, rule, subject]
        let hex = String(hash(parts), radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// FNV-1a (64-bit) over the UTF-8 of `parts`, separated by U+001F. Also `--shard`'s hash.
    public static func hash(_ parts: [String]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for (index, part) in parts.enumerated() {
            if index > 0 {
                hash ^= 0x1F
                hash = hash &* 0x0000_0100_0000_01b3
            }
            for byte in part.utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01b3
            }
        }
        return hash
    }

    /// Sets `fingerprint` on every finding of one tenant.
    public static func assign(_ findings: inout [Finding], tenant: String) {
        var seen: [String: Int] = [:]
        for index in findings.indices {
            let key = findings[index].rule + "\u{1F}" + findings[index].subject
            let occurrence = (seen[key] ?? 0) + 1
            seen[key] = occurrence
            findings[index].fingerprint = of(tenant: tenant, rule: findings[index].rule,
                                             subject: findings[index].subject, occurrence: occurrence)
        }
    }
}
