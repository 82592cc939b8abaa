/// An input that cannot be used, named with its path and what is wrong: the one-line message a
/// user sees on stderr (exit 2) or in a report's `input-unreadable` finding.
public struct InputError: Error, Sendable, Hashable, CustomStringConvertible {
    public var path: String
    public var problem: String
    /// 1-based line, when known (JSON/YAML syntax errors).
    public var line: Int?
    public init(path: String, problem: String, line: Int? = nil) {
        self.path = path
        self.problem = problem
        self.line = line
    }
    public var description: String {
        if let line { return "\(path):\(line): \(problem)" }
        return "\(path): \(problem)"
    }
}

/// A command used wrongly (unknown option value, nothing to do): exit 2.
public struct UsageError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
