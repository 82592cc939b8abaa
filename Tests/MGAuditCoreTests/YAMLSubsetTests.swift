import Foundation
import Testing
import Yams
@testable import MGAuditCore

/// The subset reader against Yams: for every text, either nil or the tree `Yams.compose` builds,
/// compared node by node with strings (as bytes), tags (as composed, then as resolved), styles and
/// marks, and the shape `YAMLFile.scan`'s event scan reports.
enum SubsetDifferential {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The tree as text; `resolved` reads each node's resolved tag (which resolves it).
    static func describe(_ node: Node, resolved: Bool) -> String {
        var out = ""
        func mark(_ mark: Mark?) -> String { mark.map { "@\($0.line):\($0.column)" } ?? "@-" }
        func walk(_ node: Node, _ indent: String) {
            let tag = resolved ? node.tag.rawValue : ""
            switch node {
            case .scalar(let scalar):
                let raw = resolved ? "" : scalar.tag.rawValue
                out += "\(indent)S \(Array(scalar.string.utf8)) tag=\(raw)\(tag) style=\(scalar.style.rawValue) \(mark(scalar.mark))\n"
            case .mapping(let mapping):
                let raw = resolved ? "" : mapping.tag.rawValue
                out += "\(indent)M tag=\(raw)\(tag) style=\(mapping.style.rawValue) \(mark(mapping.mark)) count=\(mapping.count)\n"
                for (key, value) in mapping {
                    walk(key, indent + "  ? ")
                    walk(value, indent + "  : ")
                }
            case .sequence(let sequence):
                let raw = resolved ? "" : sequence.tag.rawValue
                out += "\(indent)Q tag=\(raw)\(tag) style=\(sequence.style.rawValue) \(mark(sequence.mark)) count=\(sequence.count)\n"
                for item in sequence { walk(item, indent + "  - ") }
            case .alias:
                out += "\(indent)A\n"
            }
        }
        walk(node, "")
        return out
    }

    /// nil when the subset reader declined or agreed with Yams; else what differs.
    static func mismatch(_ text: String, limits: YAMLFile.Limits, resolver: Resolver) -> String? {
        guard let subset = YAMLSubset.compose(text, limits: limits, resolver: resolver) else { return nil }
        let scan: YAMLFile.Scan
        do {
            scan = try YAMLFile.eventScan(text, path: "t.yaml", limits: limits)
        } catch {
            return "accepted, but the event scan refuses: \(error)"
        }
        guard case .valid(let shape) = scan else { return "accepted, but the event scan says \(scan)" }
        guard shape == subset.shape else { return "shape \(subset.shape), event scan \(shape)" }
        let composed: Node?
        do {
            composed = try Yams.compose(yaml: text, resolver, .default, .utf8)
        } catch {
            return "accepted, but Yams throws \(error)"
        }
        guard let composed else { return "accepted, but Yams finds no document" }
        let mine = describe(subset.node, resolved: false), theirs = describe(composed, resolved: false)
        guard mine == theirs else { return "tree differs:\n--- subset\n\(mine)--- Yams\n\(theirs)" }
        let mineResolved = describe(subset.node, resolved: true), theirsResolved = describe(composed, resolved: true)
        guard mineResolved == theirsResolved else { return "resolved tags differ:\n\(mineResolved)\n\(theirsResolved)" }
        return nil
    }

    /// `resolvesValues` trees: the same resolved tags as Yams' tree (from which `Node.any` builds
    /// the values), strings, styles and marks.
    static func resolvedMismatch(_ text: String, limits: YAMLFile.Limits) -> String? {
        guard let subset = YAMLSubset.compose(text, limits: limits, resolver: .default, resolvesValues: true) else { return nil }
        guard let composed = try? Yams.compose(yaml: text, .default, .default, .utf8) else { return "accepted, but Yams does not compose it" }
        let mine = describe(subset.node, resolved: true), theirs = describe(composed, resolved: true)
        guard mine == theirs else { return "resolved tags differ:\n\(mine)\n\(theirs)" }
        return nil
    }

    /// Both resolvers `YAMLFile` uses, under both limits of ours.
    static func check(_ text: String, name: String, limits: [YAMLFile.Limits] = [.rulePack, .inputFile]) -> [String] {
        var problems: [String] = []
        for limit in limits {
            for resolver in [Resolver.basic, Resolver.default] {
                if let problem = mismatch(text, limits: limit, resolver: resolver) {
                    problems.append(String("\(name): \(problem)\n--- text\n\(text)".prefix(3000)))
                }
            }
            if let problem = resolvedMismatch(text, limits: limit) {
                problems.append(String("\(name) (values resolved): \(problem)\n--- text\n\(text)".prefix(3000)))
            }
        }
        return problems
    }

    /// Every YAML text of the repository: the .yaml/.yml files, the fuzz corpora of YAML and the
    /// fenced yaml blocks of the documentation.
    static func repositoryTexts() throws -> [(name: String, text: String)] {
        var texts: [(String, String)] = []
        let skip = [".build", ".git", ".swiftpm"]
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        for case let url as URL in walker {
            if skip.contains(url.lastPathComponent) { walker.skipDescendants(); continue }
            let relative = String(url.path.dropFirst(root.path.count + 1))
            let ext = url.pathExtension.lowercased()
            let inYAMLCorpus = relative.hasPrefix("Fuzz/corpus/") && ["rulepack", "settings", "sheet-yaml"].contains(url.deletingLastPathComponent().lastPathComponent)
            guard ext == "yaml" || ext == "yml" || ext == "md" || inYAMLCorpus,
                  (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true,
                  let data = try? Data(contentsOf: url), let text = String(data: data, encoding: .utf8) else { continue }
            if ext == "md" {
                for (index, block) in fencedYAML(text).enumerated() { texts.append(("\(relative)#\(index)", block)) }
            } else {
                texts.append((relative, text))
            }
        }
        return texts.sorted { $0.0 < $1.0 }
    }

    static func fencedYAML(_ markdown: String) -> [String] {
        var blocks: [String] = []
        var current: [Substring]?
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if current == nil, trimmed == "```yaml" || trimmed == "```yml" {
                current = []
            } else if current != nil, trimmed.hasPrefix("```") {
                blocks.append((current ?? []).joined(separator: "\n") + "\n")
                current = nil
            } else {
                current?.append(line)
            }
        }
        return blocks
    }

    /// The project's seeded generator (SplitMix64): the same variants on every run.
    typealias Random = MutatedInputTests.Seeded

    static let insertions = [":", ": ", "#", " #", "'", "\"", "&", "&a ", "*", "*a", "\t", "\u{3000}", " ", "  ", "-", "- ",
                             "\n", "\r\n", "\r", "[", "]", "{", "}", ",", "\\", "!", "|", ">", "?", "? ", "%", "@", "`",
                             "---", "...", "\u{FEFF}", "\u{85}", "\u{2028}", "\\u00e9", "\\x41", "''", "~", "null", "é", "日本"]

    /// One mutation of `text` (as scalars, so that the result is valid UTF-8).
    static func mutate(_ text: String, _ random: inout Random) -> String {
        var scalars = Array(text.unicodeScalars)
        guard !scalars.isEmpty else { return text }
        let at = random.below(scalars.count)
        switch random.below(7) {
        case 0: scalars.remove(at: at)
        case 1: scalars.insert(scalars[at], at: at)
        case 2:
            let insertion = insertions[random.below(insertions.count)]
            scalars.insert(contentsOf: insertion.unicodeScalars, at: at)
        case 3:
            scalars.removeSubrange(at..<scalars.count)
        case 4, 5:
            // Indentation of one line: one space more or less.
            var lines = String(String.UnicodeScalarView(scalars)).components(separatedBy: "\n")
            let line = random.below(lines.count)
            if random.below(2) == 0 { lines[line] = " " + lines[line] } else if lines[line].hasPrefix(" ") { lines[line].removeFirst() }
            return lines.joined(separator: "\n")
        default:
            // A line duplicated (a duplicate key, an extra entry).
            var lines = String(String.UnicodeScalarView(scalars)).components(separatedBy: "\n")
            let line = random.below(lines.count)
            lines.insert(lines[line], at: line)
            return lines.joined(separator: "\n")
        }
        return String(String.UnicodeScalarView(scalars))
    }

    /// Up to `count` consecutive lines from a random line: big files are tried in pieces.
    static func window(_ text: String, count: Int, _ random: inout Random) -> String {
        let lines = text.components(separatedBy: "\n")
        guard lines.count > count else { return text }
        let start = random.below(lines.count - count)
        return lines[start..<(start + count)].joined(separator: "\n") + "\n"
    }
}

@Suite("YAML subset reader")
struct YAMLSubsetTests {
    @Test("every YAML text of the repository: nil or Yams' tree")
    func repository() throws {
        let texts = try SubsetDifferential.repositoryTexts()
        #expect(texts.count > 30)
        var problems: [String] = []
        for (name, text) in texts { problems += SubsetDifferential.check(text, name: name) }
        #expect(problems.isEmpty, "\(problems.prefix(3).joined(separator: "\n\n"))")
    }

    @Test("the rule pack, samples' sheets and settings are read by the subset reader")
    func accepted() throws {
        let texts = try SubsetDifferential.repositoryTexts()
        let ours = texts.filter { ($0.name.hasPrefix("rules/") || $0.name.hasPrefix("Samples/")) && !$0.name.contains("#") }
        #expect(ours.count > 15)
        for (name, text) in ours {
            #expect(YAMLSubset.compose(text, limits: .rulePack, resolver: .basic) != nil, "\(name) falls back")
        }
    }

    @Test("mutated variants: nil or Yams' tree", arguments: 0..<4)
    func mutated(part: Int) throws {
        let texts = try SubsetDifferential.repositoryTexts()
        var random = SubsetDifferential.Random(state: 0x5EED_0000 + UInt64(part))
        var problems: [String] = []
        var accepted = 0, tried = 0
        for (name, text) in texts {
            for round in 0..<24 {
                var variant = text.utf8.count > 4000 ? SubsetDifferential.window(text, count: 5 + random.below(60), &random) : text
                for _ in 0...random.below(3) { variant = SubsetDifferential.mutate(variant, &random) }
                tried += 1
                if YAMLSubset.compose(variant, limits: .rulePack, resolver: .basic) != nil { accepted += 1 }
                problems += SubsetDifferential.check(variant, name: "\(name) variant \(part).\(round)")
                if problems.count > 3 { break }
            }
        }
        #expect(problems.isEmpty, "\(problems.prefix(3).joined(separator: "\n\n"))")
        // The variants exercise both sides.
        #expect(accepted > 0 && accepted < tried)
    }

    @Test("files of a directory named by MGAUDIT_YAML_CORPUS (generated tenants), when set")
    func corpus() throws {
        guard let directory = ProcessInfo.processInfo.environment["MGAUDIT_YAML_CORPUS"] else { return }
        let root = URL(fileURLWithPath: directory)
        var problems: [String] = []
        var accepted = 0
        let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        while let url = walker?.nextObject() as? URL {
            guard ["yaml", "yml"].contains(url.pathExtension), let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
            problems += SubsetDifferential.check(text, name: url.path, limits: [.inputFile])
            if YAMLSubset.compose(text, limits: .inputFile, resolver: .default) != nil { accepted += 1 }
        }
        #expect(problems.isEmpty, "\(problems.prefix(3).joined(separator: "\n\n"))")
        #expect(accepted > 0)
    }

    /// Texts the subset must read (and agree on), with one of the scalars it must read (its style
    /// as `Node.Scalar.Style`'s raw value: 1 plain, 2 single-quoted, 3 double-quoted).
    static let acceptedCases: [(text: String, path: [String], string: String, style: UInt32)] = [
        ("key: 'it''s'\n", ["key"], "it's", 2),
        ("key: \"\\u00e9\"\n", ["key"], "é", 3),
        ("key: \"a\\tb\\n\\\\\\\"\\/\\x41\\U0001F600\"\n", ["key"], "a\tb\n\\\"/A😀", 3),
        ("key: \"\\N\\_\\L\\P\\e\\ \\a\\b\\v\\f\\r\\x85\\u3000\"\n", ["key"], "\u{85}\u{A0}\u{2028}\u{2029}\u{1B} \u{07}\u{08}\u{0B}\u{0C}\r\u{85}\u{3000}", 3),
        ("\"k\\u00e9\": 'v''w'\n", ["ké"], "v'w", 2),
        ("k: \"\"\n", ["k"], "", 3),
        ("k: ''\n", ["k"], "", 2),
        ("key:\nother: 1\n", ["key"], "", 1),
        ("key: ~\n", ["key"], "~", 1),
        ("key: value   \n", ["key"], "value", 1),
        ("key: value\r\nnext: 2\r\n", ["next"], "2", 1),
        ("key: value # comment\n", ["key"], "value", 1),
        ("key: a#b\n", ["key"], "a#b", 1),
        ("\"a: b\": c\n", ["a: b"], "c", 1),
        ("'x:y': z\n", ["x:y"], "z", 1),
        ("名前: 日本語のテキスト\n", ["名前"], "日本語のテキスト", 1),
        ("key: 全角\u{3000}スペース\u{3000}\n", ["key"], "全角\u{3000}スペース\u{3000}", 1),
        ("\u{3000}key: v\n", ["\u{3000}key"], "v", 1),
        ("---\nkey: v\n", ["key"], "v", 1),
        ("--- # start\nkey: v\n", ["key"], "v", 1),
        ("# head\n\nkey:   v\n\n# tail\n", ["key"], "v", 1),
        ("key: https://example.com/a?b=c#d\n", ["key"], "https://example.com/a?b=c#d", 1),
        ("key: -1\n", ["key"], "-1", 1),
        ("key: [a, 'b', \"c\"]\n", [], "", 1),
        ("key: {a: 1, b: [x, y], c: {d: e}}\n", [], "", 1),
        ("key: []\nother: {}\n", [], "", 1),
        ("a: &x {b: 1}\nc: *x\n", [], "", 1),
        ("a: &x\n  b: 1\nc: *x\n", [], "", 1),
    ]

    @Test("a byte the line split stops at, at each place of a long line: nil or Yams' tree")
    func lineSplitStopsAtEachPlace() {
        let line = "key: abcdefghijklmnopqrstuvwxyz0123456789-abcdefghij\n"
        #expect(YAMLSubset.compose(line, limits: .rulePack, resolver: .basic) != nil)
        let specials = ["\r", "\r\n", "\n", "\u{85}", "\u{2028}", "\u{2029}", "\u{FEFF}", "\u{FFFE}", "\u{1}", "\u{7F}", "\t", "日", "é"]
        for special in specials {
            for place in 0...line.count - 1 {
                let text = String(line.prefix(place)) + special + String(line.dropFirst(place))
                let problems = SubsetDifferential.check(text, name: "split")
                #expect(problems.isEmpty, "\(text.debugDescription): \(problems.first ?? "")")
            }
        }
    }

    @Test("edge cases the subset reads, as Yams does")
    func edgeCases() {
        for (text, path, string, style) in Self.acceptedCases {
            #expect(SubsetDifferential.check(text, name: "case").isEmpty, "\(text)")
            guard let node = YAMLSubset.compose(text, limits: .rulePack, resolver: .basic)?.node else {
                Issue.record("declined: \(text.debugDescription)")
                continue
            }
            guard !path.isEmpty else { continue }
            var value: Node? = node
            for key in path { value = value?[key] }
            #expect(value?.scalar?.string == string, "\(text.debugDescription)")
            #expect(value?.scalar?.style.rawValue == style, "\(text.debugDescription)")
        }
    }

    @Test("sequences, nesting and empty values", arguments: [
        "- - x\n  - y\n- z\n",
        "- a: 1\n  b: 2\n- c\n",
        "-\n- x\n-\n",
        "key:\n- a\n- b\nnext: 1\n",
        "key:\n  - a\n  -\n  - b: c\n    d:\n",
        "a:\n  b:\n    c: d\n  e: f\n",
        "- a:\n  - b\n",
        "- [a, b]\n- {c: d}\n- 'x'\n- \"y\"\n",
        "list: [a, b,]\n",
        "a: 'x' # c\nb: \"y\" # d\n",
        "a:\n  b\nc: d\n",
        "-\n  a: b\n",
        "  a: 1\n  b: 2\n",
        "[a, b]\n",
        "{a: b}\n",
        "a: &anchor-1_x v\nb: *anchor-1_x\n",
        "a: &x\n  - 1\nb: [*x]\n",
    ])
    func structures(text: String) {
        #expect(SubsetDifferential.check(text, name: "case").isEmpty)
    }

    @Test("texts left to Yams", arguments: [
        "a: b: c\n", "a: 1\na: 2\n", "a: &x 1\nb: *y\n", "a: !tag x\n", "a: |\n  x\n", "a: >\n  x\n",
        "a: b\n  c\n", "a: \"b\n  c\"\n", "a:\tb\n", "%YAML 1.1\n---\na: b\n", "a: b\n---\nc: d\n", "a: b\n...\n",
        "? a\n: b\n", "[a, b]: c\n", "a: [b,\n  c]\n", "\u{FEFF}a: b\n", "a: b\rc: d\n", "a: \"\\0\"\n",
        "a: \"\\q\"\n", "a: \"\\ud800\"\n", "just a scalar\n", "", "# only a comment\n", "a: @b\n", "a: `b`\n",
        "a: b\n b: c\n", "- a\nb: c\n", "a:\n  - b\n c: d\n", "&x a: b\n", "*x\n", "a: *x\n", "a: [b: c]\n", "a: {b}\n",
        "a: {b: }\n", "a: {\"b\":c}\n", "a: [b, #c]\n", "a: \"b\"#c\n", "a: [a]]\n", "a: b:\n",
        "\(String(repeating: "k", count: 1100)): v\n",
    ])
    func declined(text: String) {
        #expect(YAMLSubset.compose(text, limits: .rulePack, resolver: .basic) == nil, "\(text.debugDescription)")
        #expect(SubsetDifferential.check(text, name: "case").isEmpty)
    }

    @Test("words whose default tag the subset knows resolve as Yams resolves them", arguments: [
        "yes", "Yes", "YES", "no", "NO", "true", "True", "false", "FALSE", "on", "Off", "OFF", "null", "Null", "NULL",
        "nULL", "yEs", "tru", "nulls", "applicationId", "d23f0824-128b-4f33-8c5c-7fd0a6a3a450", "a_b", "x-1", "E5", "e5",
        "inf", "nan", "Infinity", "NaN", "o17", "b101", "x1F", "T", "Z",
        "1a446d5b-03f4-400a-a02f-aa73ac9d54be", "9A678Q~bCsCCFp1se7AFcE9a9oqA9y-1ubH4hdfFDz2", "7d", "3f.x", "1T2",
        "abc def", "a~b", "Ab.c:d", "x:y", "Yes.", "true_", "onX", "a日本", "9z", "1Z",
        "08bd9d96-76e9-4809-a966-493dcbc16f01", "0000000e-0000-0000-0000-000000000000", "12-3", "0-1",
    ])
    func resolvedWords(word: String) throws {
        let node = try #require(YAMLSubset.compose("\(word): \(word)\n", limits: .inputFile, resolver: .default, resolvesValues: true)?.node)
        let composed = try #require(try Yams.compose(yaml: "\(word): \(word)\n", .default, .default, .utf8))
        guard case .mapping(let mapping) = node, let pair = mapping.first, case .mapping(let theirs) = composed, let their = theirs.first else {
            Issue.record("not a mapping")
            return
        }
        // Known without the regular expressions (before anything resolves them here): the key's
        // tag is the one Yams' duplicate check resolved, the value's is not left implicit.
        #expect(pair.key.scalar?.tag.rawValue == their.key.scalar?.tag.rawValue)
        #expect(pair.value.scalar?.tag.rawValue != "")
        #expect(SubsetDifferential.describe(node, resolved: true) == SubsetDifferential.describe(composed, resolved: true))
    }

    /// Plain scalars near the edge of what `resolvedName` knows: the ones it leaves to Yams (a
    /// digit then `b`, `o`, `x`, `e`, `E`, a digit or punctuation; a control inside) and the ones
    /// it answers resolve exactly as Yams resolves them.
    @Test("plain scalars near the resolver's rules resolve as Yams resolves them", arguments: [
        "1e5", "1E5", "1e+5", "0b101", "0o17", "0x1F", "0x1g", "1_000", "1:30", "1.5", "12", "2026-12-01", "2026-12-01t10:00:00",
        "1b", "1o", "1x", "1e", "1E", "1-2", "1.", "+1", "-1", ".5", ".inf", ".NaN", "~", "<<", "=", "0", "1", "9",
        "1a", "1Z", "1y", "1\u{85}", "yes\u{2028}", "no\u{85}", "Null\u{2029}", "ab\u{2028}cd",
        "08bd9d96-76e9-4809-a966-493dcbc16f01", "0000000e-0000-0000-0000-000000000000", "1e-5", "1E-5", "1.5e-3", "1-",
        "12-3", "2026-1-2", "2026-12-01 10:00:00 -09:00", "2026-12-01T10:00:00-09", "0-1", "00-00", "1e-5-1", "0123-4",
        "1234-", "12345-6", "1_2-3", "9:30-1", "1-\u{85}", "08bd9d96-76e9\u{2028}x", "1 - 2", "1.-2", "0x1-2",
    ])
    func edgeScalars(word: String) throws {
        let text = "k: \(word)\n"
        let subset = YAMLSubset.compose(text, limits: .inputFile, resolver: .default, resolvesValues: true)?.node
        // Text Yams refuses (U+2028 breaks a YAML line) the subset must not read either.
        guard let composed = try? Yams.compose(yaml: text, .default, .default, .utf8) else {
            #expect(subset == nil, "\(word.debugDescription)")
            return
        }
        guard let node = subset else { return }
        #expect(SubsetDifferential.describe(node, resolved: true) == SubsetDifferential.describe(composed, resolved: true), "\(word.debugDescription)")
    }

    @Test("limits: over a bound the subset declines, and the scan refuses as before")
    func limits() throws {
        let deep = (0..<40).map { String(repeating: "  ", count: $0) + "k:" }.joined(separator: "\n") + " v\n"
        #expect(YAMLSubset.compose(deep, limits: .inputFile, resolver: .basic) == nil)
        #expect(throws: InputError.self) { try YAMLFile.scan(deep, path: "deep.yaml", limits: .inputFile) }
        #expect(YAMLSubset.compose(deep, limits: .rulePack, resolver: .basic) != nil)
        let aliases = "a: &x [1, 2]\nb: *x\n"
        #expect(YAMLSubset.compose(aliases, limits: .inputFile, resolver: .basic) == nil)
        #expect(throws: InputError.self) { try YAMLFile.scan(aliases, path: "a.yaml", limits: .inputFile) }
        let few = YAMLFile.Limits(maximumBytes: 1000, maximumDepth: 8, maximumAliases: 8, maximumNodes: 5)
        #expect(YAMLSubset.compose("a: [1, 2]\n", limits: few, resolver: .basic) != nil)
        #expect(YAMLSubset.compose("a: [1, 2, 3]\n", limits: few, resolver: .basic) == nil)
        #expect(try YAMLFile.scan("a: [1, 2]\n", path: "a.yaml", limits: few) == .valid(YAMLFile.Shape(aliases: 0, depth: 2, nodes: 5)))
        #expect(throws: InputError.self) { try YAMLFile.scan("a: [1, 2, 3]\n", path: "a.yaml", limits: few) }
        // The bomb is still refused.
        #expect(throws: InputError.self) { try YAMLFile.scan(HostileInputs.aliasBomb, path: "bomb.yaml", limits: .rulePack) }
        #expect(throws: InputError.self) { try YAMLFile.compose(HostileInputs.aliasBomb, path: "bomb.yaml", limits: .rulePack) }
    }
}

extension MutatedInputTests.Seeded {
    /// A number in `0..<bound` (0 for an empty range).
    mutating func below(_ bound: Int) -> Int { bound <= 0 ? 0 : Int(next() % UInt64(bound)) }
}
