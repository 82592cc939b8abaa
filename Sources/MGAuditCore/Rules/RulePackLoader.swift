import Foundation
import Yams

/// Loads and validates a rule pack. Every problem is an `InputError` naming the file and line:
/// YAML syntax, unknown check kind, unknown severity, duplicate id, missing ja/en text, bad params.
public enum RulePackLoader {
    public static let packFileName = "mailgates-m365.yaml"

    /// Loads `mailgates-m365.yaml` and `graph-permissions.yaml` from a rules directory (`--rules DIR`).
    /// `examples: false` (an audit run) leaves the rules' examples and the example base undecoded:
    /// they are test data, and decoding them was most of the start-up of every run. `mgaudit rules`
    /// and the tests load them (and so check their shape).
    public static func load(directory: URL, registry: CheckRegistry = .builtIn, examples: Bool = true) throws -> RulePack {
        let packURL = directory.appendingPathComponent(packFileName)
        guard FileManager.default.fileExists(atPath: packURL.path) else {
            throw InputError(path: directory.path, problem: "is not a rules folder: \(packFileName) is missing")
        }
        let catalog = try PermissionCatalog.load(directory: directory)
        let (text, _) = try TextDecoding.read(packURL, allowShiftJIS: false)
        // The phrases after the rules: a broken pack file is the first thing reported.
        return try parse(text: text, path: packURL.path, catalog: catalog, phrases: { try CheckPhrases.load(directory: directory) },
                         registry: registry, examples: examples)
    }

    /// Set in the decoder's `userInfo` when examples are not wanted.
    static let skipExamplesKey = CodingUserInfoKey(rawValue: "mgaudit.skipExamples")

    /// A field decoded only when the decoder is not told to skip examples.
    struct Example<Value: Decodable>: Decodable {
        var value: Value?
        init(from decoder: Decoder) throws {
            if let key = RulePackLoader.skipExamplesKey, decoder.userInfo[key] as? Bool == true {
                value = nil
            } else {
                value = try Value(from: decoder)
            }
        }
    }

    /// Parses pack text (the file's content) against a catalog; `phrases` gives the pack's phrases
    /// (`phrases.yaml`), asked for once the rules are valid.
    public static func parse(text: String, path: String, catalog: PermissionCatalog, phrases: () throws -> CheckPhrases,
                             registry: CheckRegistry = .builtIn, examples: Bool = true) throws -> RulePack {
        // Composed once, after the bounded scan (aliases and their expansion capped); the node tree
        // is decoded and gives lines for semantic errors.
        let root = try YAMLFile.compose(text, path: path, limits: .rulePack)
        var userInfo: [CodingUserInfoKey: any Sendable] = [:]
        if !examples, let key = skipExamplesKey { userInfo[key] = true }
        let raw = try YAMLFile.decode(RawPack.self, from: root, path: path, userInfo: userInfo)
        func line(_ keys: [Any]) -> Int? { lineOf(root, keys) }

        var seen: [String: Int] = [:]
        var rules: [Rule] = []
        for (index, rawRule) in raw.rules.enumerated() {
            let at = line(["rules", index])
            func fail(_ problem: String, _ keys: [Any] = []) -> InputError {
                InputError(path: path, problem: "rule '\(rawRule.id)': \(problem)", line: line(["rules", index] + keys) ?? at)
            }
            guard Self.isKebabCase(rawRule.id) else {
                throw fail("id must be kebab-case (a-z, 0-9, -)", ["id"])
            }
            if let first = seen[rawRule.id] {
                throw fail("duplicate id (first defined at line \(first))", ["id"])
            }
            seen[rawRule.id] = at ?? 0
            guard let severity = Severity(rawValue: rawRule.severity) else {
                throw fail("unknown severity '\(rawRule.severity)' (use error, warning or info)", ["severity"])
            }
            guard registry.kinds[rawRule.check] != nil else {
                throw fail("unknown check kind '\(rawRule.check)' (known: \(registry.kindNames.joined(separator: ", ")))", ["check"])
            }
            var texts: [String: LocalizedText] = [:]
            for (field, value) in [("title", rawRule.title), ("message", rawRule.message), ("fix", rawRule.fix),
                                   ("guideStep", rawRule.guideStep), ("description", rawRule.description)] {
                guard let value else { throw fail("missing \(field) (ja and en)") }
                for (language, text) in [("ja", value.ja), ("en", value.en)] where (text ?? "").isBlank {
                    throw fail("missing \(field).\(language)", [field])
                }
                texts[field] = LocalizedText(ja: value.ja ?? "", en: value.en ?? "")
            }
            let text = { (field: String) in texts[field] ?? LocalizedText.same("") }
            let params = RuleParams(rawRule.params ?? [:])
            do {
                _ = try registry.make(kind: rawRule.check, params: params, catalog: catalog)
            } catch let error as ParamError {
                throw fail("check '\(rawRule.check)': \(error.problem)", ["params"])
            }
            if let type = registry.kinds[rawRule.check],
               let unknown = unknownPlaceholders(rule: rawRule.id, kind: type, message: text("message"), fix: text("fix")).first {
                throw fail(unknown.description, [unknown.field, unknown.language])
            }
            rules.append(Rule(id: rawRule.id, severity: severity, check: rawRule.check, params: params,
                              title: text("title"), message: text("message"), fix: text("fix"),
                              guideStep: text("guideStep"), description: text("description"),
                              examples: rawRule.examples?.value ?? RuleExamples(), supersedes: rawRule.supersedes ?? [], line: at))
        }
        // One level only: a rule that folds others in is never folded itself, so no cycle can drop both.
        let superseded = Set(rules.flatMap(\.supersedes))
        for (index, rule) in rules.enumerated() {
            if !rule.supersedes.isEmpty, superseded.contains(rule.id) {
                throw InputError(path: path, problem: "rule '\(rule.id)': supersedes other rules and is superseded itself (one level only)",
                                 line: line(["rules", index, "supersedes"]) ?? rule.line)
            }
            for id in rule.supersedes where seen[id] == nil || id == rule.id {
                throw InputError(path: path, problem: "rule '\(rule.id)': supersedes '\(id)', which is \(id == rule.id ? "itself" : "not a rule of this pack")",
                                 line: line(["rules", index, "supersedes"]) ?? rule.line)
            }
        }
        return RulePack(name: raw.name, version: raw.version, rules: rules, sourcePath: path, catalog: catalog, phrases: try phrases(),
                        exampleAsOf: raw.exampleAsOf, exampleBase: raw.exampleBase?.value)
    }

    /// The placeholders of a rule's `message` and `fix` that its check kind does not provide
    /// (`Check.placeholders`), in the order written (message, fix; ja, en).
    public static func unknownPlaceholders(rule: String, kind: any Check.Type, message: LocalizedText, fix: LocalizedText) -> [UnknownPlaceholder] {
        var unknown: [UnknownPlaceholder] = []
        for (field, template) in [("message", message), ("fix", fix)] {
            for (language, text) in [("ja", template.ja), ("en", template.en)] {
                for name in MessageTemplate.placeholders(in: text) where !kind.placeholders.contains(name) {
                    unknown.append(UnknownPlaceholder(rule: rule, kind: kind.kind, field: field, language: language,
                                                      placeholder: name, provided: kind.placeholders.sorted()))
                }
            }
        }
        return unknown
    }

    /// `^[a-z0-9]+(-[a-z0-9]+)*$`: words of lowercase ASCII letters and digits joined by single
    /// hyphens (a scan of the bytes; the regular expression it replaces cost more at start-up than
    /// checking the rest of the pack).
    static func isKebabCase(_ id: String) -> Bool {
        var previous: UInt8 = 0x2D
        for byte in id.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): break
            case 0x2D where previous != 0x2D: break
            default: return false
            }
            previous = byte
        }
        return previous != 0x2D
    }

    /// Line of the node at a path of keys (String) and indices (Int), or of its deepest existing parent.
    static func lineOf(_ root: Node, _ keys: [Any]) -> Int? {
        var node = root
        for key in keys {
            var next: Node?
            if let index = key as? Int, case .sequence(let sequence) = node, sequence.indices.contains(index) {
                next = sequence[index]
            } else if let name = key as? String {
                next = node[name]
            }
            guard let next else { break }
            node = next
        }
        return node.mark?.line
    }

    private struct RawText: Decodable {
        var ja: String?
        var en: String?
    }

    private struct RawRule: Decodable {
        var id: String
        var severity: String
        var check: String
        var params: [String: YAMLValue]?
        var title: RawText?
        var message: RawText?
        var fix: RawText?
        var guideStep: RawText?
        var description: RawText?
        var examples: Example<RuleExamples>?
        var supersedes: [String]?
    }

    private struct RawPack: Decodable {
        var name: String
        var version: String
        var exampleAsOf: String?
        var exampleBase: Example<ExampleBase>?
        var rules: [RawRule]
    }
}

/// A `{placeholder}` in a rule's template that its check kind does not fill: it would stay in
/// every finding as written. The loader refuses the pack with it (`InputError`, file and line).
public struct UnknownPlaceholder: Sendable, Hashable, CustomStringConvertible {
    public var rule: String
    public var kind: String
    /// `message` or `fix`.
    public var field: String
    /// `ja` or `en`.
    public var language: String
    public var placeholder: String
    /// What the check kind fills, sorted.
    public var provided: [String]

    public var description: String {
        "\(field).\(language): unknown placeholder '{\(placeholder)}': check '\(kind)' provides "
            + (provided.isEmpty ? "none" : provided.map { "{\($0)}" }.joined(separator: ", "))
    }
}
