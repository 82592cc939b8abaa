import Foundation

/// Parses JSON exports into Foundation values, with errors that name the file and, when the
/// parser says so, the line.
enum JSONDocument {
    static func parse(_ text: String, path: String) throws -> Any {
        do {
            return try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
        } catch {
            let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String
            try fail(text: text, path: path, detail: detail)
        }
    }

    private static func fail(text: String, path: String, detail: String?) throws -> Never {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count
        if trimmed.isEmpty { throw InputError(path: path, problem: "is empty") }
        // A file cut off mid-way is the most common case (a partial copy or download).
        if let last = trimmed.last, last != "}" && last != "]" {
            throw InputError(path: path, problem: "JSON ends unexpectedly (truncated file?)", line: lines)
        }
        var problem = "is not valid JSON"
        var line: Int?
        if let detail {
            problem += ": \(detail)"
            if let range = detail.range(of: #"line (\d+)"#, options: .regularExpression) {
                line = Int(detail[range].dropFirst(5))
            }
        }
        throw InputError(path: path, problem: problem, line: line)
    }
}

/// Small typed accessors over `[String: Any]` so parsers read like the shape they expect.
extension Dictionary where Key == String, Value == Any {
    func string(_ key: String) -> String? { self[key] as? String }
    func bool(_ key: String) -> Bool? {
        if let value = self[key] as? Bool { return value }
        if let number = self[key] as? NSNumber { return number.boolValue }
        return nil
    }
    func object(_ key: String) -> [String: Any]? { self[key] as? [String: Any] }
    func objects(_ key: String) -> [[String: Any]] { (self[key] as? [Any])?.compactMap { $0 as? [String: Any] } ?? [] }
    func strings(_ key: String) -> [String] { (self[key] as? [Any])?.compactMap { $0 as? String } ?? [] }
}
