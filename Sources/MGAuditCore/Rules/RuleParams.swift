import Foundation

/// A check kind's parameters as written under `params:` of a rule. Typed getters throw
/// `ParamError`, which the loader turns into an `InputError` naming the pack file and line.
public struct RuleParams: Sendable, Hashable {
    public var values: [String: YAMLValue]
    public init(_ values: [String: YAMLValue] = [:]) { self.values = values }

    public subscript(key: String) -> YAMLValue? { values[key] }

    public func string(_ key: String, default fallback: String? = nil) throws -> String {
        switch values[key] {
        case .string(let value)?: return value
        case nil, .null?:
            if let fallback { return fallback }
            throw ParamError("parameter '\(key)' is required")
        default: throw ParamError("parameter '\(key)' must be a string")
        }
    }

    public func int(_ key: String, default fallback: Int? = nil) throws -> Int {
        switch values[key] {
        case .int(let value)?: return value
        case nil, .null?:
            if let fallback { return fallback }
            throw ParamError("parameter '\(key)' is required")
        default: throw ParamError("parameter '\(key)' must be a whole number")
        }
    }

    public func strings(_ key: String, default fallback: [String]? = nil) throws -> [String] {
        switch values[key] {
        case .list(let items)?:
            return try items.map { item in
                guard let text = item.stringValue else { throw ParamError("parameter '\(key)' must be a list of strings") }
                return text
            }
        case nil, .null?:
            if let fallback { return fallback }
            throw ParamError("parameter '\(key)' is required")
        default: throw ParamError("parameter '\(key)' must be a list of strings")
        }
    }

    /// Decodes a structured parameter (e.g. a list of `{name, type}`) into the check's own type.
    public func decode<T: Decodable>(_ type: T.Type, _ key: String, default fallback: T? = nil) throws -> T {
        guard let value = values[key], value != .null else {
            if let fallback { return fallback }
            throw ParamError("parameter '\(key)' is required")
        }
        do {
            return try value.decode(type)
        } catch {
            throw ParamError("parameter '\(key)' has the wrong shape (\(ParamError.describe(error)))")
        }
    }

    /// Rejects parameters the check does not know, so a typo in a copied pack does not pass silently.
    public func allowOnly(_ keys: Set<String>) throws {
        if let unknown = values.keys.sorted().first(where: { !keys.contains($0) }) {
            let known = keys.isEmpty ? "none" : keys.sorted().joined(separator: ", ")
            throw ParamError("unknown parameter '\(unknown)' (known: \(known))")
        }
    }
}

/// A parameter of a rule that a check cannot use.
public struct ParamError: Error, Sendable, Hashable, CustomStringConvertible {
    public var problem: String
    public init(_ problem: String) { self.problem = problem }
    public var description: String { problem }

    static func describe(_ error: Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): "missing '\(key.stringValue)'"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context),
             DecodingError.dataCorrupted(let context): context.debugDescription
        default: "\(error)"
        }
    }
}
