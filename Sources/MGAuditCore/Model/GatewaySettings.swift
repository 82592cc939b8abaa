import Foundation

/// What was entered in MailGates (管理者モード > 管理 > ユーザ・グループ設定 > OAuth 認証設定).
/// An 「アプリケーションID」 that looks like a secret (the secret's value pasted into the ID field)
/// is treated as one: descriptions and encoders show only its first three characters.
public struct GatewaySettings: Sendable, Codable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    public var applicationId: String?
    public var clientSecret: SecretValue?
    public init(applicationId: String? = nil, clientSecret: SecretValue? = nil) {
        self.applicationId = applicationId
        self.clientSecret = clientSecret
    }

    /// Whether a value typed as the application ID has the shape of a client secret or a token.
    public static func looksLikeSecret(_ applicationId: String) -> Bool {
        Redaction.looksLikeSecret(applicationId.trimmedEnds(in: .whitespacesAndNewlines))
    }

    /// The application ID as it may be shown: masked (`Qx7…(40 chars, redacted)`) when it looks like a secret.
    public var shownApplicationId: String? {
        applicationId.map { Self.looksLikeSecret($0) ? SecretValue($0).description : $0 }
    }

    public var description: String {
        "GatewaySettings(applicationId: \(shownApplicationId ?? "nil"), clientSecret: \(clientSecret?.description ?? "nil"))"
    }
    public var debugDescription: String { description }

    private enum CodingKeys: String, CodingKey { case applicationId, clientSecret }

    /// Encodes the masked application ID when it looks like a secret.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(shownApplicationId, forKey: .applicationId)
        try container.encodeIfPresent(clientSecret, forKey: .clientSecret)
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
