/// What was entered in MailGates (管理者モード > 管理 > ユーザ・グループ設定 > OAuth 認証設定).
public struct GatewaySettings: Sendable, Codable, Hashable {
    public var applicationId: String?
    public var clientSecret: SecretValue?
    public init(applicationId: String? = nil, clientSecret: SecretValue? = nil) {
        self.applicationId = applicationId
        self.clientSecret = clientSecret
    }
}

/// A secret value as typed into MailGates. It never reaches an output: descriptions, dumps and
/// encoders only ever see its first three characters (what Entra itself calls the hint).
public struct SecretValue: Sendable, Hashable, Codable, CustomStringConvertible, CustomDebugStringConvertible {
    private let raw: String
    public init(_ raw: String) { self.raw = raw }

    /// Use only for comparisons; never render.
    public func withRawValue<T>(_ body: (String) throws -> T) rethrows -> T { try body(raw) }

    public var hint: String { String(raw.prefix(3)) }
    public var length: Int { raw.count }
    public var description: String { "\(hint)…(\(raw.count) chars, redacted)" }
    public var debugDescription: String { description }

    public init(from decoder: Decoder) throws {
        raw = try decoder.singleValueContainer().decode(String.self)
    }
    /// Encodes the redacted form only.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
