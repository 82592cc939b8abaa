import Foundation
import Testing
@testable import MGAuditCore

/// The byte-level paths of the fix scripts, the JUnit escaping and the source locator give what
/// the scalar-level code they replace gives.
@Suite struct RenderFastPathTests {
    static let pieces = ["a", "Z", "9", "-", "_", " ", "'", "\"", "&", "<", ">", "\n", "\r", "\t", "\u{1}", "\u{7F}", "日本語",
                         "\u{3000}", "\u{200B}", "\u{FEFF}", "\u{301}", "é", "😀", "\u{FFFE}", "\u{FFFF}", "\u{FFFD}", "ｱ", "https://x/y?a=b"]

    static func texts(seed: UInt64, count: Int = 2_000) -> [String] {
        var generator = MutatedInputTests.Seeded(state: seed)
        return (0..<count).map { _ in
            let length = Int.random(in: 0...10, using: &generator)
            return (0..<length).map { _ in pieces[Int.random(in: 0..<pieces.count, using: &generator)] }.joined()
        }
    }

    @Test func xmlEscapingOverBytesMatchesTheScalarPath() {
        for text in Self.texts(seed: 20261208) {
            #expect(XMLText.text(text) == XMLText.escapeByScalar(text, attribute: false), "\(text.debugDescription)")
            #expect(XMLText.attribute(text) == XMLText.escapeByScalar(text, attribute: true), "\(text.debugDescription)")
        }
    }

    @Test func visibleAttributeIsBothEscapes() {
        for text in Self.texts(seed: 20261209) + ["mg-redirect-uri", " lead", "trail ", "in ner", "", " "] {
            #expect(XMLText.visibleAttribute(text) == XMLText.attribute(VisibleText.escape(text)), "\(text.debugDescription)")
        }
    }

    /// Every quote is replaced, as Foundation's replacing does where no combining mark follows one.
    @Test func singleQuotingOverBytes() {
        for text in Self.texts(seed: 20261210) where !text.contains("'\u{301}") {
            #expect(FixOutput.shellQuoted(text) == "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'", "\(text.debugDescription)")
            #expect(FixScripts.powershellQuoted(text) == "'" + text.replacingOccurrences(of: "'", with: "''") + "'", "\(text.debugDescription)")
        }
        // A quote a combining mark follows is still a quote to the shell.
        #expect(FixOutput.shellQuoted("a'\u{301}b") == "'a'\\''\u{301}b'")
        #expect(FixScripts.powershellQuoted("a'\u{301}b") == "'a''\u{301}b'")
    }

    @Test func fileNamePartKeepsASCIIAlphanumerics() {
        for text in Self.texts(seed: 20261211) {
            let expected = text.unicodeScalars.map { scalar -> String in
                CharacterSet.alphanumerics.contains(scalar) && scalar.isASCII || scalar == "-" || scalar == "_" ? String(scalar) : "-"
            }.joined()
            #expect(FixScripts.fileNamePart(text) == (expected.isEmpty ? "tenant" : expected), "\(text.debugDescription)")
        }
    }

    /// `memchr`/`memcmp` find the same line as the byte-by-byte scan.
    @Test func sourceLineMatchesTheByteScan() {
        func scan(_ needle: [UInt8], _ haystack: [UInt8]) -> Int? {
            guard let first = needle.first, needle.count <= haystack.count else { return nil }
            var line = 1
            for index in 0...(haystack.count - needle.count) {
                if haystack[index] == 0x0A { line += 1 }
                if haystack[index] == first, haystack[index..<(index + needle.count)].elementsEqual(needle) { return line }
            }
            return nil
        }
        var generator = MutatedInputTests.Seeded(state: 20261212)
        let hays = Self.texts(seed: 20261213, count: 400).map { Array($0.utf8) }
        for haystack in hays {
            for _ in 0..<5 {
                let needle: [UInt8]
                if haystack.isEmpty || Bool.random(using: &generator) {
                    needle = Array(Self.pieces[Int.random(in: 0..<Self.pieces.count, using: &generator)].utf8)
                } else {
                    let start = Int.random(in: 0..<haystack.count, using: &generator)
                    let end = Int.random(in: start...min(haystack.count, start + 6), using: &generator)
                    needle = Array(haystack[start..<end])
                }
                #expect(SourceLocator.line(of: needle, in: haystack) == scan(needle, haystack), "\(needle) in \(haystack)")
            }
        }
    }

    /// The batch's locations come from the bytes the load read: the same as reading every file
    /// again, on every sample tenant; a file the load did not keep is still read.
    @Test func locationsFromTheLoadedBytesAreThoseOfASecondRead() throws {
        let pack = try RulesFixture.pack()
        let engine = try RuleEngine(pack: pack)
        let asOf = AuditDate.parse("2026-12-01") ?? Date(timeIntervalSince1970: 0)
        let root = RulesFixture.rulesDirectory.deletingLastPathComponent()
        var located = 0
        for group in ["Samples/tenants", "Samples/errors/tenants"] {
            let folder = root.appendingPathComponent(group)
            for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() {
                let path = folder.appendingPathComponent(name).path
                var isFolder: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else { continue }
                let (bundle, sources) = RunProblems.loadTenantKeepingSources(path: path)
                #expect(bundle == RunProblems.loadTenant(path: path), "\(name)")
                #expect(Set(sources.bytes.keys).isSubset(of: Set(bundle.inputs.map(\.path))), "\(name)")
                let findings = engine.audit(bundle, asOf: asOf)
                var kept = findings
                var reread = findings
                SourceLocator.locate(&kept, inputs: bundle.inputs, sources: sources)
                SourceLocator.locate(&reread, inputs: bundle.inputs)
                #expect(kept.map(\.location) == reread.map(\.location), "\(name)")
                for (file, data) in sources.bytes { #expect(data == (try? TextDecoding.readData(path: file)), "\(file)") }
                located += kept.filter { $0.location?.line != nil }.count
            }
        }
        #expect(located > 20)
        // Kept bytes are used as they are: the disk is not read for them.
        var planted = SourceFiles()
        planted.bytes["/no/such/file"] = Data("kept".utf8)
        #expect(planted.data("/no/such/file") == Data("kept".utf8))
        #expect(SourceFiles().data("/no/such/file") == nil)
        // Within the budget only: what is beyond it is read again when looked into.
        var bounded = SourceFiles()
        bounded.keep(Data(count: SourceFiles.budget - 10), of: "/a")
        bounded.keep(Data(count: 11), of: "/b")
        bounded.keep(Data(count: 10), of: "/c")
        #expect(bounded.bytes.keys.sorted() == ["/a", "/c"])
        #expect(bounded.keptBytes == SourceFiles.budget)
        #expect(bounded.data("/b") == nil)
    }

    /// JUnit's small grouping of findings by rule holds what `Dictionary(grouping:)` held, each
    /// group once, in the order of its first finding, its findings in order.
    @Test func junitGroupsAreTheDictionaryGroups() {
        var generator = MutatedInputTests.Seeded(state: 20261204)
        for _ in 0..<300 {
            let items = (0..<Int.random(in: 0...30, using: &generator)).map { index in
                (rule: "r\(Int.random(in: 0...6, using: &generator))", index: index)
            }
            let groups = JUnitReport.grouped(items, by: \.rule)
            let reference = Dictionary(grouping: items, by: \.rule)
            #expect(groups.count == reference.count)
            #expect(groups.map(\.rule) == items.map(\.rule).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } })
            for group in groups {
                #expect(group.items.map(\.index) == reference[group.rule]?.map(\.index))
                #expect(JUnitReport.group(group.rule, in: groups)?.map(\.index) == group.items.map(\.index))
            }
            #expect(JUnitReport.group("absent", in: groups) == nil)
        }
    }

    /// The already-sorted shortcut of `ReportSupport.sorted` gives what the full stable sort gives:
    /// random lists of findings over few severities, rules and subjects (ties among them), sorted
    /// and not.
    @Test func sortingSkipsWhatIsSortedAndOnlyThat() {
        var generator = MutatedInputTests.Seeded(state: 20261204)
        func finding(_ number: Int) -> Finding {
            let severity: Severity = [.error, .warning, .info][Int.random(in: 0..<3, using: &generator)]
            let text = LocalizedText(ja: "\(number)", en: "\(number)")
            return Finding(rule: ["a", "b", "c"][Int.random(in: 0..<3, using: &generator)], severity: severity,
                           subject: ["x", "y", ""][Int.random(in: 0..<3, using: &generator)], title: text, message: text, guideStep: text)
        }
        func fullSort(_ findings: [Finding]) -> [Finding] {
            findings.enumerated().sorted { lhs, rhs in
                let (l, r) = (lhs.element, rhs.element)
                if l.severity != r.severity { return l.severity > r.severity }
                if l.rule != r.rule { return l.rule < r.rule }
                if l.subject != r.subject { return l.subject < r.subject }
                return lhs.offset < rhs.offset
            }.map(\.element)
        }
        var alreadySorted = 0
        for round in 0..<3_000 {
            let findings = (0..<Int.random(in: 0...6, using: &generator)).map { finding(round * 10 + $0) }
            let expected = fullSort(findings)
            if expected == findings { alreadySorted += 1 }
            #expect(ReportSupport.sorted(findings) == expected)
            #expect(ReportSupport.sorted(expected) == expected)
        }
        #expect(alreadySorted > 300 && alreadySorted < 2_900)
    }

    /// What `batch` writes (`tenantBytes`) is each format's `tenant` text, for every sample tenant.
    @Test func tenantBytesAreTheTenantText() throws {
        let samples = try RenderHTMLTemplateTests.sampleResults()
        for format in ReportFormat.allCases {
            let renderer = format.renderer()
            for language in Language.allCases {
                let run = ReportRun(asOf: "2026-12-01", language: language, generatorVersion: "test")
                for (position, sample) in samples.enumerated() {
                    #expect(renderer.tenantBytes(sample, position: position, run: run)
                        == Array(renderer.tenant(sample, position: position, run: run).utf8), "\(format) \(sample.name)")
                }
            }
        }
    }

    /// JUnit's test case names are each rule id escaped once per run, hostile ids too.
    @Test func ruleIdAttributesAreTheEscapedIds() {
        let text = LocalizedText(ja: "t", en: "t")
        let ids = ["uri1-missing", "a\"b<c>&'d", " lead", "日本語\u{202E}"]
        let rules = ids.map { ReportFixture.rule($0, severity: .error, title: text, message: text, fix: text, guideStep: text) }
        let run = ReportRun(asOf: "2026-12-01", language: .en, rules: rules)
        #expect(run.ruleIdAttributes == ids.map { Array(XMLText.visibleAttribute($0).utf8) })
        #expect(run.ruleIdAttributes[1] == Array("a&quot;b&lt;c&gt;&amp;&apos;d".utf8))
    }
}

/// The JSON report's tenant made from the JSON Lines line (`TenantRenderings`, re-indented by
/// `JSONWriter.prettyPrinted`) is byte for byte what writing it pretty gives.
@Suite struct SharedJSONRenderingTests {
    static func expectShared(_ tenant: TenantResult, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        for language in Language.allCases {
            for baseline in [false, true] {
                let run = ReportRun(asOf: "2026-12-01", language: language, generatorVersion: "test", hasBaseline: baseline)
                let shared = TenantRenderings()
                #expect(JSONReport().tenantBytes(tenant, position: 3, run: run, shared: shared)
                    == JSONReport().tenantBytes(tenant, position: 3, run: run), "\(tenant.name.debugDescription)", sourceLocation: sourceLocation)
                #expect(JSONLinesReport().tenantBytes(tenant, position: 3, run: run, shared: shared)
                    == JSONLinesReport().tenantBytes(tenant, position: 3, run: run), sourceLocation: sourceLocation)
            }
        }
    }

    @Test func sampleTenantsReindentToThePrettyText() throws {
        let samples = try RenderHTMLTemplateTests.sampleResults()
        #expect(samples.contains { !$0.findings.isEmpty })
        for sample in samples + [ReportFixture.contoso, ReportFixture.fabrikam, ReportFixture.quiet] { Self.expectShared(sample) }
    }

    /// Strings that hold what the re-indenter looks for (quotes, backslashes, brackets, colons,
    /// commas, the dropped keys' names), empty and nested containers, controls and non-ASCII.
    @Test func hostileStringsReindentToThePrettyText() {
        let hostile = ["", "\"", "\\", "\\\"", "\"asOf\":\"x\",", "language", "asOf", "{[,:]}", "a\"b\\\"c", "\u{0}\u{1F}\u{7F}",
                       "日本語\u{3000}", "\u{202E}", "}]", ",\"language\":\"ja\"", "\\\\\""]
        var tenant = ReportFixture.contoso
        for (number, text) in hostile.enumerated() {
            tenant.name = text
            tenant.inputs = tenant.inputs.map { input in var input = input; input.path = text + "/\(number)"; return input }
            tenant.findings = tenant.findings.map { finding in
                var finding = finding
                finding.subject = text
                finding.evidence["language"] = .string(text)
                finding.evidence["asOf"] = .object(["asOf": .string(text), "empty": .list([]), "none": .object([:]),
                                                    "nested": .list([.list([]), .object(["k": .null]), .int(-12), .bool(false)])])
                return finding
            }
            Self.expectShared(tenant)
        }
        tenant.findings = []
        tenant.inputs = []
        tenant.secrets = []
        Self.expectShared(tenant)
    }
}
