import Foundation

/// Parses JSON input files into an `OrderedJSON` tree (`OrderedJSON.Limits.inputFile`), with
/// errors that name the file and the line.
enum JSONDocument {
    static func parse(_ text: String, path: String) throws(InputError) -> OrderedJSON {
        do {
            return try OrderedJSON.parse(text, file: path, limits: .inputFile)
        } catch {
            throw failure(error.problem, text: text, path: path)
        }
    }

    /// The error for a text the parser refused: empty, cut off, over a bound, or a syntax error at
    /// a line.
    static func failure(_ problem: OrderedJSON.ParseError.Problem, text: String, path: String) -> InputError {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { return InputError(path: path, problem: "is empty") }
        switch problem {
        case .tooLarge, .tooDeep: return InputError(path: path, problem: "refused: \(problem.summary)")
        default: break
        }
        // A file cut off mid-way is the most common case (a partial copy or download).
        if let last = trimmed.last, last != "}" && last != "]" {
            return InputError(path: path, problem: "JSON ends unexpectedly (truncated file?)", line: line(atByte: text.utf8.count, in: text))
        }
        guard let offset = problem.offset else {
            return InputError(path: path, problem: "is not valid JSON: \(problem.summary)", line: line(atByte: text.utf8.count, in: text))
        }
        var what = problem.summary
        if case .unexpected = problem, let character = character(atByte: offset, in: text) { what += " '\(character)'" }
        if case .trailingContent = problem, let character = character(atByte: offset, in: text) { what += " ('\(character)')" }
        return InputError(path: path, problem: "is not valid JSON: \(what)", line: line(atByte: offset, in: text))
    }

    /// The 1-based line the byte at `offset` of the text's UTF-8 is on.
    static func line(atByte offset: Int, in text: String) -> Int {
        var line = 1
        for byte in text.utf8.prefix(max(0, offset)) where byte == 0x0A { line += 1 }
        return line
    }

    /// The character the byte at `offset` starts, as a report shows it (invisible ones as code points).
    static func character(atByte offset: Int, in text: String) -> String? {
        let utf8 = text.utf8
        guard offset >= 0, let index = utf8.index(utf8.startIndex, offsetBy: offset, limitedBy: utf8.endIndex),
              index < utf8.endIndex, let scalar = text.unicodeScalars[index...].first else { return nil }
        return VisibleText.escape(String(scalar), keepInnerSpaces: false)
    }
}
