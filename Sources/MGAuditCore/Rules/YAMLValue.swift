import Foundation

/// A free-form YAML value (rule params, example fragments), kept typed so it can be turned into
/// JSON for the manifest parser or decoded into a check's own parameter struct.
/// Quoted scalars stay strings; unquoted `true`/`false` become booleans, numbers become numbers.
public indirect enum YAMLValue: Sendable, Hashable, Codable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case list([YAMLValue])
    case map([String: YAMLValue])

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Int.self) { self = .int(value) }
        else if let value = try? container.decode(Double.self) { self = .double(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([YAMLValue].self) { self = .list(value) }
        else { self = .map(try container.decode([String: YAMLValue].self)) }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .double(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .list(let value): try container.encode(value)
        case .map(let value): try container.encode(value)
        }
    }

    /// JSON text of the value, keys sorted (deterministic).
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(self)
    }

    /// Decodes the value as `T` by way of JSON (the value came from YAML, so it is JSON-shaped).
    public func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONDecoder().decode(type, from: jsonData())
    }

    /// Mappings merge key by key; lists and scalars in `overlay` replace what is here.
    public func merging(_ overlay: YAMLValue) -> YAMLValue {
        guard case .map(let base) = self, case .map(let top) = overlay else { return overlay }
        var merged = base
        for (key, value) in top {
            merged[key] = base[key].map { $0.merging(value) } ?? value
        }
        return .map(merged)
    }

    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }
}
