import Foundation
import Testing
@testable import MGAuditCore

/// The `OrderedJSON` readers against main's `JSONSerialization` readers (LegacyJSONReaders.swift):
/// the same trees, the same `AppRegistration`s (field problems included, in the same order), the
/// same consent exports, on every JSON file of Samples/ and the test fixtures and on mutations of
/// them. Two differences are deliberate and normalised here: a number or boolean shown in a field
/// problem is written as the file writes it (`true`, `1.50`), not as NSNumber printed it (`1`, `1.5`).
@Suite struct JSONReaderEquivalenceTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Every file under the folders whose decoded text starts like JSON.
    static func corpus(_ folders: [URL]) -> [(label: String, text: String)] {
        var result: [(String, String)] = []
        for folder in folders {
            guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { continue }
            for case let url as URL in walker {
                guard let data = try? Data(contentsOf: url), let text = try? TextDecoding.decode(data, path: url.path).text,
                      InputSniffer.form(ofText: text) == .json else { continue }
                result.append((url.path, text))
            }
        }
        return result.sorted { $0.0 < $1.0 }
    }

    static let files = corpus([root.appendingPathComponent("Samples"), root.appendingPathComponent("Tests")])

    /// `JSONSerialization`'s booleans are NSNumbers of this class.
    static let booleanClass = ObjectIdentifier(type(of: NSNumber(value: true)))

    /// Whether the tree holds what `JSONSerialization` read (of repeated keys the last).
    static func same(_ tree: OrderedJSON, _ any: Any) -> Bool {
        switch tree {
        case .null: return any is NSNull
        case .bool(let flag):
            guard let number = any as? NSNumber, ObjectIdentifier(type(of: number)) == booleanClass else { return false }
            return number.boolValue == flag
        case .number(let text):
            guard let number = any as? NSNumber, ObjectIdentifier(type(of: number)) != booleanClass,
                  let value = Double(text) else { return false }
            return value == number.doubleValue
        case .string(let text):
            return (any as? String) == text
        case .array(let elements):
            guard let list = any as? [Any], list.count == elements.count else { return false }
            return zip(elements, list).allSatisfy { same($0, $1) }
        case .object(let members):
            guard let dictionary = any as? [String: Any] else { return false }
            let last = Dictionary(members.map { ($0.key, $0.value) }, uniquingKeysWith: { $1 })
            guard Set(last.keys) == Set(dictionary.keys) else { return false }
            return last.allSatisfy { key, value in dictionary[key].map { same(value, $0) } ?? false }
        }
    }

    /// Problems with the values of numbers and booleans in one form: booleans as `true`/`false`
    /// (main showed `1`/`0`), numbers as the Double they are (main showed `1.5` for `1.50`).
    static func normalised(_ problems: [ManifestFieldProblem]) -> [ManifestFieldProblem] {
        problems.map { problem in
            var problem = problem
            if problem.found == .bool, let value = problem.value { problem.value = ["1": "true", "0": "false"][value] ?? value }
            if problem.found == .number, let value = problem.value, let number = Double(value) { problem.value = "\(number + 0.0)" }
            return problem
        }
    }

    static func normalised(_ app: AppRegistration?) -> AppRegistration? {
        guard var app else { return nil }
        app.fieldProblems = normalised(app.fieldProblems)
        return app
    }

    static func describe(_ export: ConsentParser.Export?) -> String {
        switch export {
        case nil: "none"
        case .appRoleAssignments(let ids, let problems)?: "roles \(ids) \(normalised(problems).map(\.summary))"
        case .permissionGrants(let admin, let user, let problems)?: "grants \(admin) \(user) \(normalised(problems).map(\.summary))"
        }
    }

    /// Old and new readers on one text: both refuse it, or both read the same.
    static func compare(_ text: String, label: String) {
        let old = Result { try LegacyJSON.parse(text) }
        let new = Result { () throws(OrderedJSON.ParseError) -> OrderedJSON in try OrderedJSON.parse(text, file: label, limits: .inputFile) }
        switch (old, new) {
        case (.success(let any), .success(let tree)):
            #expect(same(tree, any), "\(label): tree")
            let oldApp = LegacyManifestParser.applicationObject(in: any).flatMap { try? LegacyManifestParser.parse(json: $0, path: label) }
            let newApp = ManifestParser.applicationObject(in: tree).map(ManifestParser.read(application:))
            #expect(normalised(oldApp) == normalised(newApp), "\(label): registration")
            #expect(describe(LegacyConsentParser.recognise(any)) == describe(ConsentParser.recognise(tree)), "\(label): consent")
            #expect(LegacyConsentParser.isServicePrincipal(any) == ConsentParser.isServicePrincipal(tree), "\(label): service principal")
            #expect(LegacyStructuredSheet.isStructured(any) == StructuredSheet.isStructured(tree), "\(label): sheet")
            if let object = any as? [String: Any], labelledFields(object) <= 1 {
                #expect(GatewaySettingsParser.recognise(mapping: object) == GatewaySettingsParser.recognise(json: tree), "\(label): settings")
            }
        case (.failure(let error), .success):
            // Accepted now, refused then: only a number beyond Double ("not representable").
            #expect("\(error)".contains("not representable"), "\(label): accepted what JSONSerialization refused: \(error)")
        case (.success, .failure(let error)):
            Issue.record("\(label): refused what JSONSerialization read: \(error)")
        case (.failure, .failure):
            break
        }
    }

    /// How many keys name a settings field (with more than one, a dictionary's order decided which counted).
    static func labelledFields(_ object: [String: Any]) -> Int {
        let labels = GatewaySettingsParser.applicationIdLabels + GatewaySettingsParser.secretLabels
        return object.keys.filter { labels.contains(GatewaySettingsParser.normalisedLabel($0)) }.count
    }

    @Test func theCorpusIsThere() {
        #expect(Self.files.count >= 60)
        #expect(Self.files.contains { $0.label.hasSuffix("Samples/tenants/graph-powershell/Get-MgApplication.json") })
    }

    @Test func everyJSONFileReadsTheSame() {
        for (label, text) in Self.files { Self.compare(text, label: label) }
    }

    /// Texts that turn a field's value into another type: the problems must match main's.
    static let replacements = ["7", "1.50", "-0", "1e2", "true", "false", "null", "[]", "{}", #"["x", 2, null, {"a": 1}]"#,
                               #"{"value": "2026-01-01T00:00:00Z"}"#, #"{"value": 3}"#, #""""#, #""\u3000x""#, "0", "1"]

    @Test func mutatedFilesReadTheSameAndNeverTrap() throws {
        var random = MutatedInputTests.Seeded(state: 20261203)
        let pieces = ["{", "}", "[", "]", ",", ":", "\"", "\\", "0", "-", "e", ".", "t", "n", "\u{0}", "\t", "\n", "é", "\u{1F600}", "\\u", "\\ud800", ",]", ",}"]
        for (label, text) in Self.files where text.utf8.count < 64 * 1024 {
            var scalars = Array(text.unicodeScalars)
            guard scalars.count > 2 else { continue }
            for round in 0..<40 {
                var mutated = scalars
                let at = Int.random(in: 0..<mutated.count, using: &random)
                switch round % 5 {
                case 0: mutated.removeSubrange(at...)
                case 1: mutated.remove(at: at)
                case 2: mutated.insert(contentsOf: pieces.randomElement(using: &random)?.unicodeScalars ?? "".unicodeScalars, at: at)
                case 3:
                    // A value after a colon becomes another type.
                    let colons = mutated.indices.filter { mutated[$0] == ":" }
                    guard let colon = colons.randomElement(using: &random) else { continue }
                    var end = colon + 1
                    var depth = 0
                    var inString = false
                    while end < mutated.count {
                        let scalar = mutated[end]
                        if inString {
                            if scalar == "\\" { end += 1 } else if scalar == "\"" { inString = false }
                        } else if scalar == "\"" { inString = true }
                        else if scalar == "{" || scalar == "[" { depth += 1 }
                        else if scalar == "}" || scalar == "]" { if depth == 0 { break }; depth -= 1 }
                        else if scalar == ",", depth == 0 { break }
                        end += 1
                    }
                    let replacement = Self.replacements.randomElement(using: &random) ?? "7"
                    mutated.replaceSubrange((colon + 1)..<min(end, mutated.count), with: (" " + replacement).unicodeScalars)
                default:
                    let length = Int.random(in: 1...16, using: &random)
                    let span = Array(mutated[at..<min(mutated.count, at + length)])
                    mutated.insert(contentsOf: span, at: at)
                }
                var mutatedText = ""
                mutatedText.unicodeScalars.append(contentsOf: mutated)
                Self.compare(mutatedText, label: "\(label) #\(round)")
                // Whatever the bytes, the sniffer answers or throws; it never traps.
                _ = try? InputSniffer.parse(Data(mutatedText.utf8), path: label)
                _ = try? NotificationSheetParser.parse(Data(mutatedText.utf8), path: label)
            }
            scalars.removeAll()
        }
    }

    /// `MGAUDIT_JSON_CORPUS=/path/to/fleet swift test --filter JSONReaderEquivalence` compares
    /// every JSON file of a generated fleet too (not run otherwise).
    @Test func anExtraCorpusReadsTheSame() {
        guard let folder = ProcessInfo.processInfo.environment["MGAUDIT_JSON_CORPUS"] else { return }
        let files = Self.corpus([URL(fileURLWithPath: folder)])
        #expect(!files.isEmpty)
        for (label, text) in files { Self.compare(text, label: label) }
    }
}

/// The structured JSON sheet read from the tree against `JSONDecoder` over the same
/// `Decodable` conformance the YAML form still uses: the same sheet, or the same error words.
@Suite struct StructuredSheetJSONTests {
    static func viaDecoder(_ text: String) -> String {
        do {
            return describe(try JSONDecoder().decode(StructuredSheet.self, from: Data(text.utf8)))
        } catch let error as DecodingError {
            return "error: " + StructuredSheet.describe(error)
        } catch {
            return "error: \(error)"
        }
    }

    static func viaTree(_ text: String) -> String {
        do {
            return describe(try StructuredSheet(json: try JSONDocument.parse(text, path: "s.json")))
        } catch {
            return "error: \(error)"
        }
    }

    static func describe(_ sheet: StructuredSheet) -> String {
        "\(sheet.kind as Any) \(sheet.customer as Any) \(sheet.accessUrl as Any) \(sheet.domains as Any) \(sheet.uri1 as Any) "
            + "\(sheet.uri2.map { $0.map { "\($0.domain as Any)|\($0.uri)" } } as Any)"
    }

    @Test(arguments: [
        #"[1]"#, #"{"kind":3}"#, #"{"kind":true}"#, #"{"kind":null,"uri1":"a"}"#, #"{"kind":[]}"#, #"{"kind":{}}"#, #"{"kind":1.5}"#,
        #"{"domains":"a"}"#, #"{"domains":{}}"#, #"{"domains":["a",1]}"#, #"{"domains":["a",null]}"#, #"{"domains":[[]]}"#,
        #"{"domains":[{}]}"#, #"{"domains":[true]}"#, #"{"uri2":3}"#, #"{"uri2":true}"#, #"{"uri2":{"domain":"d"}}"#,
        #"{"uri2":{"uri":3}}"#, #"{"uri2":{"uri":null}}"#, #"{"uri2":{"domain":3,"uri":"u"}}"#, #"{"uri2":{"domain":"d","uri":"u"}}"#,
        #"{"uri2":[3]}"#, #"{"uri2":[null]}"#, #"{"uri2":[[]]}"#, #"{"uri2":["a",{"domain":"d"}]}"#, #"{"uri2":[{"uri":1}]}"#,
        #"{"uri2":[{"uri":null}]}"#, #"{"uri2":[{"domain":[],"uri":"u"}]}"#, #"{"uri2":[true]}"#, #"{"uri2":[1.5]}"#,
        #"{"uri2":"x"}"#, #"{"uri2":null,"uri1":"a","extra":[1,{}]}"#, #"{"a":1,}"#, #"{"uri1":12345678901234567890123}"#,
        #"{"kind":"mailgates-notification-sheet","customer":"c","accessUrl":"https://a/","domains":["a.jp"],"uri1":"https://a/x","uri2":[{"domain":"b.jp","uri":"https://b/y"},"https://c/z"]}"#,
    ])
    func readsAsTheDecoderDid(text: String) {
        #expect(Self.viaTree(text) == Self.viaDecoder(text))
    }

    /// `JSONDecoder` took the first of repeated keys, `JSONSerialization` (which told the sheet
    /// from other JSON) the last; the tree reader takes the last everywhere.
    @Test func repeatedKeysTakeTheLast() throws {
        let sheet = try StructuredSheet(json: JSONDocument.parse(#"{"uri1":"https://a/x","uri1":"https://a/y"}"#, path: "s.json"))
        #expect(sheet.uri1 == "https://a/y")
    }

    @Test func theSheetParserReadsJSONFromTheTree() throws {
        let json = #"{"kind": "mailgates-notification-sheet", "uri1": "https://a/x", "uri2": "https://a/y"}"#
        let sheet = try NotificationSheetParser.parse(Data(json.utf8), path: "s.json")
        #expect(sheet.uri1 == "https://a/x")
        #expect(sheet.uri2.map(\.uri) == ["https://a/y"])
        let broken = #expect(throws: InputError.self) { try NotificationSheetParser.parse(Data("{\"uri1\": \"a\",\n\"uri2\": x}".utf8), path: "s.json") }
        #expect(broken?.problem == "is not valid JSON: unexpected character 'x'")
        #expect(broken?.line == 2)
    }
}
