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

    public init(
        rule: String, severity: Severity, subject: String, title: LocalizedText, message: LocalizedText,
        evidence: [String: EvidenceValue] = [:], guideStep: LocalizedText, fix: LocalizedText? = nil, related: [String] = []
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
    }
}
