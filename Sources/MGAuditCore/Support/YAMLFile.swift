import Foundation
internal import CYaml
import Yams

/// The one way YAML is read (input files, rule packs, catalogs): the subset reader first
/// (`YAMLSubset`, below), else a bounded event scan and then Yams, with errors that name the file
/// and line.
///
/// Yams expands every alias when it builds values (and hashes alias keys when it checks a mapping
/// for duplicates), so a few hundred bytes of nested aliases ("billion laughs") take minutes and
/// gigabytes. Before Yams sees the text, `scan` walks libyaml's event stream (libyaml is the parser
/// inside Yams; its scanner is iterative and linear) and counts what the document would expand to:
/// aliases, nesting depth, and nodes with every alias counted as the nodes it stands for. A document
/// over a bound is refused without anything being built.
///
/// Before both, `YAMLSubset` reads the plain YAML our files are made of in one linear pass and
/// builds the tree Yams would (marks, tags and styles included), counting against the same limits;
/// for anything outside its subset, over a limit or invalid it declines, and the scan and Yams
/// read the text as they always did, so errors and refusals are theirs.
public enum YAMLFile {
    public struct Limits: Sendable, Hashable {
        /// UTF-8 bytes of the text.
        public var maximumBytes: Int
        /// Collections nested inside each other.
        public var maximumDepth: Int
        /// Alias references (`*name`); 0 refuses every alias.
        public var maximumAliases: Int
        /// Nodes after alias expansion (each alias counts as the nodes of what it names).
        public var maximumNodes: Int

        public init(maximumBytes: Int, maximumDepth: Int, maximumAliases: Int, maximumNodes: Int) {
            self.maximumBytes = maximumBytes
            self.maximumDepth = maximumDepth
            self.maximumAliases = maximumAliases
            self.maximumNodes = maximumNodes
        }

        /// Files people send (settings, the YAML sheet): small, and never need an alias.
        public static let inputFile = Limits(maximumBytes: 1024 * 1024, maximumDepth: 32, maximumAliases: 0, maximumNodes: 100_000)
        /// Rule packs and catalogs: larger, and may share parameters with a few anchors and aliases.
        public static let rulePack = Limits(maximumBytes: 8 * 1024 * 1024, maximumDepth: 64, maximumAliases: 256, maximumNodes: 1_000_000)
        /// YAML-shaped files that are none of ours: never built, only scanned, so that an alias bomb
        /// is refused rather than passed over. A megabyte of YAML cannot hold a million nodes
        /// without aliases.
        public static let otherFile = Limits(maximumBytes: 1024 * 1024, maximumDepth: 1000, maximumAliases: .max, maximumNodes: 1_000_000)
    }

    /// What the event scan saw.
    public struct Shape: Sendable, Hashable {
        public var aliases = 0
        public var depth = 0
        /// Nodes with aliases expanded.
        public var nodes = 0
    }

    /// A scanned document: within the limits, or not valid YAML (the syntax error, with its line).
    public enum Scan: Sendable, Hashable {
        case valid(Shape)
        case invalid(InputError)
    }

    // MARK: Decoding

    public static func decode<T: Decodable>(_ type: T.Type, from url: URL, limits: Limits = .rulePack) throws -> T {
        let (text, _) = try TextDecoding.read(url, allowShiftJIS: false)
        return try decode(type, from: text, path: url.path, limits: limits)
    }

    public static func decode<T: Decodable>(_ type: T.Type, from text: String, path: String, limits: Limits) throws -> T {
        try decode(type, from: compose(text, path: path, limits: limits), path: path)
    }

    /// Decodes a node tree that `compose` returned.
    public static func decode<T: Decodable>(_ type: T.Type, from node: Node, path: String,
                                            userInfo: [CodingUserInfoKey: any Sendable] = [:]) throws -> T {
        do {
            return try YAMLNodeDecoder(node: node, userInfo: userInfo).value(type)
        } catch let error as DecodingError {
            throw inputError(from: error, root: node, path: path)
        } catch let error as InputError {
            throw error
        } catch {
            throw InputError(path: path, problem: "\(error)")
        }
    }

    // MARK: Composing

    /// The document's node tree, after the bounded scan. Throws `InputError` for an empty, invalid
    /// or refused document.
    public static func compose(_ text: String, path: String, limits: Limits) throws -> Node {
        // The plain YAML of our files is read in one linear pass (the same node tree, marks
        // included); anything else, and every error and refusal, takes the scan and Yams.
        if let subset = YAMLSubset.compose(text, limits: limits, resolver: .basic) { return subset.node }
        if case .invalid(let error) = try eventScan(text, path: path, limits: limits) { throw error }
        do {
            // UTF-8 named rather than `.default`, which reads the whole process environment on
            // every call (YAMS_DEFAULT_ENCODING) and is UTF-8 for native strings anyway.
            // `Resolver.basic`: no implicit tags. Decoding reads scalars by their text
            // (`Bool.construct`, `Int.construct`, `NSNull.construct` look at the string and style,
            // not the resolved tag), so nothing decoded changes; but Yams resolves the tag of every
            // key it looks up against seven regular expressions, which with `.default` was a tenth
            // of a batch run. `loadIfValid`, which hands out untyped values, keeps `.default`.
            guard let composed = try Yams.compose(yaml: text, .basic, .default, .utf8) else {
                throw InputError(path: path, problem: "is empty")
            }
            return composed
        } catch let error as InputError {
            throw error
        } catch let error as YamlError {
            throw inputError(from: error, path: path)
        } catch {
            throw InputError(path: path, problem: "is not valid YAML")
        }
    }

    /// A YAML mapping's top-level pairs, for recognising small input files by their keys: each
    /// key as Yams makes it a String, with its value when Yams' values (`Yams.load`) make that a
    /// String, else nil. nil when the text is not valid YAML or not a mapping (or is a `!!set`).
    /// Refusals are thrown.
    ///
    /// The pairs `Yams.load(yaml:) as? [String: Any]` was made of, in file order with `<<` merges
    /// first as Yams puts them, a key written twice twice (a dictionary kept the last). Without
    /// building values: a key that is not a scalar (`? [a, b]`), on which Yams' conversion
    /// traps, is left out.
    public static func topLevelFields(_ text: String, path: String, limits: Limits = .inputFile) throws -> [(key: String, text: String?)]? {
        let node: Node
        if let subset = YAMLSubset.compose(text, limits: limits, resolver: .default, resolvesValues: true) {
            node = subset.node
        } else {
            guard case .valid = try eventScan(text, path: path, limits: limits),
                  let composed = try? Yams.compose(yaml: text, .default, .default, .utf8) else { return nil }
            node = composed
        }
        guard case .mapping(let mapping) = node, node.tag.rawValue != Tag.Name.set.rawValue else { return nil }
        return flattened(mapping).compactMap { key, value in String.construct(from: key).map { ($0, stringValue(value)) } }
    }

    /// A mapping's pairs with its `<<` merge keys expanded, as Yams' `Node.Mapping.flatten`
    /// orders them: merged pairs first (of a merged sequence, the last mapping first), then the
    /// mapping's own. Linear in the nodes: an alias is a node the subset reader and the event
    /// scan already counted.
    private static func flattened(_ mapping: Node.Mapping) -> [(key: Node, value: Node)] {
        var merged: [(key: Node, value: Node)] = []
        var own: [(key: Node, value: Node)] = []
        for pair in mapping {
            guard pair.key.tag.rawValue == Tag.Name.merge.rawValue else {
                own.append(pair)
                continue
            }
            switch pair.value {
            case .mapping(let inner): merged += flattened(inner)
            case .sequence(let items):
                for case .mapping(let inner) in items.reversed() { merged += flattened(inner) }
            default: continue
            }
        }
        return merged + own
    }

    /// The value Yams' default constructor makes of `node` when it is a String: a scalar whose
    /// tag has no constructor, or whose constructor declines it (`99999999999999999999` as an
    /// int); nil for every other scalar, a mapping or a sequence.
    private static func stringValue(_ node: Node) -> String? {
        guard case .scalar(let scalar) = node else { return nil }
        let constructed: Any? = switch node.tag.rawValue {
        case Tag.Name.bool.rawValue: Bool.construct(from: scalar)
        case Tag.Name.int.rawValue: Int.construct(from: scalar)
        case Tag.Name.float.rawValue: Double.construct(from: scalar)
        case Tag.Name.null.rawValue: NSNull.construct(from: scalar)
        case Tag.Name.binary.rawValue: Data.construct(from: scalar)
        case Tag.Name.timestamp.rawValue: Date.construct(from: scalar)
        default: nil
        }
        return constructed == nil ? scalar.string : nil
    }

    // MARK: The bounded scan

    /// Walks libyaml's events without building anything and throws a refusal (an `InputError`
    /// whose problem starts with "refused:") for a document over `limits`. Linear in the text;
    /// memory is the nesting stack and one size per anchor name. A document of `YAMLSubset`
    /// within the limits is valid without the walk, with the shape the walk would report.
    public static func scan(_ text: String, path: String, limits: Limits) throws -> Scan {
        // A document of the subset is valid and was counted as the event scan counts (nil when
        // it is over a limit, which the event scan then reports).
        if let subset = YAMLSubset.compose(text, limits: limits, resolver: .basic) { return .valid(subset.shape) }
        return try eventScan(text, path: path, limits: limits)
    }

    /// `scan` over libyaml's events, for what the subset reader leaves.
    static func eventScan(_ text: String, path: String, limits: Limits) throws -> Scan {
        let bytes = Array(text.utf8)
        guard bytes.count <= limits.maximumBytes else {
            throw InputError(path: path, problem: "refused: YAML larger than \(TextDecoding.describe(limits.maximumBytes))")
        }
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        defer { parser.deallocate() }
        guard yaml_parser_initialize(parser) == 1 else {
            throw InputError(path: path, problem: "cannot be parsed (out of memory)")
        }
        defer { yaml_parser_delete(parser) }
        let event = UnsafeMutablePointer<yaml_event_t>.allocate(capacity: 1)
        defer { event.deallocate() }

        return try bytes.withUnsafeBufferPointer { buffer throws -> Scan in
            yaml_parser_set_input_string(parser, buffer.baseAddress, buffer.count)
            yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
            var shape = Shape()
            /// Expanded sizes of the open collections, with their anchors.
            var open: [(nodes: Int, anchor: String?)] = []
            /// Expanded size of each anchored node, by anchor name (a later anchor shadows an earlier one).
            var anchored: [String: Int] = [:]

            func refuse(_ problem: String, line: Int) -> InputError {
                InputError(path: path, problem: "refused: \(problem)", line: line)
            }
            /// Counts nodes into the document total (checked against the bound) and, for a scalar or
            /// an alias, into the collection it sits in.
            func count(_ nodes: Int, intoParent: Bool, line: Int) throws {
                let (total, overflow) = shape.nodes.addingReportingOverflow(nodes)
                guard !overflow, total <= limits.maximumNodes else {
                    throw refuse("YAML expands to more than \(limits.maximumNodes) nodes (nested aliases)", line: line)
                }
                shape.nodes = total
                // A collection's count is part of the document total, so it cannot overflow.
                if intoParent, let last = open.indices.last { open[last].nodes += nodes }
            }

            while true {
                guard yaml_parser_parse(parser, event) == 1 else {
                    return .invalid(syntaxError(parser.pointee, path: path))
                }
                defer { yaml_event_delete(event) }
                let line = Int(clamping: event.pointee.start_mark.line) + 1
                switch event.pointee.type {
                case YAML_STREAM_END_EVENT:
                    return .valid(shape)
                case YAML_ALIAS_EVENT:
                    shape.aliases += 1
                    guard shape.aliases <= limits.maximumAliases else {
                        throw refuse(limits.maximumAliases == 0
                            ? "YAML aliases (*name) are not accepted in this file"
                            : "more than \(limits.maximumAliases) YAML aliases (*name)", line: line)
                    }
                    // An undefined alias is Yams' error to report; it stands for one node here.
                    let name = string(event.pointee.data.alias.anchor)
                    try count(name.flatMap { anchored[$0] } ?? 1, intoParent: true, line: line)
                case YAML_SCALAR_EVENT:
                    if let name = string(event.pointee.data.scalar.anchor) { anchored[name] = 1 }
                    try count(1, intoParent: true, line: line)
                case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                    guard open.count < limits.maximumDepth else {
                        throw refuse("YAML nested deeper than \(limits.maximumDepth) levels", line: line)
                    }
                    let anchor = event.pointee.type == YAML_SEQUENCE_START_EVENT
                        ? string(event.pointee.data.sequence_start.anchor)
                        : string(event.pointee.data.mapping_start.anchor)
                    try count(1, intoParent: false, line: line)
                    open.append((nodes: 1, anchor: anchor))
                    shape.depth = max(shape.depth, open.count)
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    guard let closed = open.popLast() else { continue }
                    if let name = closed.anchor { anchored[name] = closed.nodes }
                    if let last = open.indices.last { open[last].nodes += closed.nodes }
                default:
                    continue
                }
            }
        }
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return pointer.withMemoryRebound(to: CChar.self, capacity: 1) { String(cString: $0) }
    }

    private static func syntaxError(_ parser: yaml_parser_t, path: String) -> InputError {
        let problem = parser.problem.map { String(cString: $0) } ?? "invalid document"
        let line = Int(clamping: parser.problem_mark.line) + 1
        let column = Int(clamping: parser.problem_mark.column) + 1
        return InputError(path: path, problem: "YAML syntax error: \(problem) (column \(column))", line: line)
    }

    // MARK: Errors

    static func inputError(from error: YamlError, path: String) -> InputError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return InputError(path: path, problem: "YAML syntax error: \(problem) (column \(mark.column))", line: mark.line)
        case .duplicatedKeysInMapping(let duplicates, let context):
            // The mapping's line: which of its keys is the second one, Yams does not say.
            return InputError(path: path, problem: "duplicate keys \(duplicates.joined(separator: ", "))", line: context.mark.line)
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
