import Foundation
import Testing
import Yams
@testable import MGAuditCore

/// `YAMLFile.topLevelFields` (the settings YAML read without Yams' values) against what it
/// replaced, `Yams.load(yaml:) as? [String: Any]` with each value `as? String`: the same keys and
/// string values on every document Yams converts without trapping; in file order; and a document
/// with a sequence key, on which Yams traps, read with that key left out. Aliases stay refused, as before (`YAMLBoundsTests`).
@Suite struct SettingsYAMLFieldsTests {
    static let documents: [String] = [
        "applicationId: 1a446d5b-03f4-400a-a02f-aa73ac9d54be\nclientSecret: 9A678Q~bCsCCFp1se7AFcE9a9oqA9y-1ubH4hdfFDz2\n",
        "# コメント\napplicationId: \"1a446d5b-03f4-400a-a02f-aa73ac9d54be\"\nclientSecret: 'x~y'\n",
        "a: 1\nb: 1.5\nc: true\nd: null\ne: ~\nf: 2026-12-01\ng: 99999999999999999999\nh: .inf\ni: 0x1F\nj: 0o17\nk: yes\n",
        "a: '1'\nb: \"true\"\nc: !!str 12\nd: !!int 12\ne: !!binary aGVsbG8=\nf: !!timestamp nope\ng: !!float x\nh: !!bool maybe\n",
        "<<: {applicationId: from-merge, clientSecret: s1}\napplicationId: own\n",
        "<<: [{a: 1, x: first}, {a: 2, x: second}]\nx: own\n",
        "k: v1\nk: v2\nother: o\n",
        "nested: {a: b}\nlist: [1, 2]\nempty:\nblock: |\n  line one\n  line two\nfolded: >\n  a\n  b\n",
        "= : value-key\nplain: p\n",
        "? complex\n: value\n? ''\n: empty-key\n",
        "アプリケーションID: 7671e18c-0000-0000-0000-000000000000\nクライアントシークレット: H-0~abc\n",
        "- not\n- a mapping\n",
        "just a scalar\n",
        "!!set {a, b}\n",
        "t: 2026-12-01T10:00:00Z\nu: 1_000\nv: -0\nw: +12\nx: 1e3\ny: NaN\nz: Null\n",
    ]

    /// What the old reading gave, keyed (it was a dictionary).
    static func viaYams(_ text: String) -> [String: String?]? {
        guard let loaded = try? Yams.load(yaml: text, .default, .default), let mapping = loaded as? [String: Any] else { return nil }
        return mapping.mapValues { $0 as? String }
    }

    static func viaFields(_ text: String) throws -> [String: String?]? {
        guard let fields = try YAMLFile.topLevelFields(text, path: "t.yaml") else { return nil }
        return Dictionary(GatewaySettingsParser.lastOfEachKey(fields).map { ($0.key, $0.text) }, uniquingKeysWith: { _, last in last })
    }

    @Test(arguments: documents)
    func theSameFieldsAsYamsValues(_ text: String) throws {
        let expected = Self.viaYams(text)
        let actual = try Self.viaFields(text)
        #expect(actual == expected, "\(text.debugDescription)")
    }

    /// (YAML refuses a key written twice; a merged key written again is the document's own.)
    @Test func fileOrderWithTheLastOfEachKeyAtItsPlace() throws {
        let fields = try #require(try YAMLFile.topLevelFields("b: 1x\n<<: {a: merged, d: 4x}\nc: 3x\na: own\n", path: "t.yaml"))
        let kept = GatewaySettingsParser.lastOfEachKey(fields)
        #expect(kept.map(\.key) == ["d", "b", "c", "a"])
        #expect(kept.map(\.text) == ["4x", "1x", "3x", "own"])
        #expect(GatewaySettingsParser.lastOfEachKey([("k", "1"), ("j", nil), ("k", "2")]).map(\.text) == [nil, "2"])
        let merged = try #require(try YAMLFile.topLevelFields("<<: [{m: one}, {n: two}]\nz: own\n", path: "t.yaml"))
        #expect(merged.map(\.key) == ["n", "m", "z"])
    }

    @Test func aSequenceKeyIsLeftOutNotTrappedOn() throws {
        let text = "applicationId: 1a446d5b-03f4-400a-a02f-aa73ac9d54be\n? [a, b]\n: c\nclientSecret: s~1\n"
        let fields = try #require(try YAMLFile.topLevelFields(text, path: "t.yaml"))
        #expect(fields.map(\.key) == ["applicationId", "clientSecret"])
        let settings = try #require(GatewaySettingsParser.recognise(fields: fields))
        #expect(settings.applicationId == "1a446d5b-03f4-400a-a02f-aa73ac9d54be")
    }

    /// Two labels of one field: the first in the file wins, as in the JSON form (a dictionary's
    /// order used to decide, and changed from run to run).
    @Test func twoLabelsOfOneFieldAreReadInFileOrder() throws {
        let yaml = "application_id: first-written\napplicationId: second-written\n"
        let fields = try #require(try YAMLFile.topLevelFields(yaml, path: "t.yaml"))
        #expect(GatewaySettingsParser.recognise(fields: GatewaySettingsParser.lastOfEachKey(fields))?.applicationId == "first-written")
        let pasted = "アプリケーションID：first-written\nApplication ID：second-written\n"
        #expect(GatewaySettingsParser.recognise(text: pasted)?.applicationId == "first-written")
    }
}
