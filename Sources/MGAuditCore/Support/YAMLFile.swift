import Foundation
import Yams

/// Decodes YAML data files (rule packs, catalogs, sheets) with errors that name the file and line.
public enum YAMLFile {
    public static func decode<T: Decodable>(_ type: T.Type, from url: URL) throws -> T {
        let (text, _) = try TextDecoding.read(url, allowShiftJIS: false)
        return try decode(type, from: text, path: url.path)
    }

    public static func decode<T: Decodable>(_ type: T.Type, from text: String, path: String) throws -> T {
        let node: Node
        do {
            guard let composed = try Yams.compose(yaml: text) else {
                throw InputError(path: path, problem: "is empty")
            }
            node = composed
        } catch let error as InputError {
            throw error
        } catch let error as YamlError {
            throw inputError(from: error, path: path)
        } catch {
            throw InputError(path: path, problem: "is not valid YAML")
        }
        do {
            return try YAMLDecoder().decode(type, from: node)
        } catch let error as DecodingError {
            throw inputError(from: error, root: node, path: path)
        } catch let error as InputError {
            throw error
        } catch {
            throw InputError(path: path, problem: "\(error)")
        }
    }

    static func inputError(from error: YamlError, path: String) -> InputError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return InputError(path: path, problem: "YAML syntax error: \(problem) (column \(mark.column))", line: mark.line)
        case .duplicatedKeysInMapping(let duplicates, _):
            return InputError(path: path, problem: "duplicate keys \(duplicates.joined(separator: ", "))")
        default:
            return InputError(path: path, problem: "is not valid YAML")
        }
    }

    static func inputError(from error: DecodingError, root: Node, path: String) -> InputError {
        let (codingPath, problem): ([CodingKey], String) = switch error {
        case .keyNotFound(let key, let context): (context.codingPath + [key], "required key '\(key.stringValue)' is missing")
        case .typeMismatch(_, let context): (context.codingPath, context.debugDescription)
        case .valueNotFound(_, let context): (context.codingPath, context.debugDescription)
        case .dataCorrupted(let context): (context.codingPath, context.debugDescription)
        @unknown default: ([], "cannot be decoded")
        }
        let location = codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        let line = deepestMark(in: root, along: codingPath)?.line
        let at = location.isEmpty ? "" : " at \(location.hasPrefix(".") ? String(location.dropFirst()) : location)"
        return InputError(path: path, problem: "\(problem)\(at)", line: line)
    }

    /// Follows the coding path into the node tree as far as it goes, for the line to report.
    static func deepestMark(in root: Node, along codingPath: [CodingKey]) -> Mark? {
        var node = root
        var mark = root.mark
        for key in codingPath {
            let next: Node? = if let index = key.intValue, case .sequence(let sequence) = node,
                                 sequence.indices.contains(index) { sequence[index] } else { node[key.stringValue] }
            guard let next else { break }
            node = next
            mark = next.mark ?? mark
        }
        return mark
    }
}
