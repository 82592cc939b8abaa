import Foundation
import Testing
@testable import MGAuditCore

/// The HTML dashboard's tenant sections and index rows, filled into templates Plot rendered
/// once, are byte for byte what rendering each tenant through Plot gives: for every sample
/// tenant and for findings, names and paths made of hostile text.
@Suite struct RenderHTMLTemplateTests {
    static let renderer = HTMLReport(generatorVersion: "test")

    static func run(_ language: Language, baseline: Bool) -> ReportRun {
        ReportRun(asOf: "2026-12-01", language: language, generatorVersion: "test", hasBaseline: baseline)
    }

    /// Both paths for one tenant at one position, every language, with and without a baseline.
    static func expectSame(_ tenant: TenantResult, position: Int, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        for language in Language.allCases {
            for baseline in [false, true] {
                let run = Self.run(language, baseline: baseline)
                let section = renderer.tenant(tenant, position: position, run: run)
                let plotSection = renderer.tenantViaPlot(tenant, position: position, run: run)
                #expect(section == plotSection, "section of \(tenant.name.debugDescription) \(language) baseline \(baseline)",
                        sourceLocation: sourceLocation)
                let row = renderer.indexRow(tenant, position: position, run: run)
                let plotRow = renderer.indexRowViaPlot(tenant, position: position, run: run)
                #expect(row == plotRow, "row of \(tenant.name.debugDescription) \(language) baseline \(baseline)",
                        sourceLocation: sourceLocation)
            }
        }
    }

    static func sampleResults() throws -> [TenantResult] {
        let root = TenantLoaderTests.root
        let engine = try RuleEngine(pack: RulePackLoader.load(directory: root.appendingPathComponent("rules")))
        let asOf = try #require(EntraDate.parse("2026-12-01"))
        var results: [TenantResult] = []
        for folder in ["Samples/tenants", "Samples/errors/tenants"] {
            let directory = root.appendingPathComponent(folder)
            for name in try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() where !name.hasSuffix(".md") {
                let bundle = engine.validated(RunProblems.loadTenant(path: directory.appendingPathComponent(name).path))
                let assessment = engine.assess(bundle, asOf: asOf)
                results.append(TenantResult(bundle, assessment, findings: assessment.findings))
            }
        }
        return results
    }

    @Test func sampleTenantsMatchPlot() throws {
        let samples = try Self.sampleResults()
        #expect(samples.count > 20)
        #expect(samples.contains { !$0.findings.isEmpty } && samples.contains { $0.findings.isEmpty })
        #expect(samples.contains { result in result.findings.contains { ReportSupport.comparison($0) != nil } })
        for (position, sample) in samples.enumerated() {
            Self.expectSame(sample, position: position)
            // The same tenant compared with a baseline: every other finding new, one fixed, one held back.
            var compared = sample
            for index in compared.findings.indices { compared.findings[index].change = index % 2 == 0 ? .new : .unchanged }
            compared.fixed = [FixedFinding(rule: "uri-wrong-platform", subject: "https://abc/<x>&amp;", severity: .error, fingerprint: "f")]
            if let first = sample.findings.first {
                compared.suppressed = [SuppressedFinding(finding: first, reason: "later <b>", source: "mgaudit.yml:3",
                                                         until: position % 2 == 0 ? "2026-12-31" : nil)]
            }
            Self.expectSame(compared, position: position + 1_000)
        }
        for (position, tenant) in (ReportDashboardTests.tenants + ReportFixture.report.tenants).enumerated() {
            Self.expectSame(tenant, position: position)
        }
    }

    /// Text that is markup, entities, the templates' own hole marks, bidi and control characters,
    /// U+3000, nothing, or a lot; and text that ends right before or starts right after a tag.
    static let hostile: [String] = [
        "", " ", "<", ">", "&", "&lt;", "&amp;lt;", "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>",
        "</p>", "</section>", "/p>", "p>", "</", "<\\/li>", "a</h4>b", "</article", "'\"`",
        HTMLTemplate.mark(0), HTMLTemplate.mark(1), HTMLTemplate.mark(9), "\u{E000}", "\u{E001}", "\u{E000}12", "\u{E000}3\u{E000}",
        "\u{E000}\u{E001}", "x\u{E000}99999999999\u{E001}y",
        "\u{202E}evil\u{202C}", "\u{2066}a\u{2069}", "\u{200B}", "\u{FEFF}", "\u{1}\u{1B}[31m\u{7F}", "\r\n\t", "\u{3000}",
        "日本語\u{3000}テナント", "😀\u{301}", "\u{FFFD}\u{FFFE}",
        String(repeating: "<&>\u{3000}長い", count: 3_000),
    ]

    static func finding(_ text: String, _ index: Int) -> Finding {
        let other = hostile[(index + 7) % hostile.count]
        var finding = Finding(
            rule: "rule-" + text, severity: [.error, .warning, .info][index % 3], subject: text,
            title: LocalizedText(ja: text + "題", en: "title " + text),
            message: LocalizedText(ja: other, en: text + "\n" + other),
            evidence: [:], guideStep: LocalizedText(ja: "手順 " + text, en: text),
            fix: index % 2 == 0 ? LocalizedText(ja: text, en: other) : nil,
            related: index % 3 == 0 ? [] : [text, other],
            change: index % 4 == 0 ? .new : .unchanged)
        switch index % 4 {
        case 0: finding.evidence = [text: .string(other), "n": .int(index), "list": .list([.string(text), .bool(true), .null]),
                                    "object": .object([text: .string(other)])]
        case 1: finding.evidence = ["expected": .string(text), "actual": .string(other + text)]
        case 2: finding.evidence = NearMissDiff(segments: [.init(.equal, text), .init(.missing, other), .init(.extra, text),
                                                           .init(.missing, ""), .init(.equal, other)]).evidence
        default: break
        }
        if index % 3 != 1 {
            finding.commands = FindingCommands(az: LocalizedText(ja: text, en: "az " + text), powershell: LocalizedText(ja: other, en: other),
                                               graph: LocalizedText(ja: "", en: text))
        }
        return finding
    }

    @Test func hostileTextMatchesPlot() {
        for (index, text) in Self.hostile.enumerated() {
            let other = Self.hostile[(index + 3) % Self.hostile.count]
            let findings = (0..<5).map { Self.finding(index % 2 == 0 ? text : other, index + $0) }
            let tenant = TenantResult(
                name: text,
                inputs: index % 3 == 0 ? [] : [InputFile(path: text, kind: .manifestMicrosoftGraph), InputFile(path: other, kind: .notificationSheet)],
                findings: index % 5 == 4 ? [] : findings,
                suppressed: index % 2 == 0 ? [] : [
                    SuppressedFinding(finding: findings[0], reason: text, source: other, until: text),
                    SuppressedFinding(finding: findings[1], reason: other, source: text, until: nil),
                ],
                fixed: index % 3 == 2 ? [] : [FixedFinding(rule: text, subject: other, severity: .warning, fingerprint: text)])
            Self.expectSame(tenant, position: [0, 7, 12_345, index][index % 4])
        }
    }

    /// Random pieces of hostile text in every field.
    @Test func randomTextMatchesPlot() {
        let texts = RenderFastPathTests.texts(seed: 20261204, count: 600).map { $0 + HTMLTemplate.mark($0.utf8.count % 12) }
        for start in stride(from: 0, to: texts.count - 6, by: 6) {
            let piece = Array(texts[start..<(start + 6)])
            let findings = piece.enumerated().map { Self.finding($0.element, start + $0.offset) }
            let tenant = TenantResult(name: piece[0], inputs: [InputFile(path: piece[1], kind: .manifestAADGraph)], findings: findings,
                                      suppressed: [SuppressedFinding(finding: findings[2], reason: piece[3], source: piece[4], until: piece[5])],
                                      fixed: [FixedFinding(rule: piece[5], subject: piece[0], severity: .info, fingerprint: "")])
            Self.expectSame(tenant, position: start)
        }
    }

    /// The comparison can fail: a hole filled without `HTMLNodes.escape`, a missing fill, or a
    /// template broken into lines differently, is not what Plot gives.
    @Test func aBrokenFillIsCaught() {
        let run = Self.run(.en, baseline: true)
        let tenant = TenantResult(name: "<b>&lt;", inputs: [], findings: [])
        let plot = Self.renderer.indexRowViaPlot(tenant, position: 3, run: run)
        let row = HTMLTenantTemplates.en.rows[1][1]
        let fills = ["4", HTMLReport.anchor(3), HTMLNodes.escape(VisibleText.escape(tenant.name)), "0", "0", "0", "0", "0", "0"]
        #expect(row.render(fills) == plot)
        var unescaped = fills
        unescaped[2] = VisibleText.escape(tenant.name)
        #expect(row.render(unescaped) != plot)
        #expect(row.render(Array(fills.dropLast())) != plot)
        #expect(HTMLTemplate(broken: HTMLReport.breakLines(plot) ).render([]) != plot)
        #expect(HTMLTenantTemplates.en.rows[0][1].render(fills) != plot)
    }

    /// Each template has the holes it is filled by, each once and in order.
    @Test func templatesHaveTheirHoles() {
        for language in Language.allCases {
            let templates = HTMLTenantTemplates.of(language)
            #expect(templates.rows[0][0].holes == [0, 1, 2, 3, 4, 5, 8])
            #expect(templates.rows[1][1].holes == Array(0...8))
            #expect(templates.section.holes == Array(0...6))
            #expect(templates.article.holes == Array(0...9))
            #expect(templates.suppressed.holes == Array(0...5))
            #expect(templates.heading.holes == Array(0...3))
            #expect(templates.commands.holes == Array(0..<templates.labels.commandTools.count))
            #expect(templates.evidenceItem.holes == [0, 1])
        }
    }

    /// A template is split at well-formed marks only; anything else is kept as text.
    @Test func splittingKeepsMalformedMarks() {
        let text = "a\u{E000}\u{E001}b\u{E000}x\u{E001}\u{E000}12c\u{E000}1234567890\u{E001}\u{E001}\u{E000}"
        #expect(HTMLTemplate(broken: text).render([]) == text)
        #expect(HTMLTemplate(broken: text).holes.isEmpty)
        let template = HTMLTemplate(broken: "<p>" + HTMLTemplate.mark(0) + "</p>" + HTMLTemplate.mark(12) + "\u{E000}")
        #expect(template.holes == [0, 12])
        #expect(template.render(["x"]) == "<p>x</p>\u{E000}")
        #expect(template.render(["\u{E000}0\u{E001}"]) == "<p>\u{E000}0\u{E001}</p>\u{E000}")
    }

    /// `HTMLNodes.escape` over contiguous bytes gives what the byte-by-byte version gives.
    @Test func escapeOverBytesMatchesTheSimpleVersion() {
        let texts = RenderFastPathTests.texts(seed: 20261205, count: 3_000) + Self.hostile
            + ["&", "&&", "<>", "a&b<c>d", String(repeating: "&", count: 1_000), String(repeating: "x", count: 40) + "<",
               "<" + String(repeating: "y", count: 40), "ab", "日本&語", "😀<😀"]
        // Longer text, so whole eight-byte words are passed: each special byte at each place.
        var long: [String] = (0..<300).map { (index: Int) -> String in texts[(index * 7)..<(index * 7 + 4)].joined() }
        for special in ["&", "<", ">", "é", "\u{3000}"] {
            for place in 0...40 {
                let before = String(repeating: "a", count: place)
                let after = String(repeating: "b", count: 40 - place)
                long.append(before + special + after)
                long.append(String(repeating: "日", count: place) + special)
            }
        }
        for text in texts + long {
            #expect(HTMLNodes.escape(text) == HTMLNodes.escapeByByte(text), "\(text.debugDescription)")
        }
        // Not contiguous UTF-8: a bridged or substring-made string is escaped the same.
        let sub = "xx<a&b>yy".dropFirst(2).dropLast(2)
        #expect(HTMLNodes.escape(String(sub)) == "&lt;a&amp;b&gt;")
        #expect(HTMLNodes.escape("plain") == "plain")
        #expect(HTMLNodes.escape("") == "")
    }

    /// `ReportSupport.prose`, which returns text with nothing to show as it is, gives what the
    /// copy scalar by scalar gives.
    @Test func proseMatchesTheScalarCopy() {
        let texts = RenderFastPathTests.texts(seed: 20261206, count: 3_000) + Self.hostile
            + ["最新のクライアント シークレットは 2025-05-01 に期限が切れます（残り 30 日）。\n期限", "a\u{3000}b", "\u{85}", "\u{2028}x", "é\u{AD}", "x\u{E0001}y", "\u{10FFFF}", "😀🇯🇵", "\u{FF5E}\u{FF5F}", "\u{3029}\u{302A}"]
        for text in texts {
            #expect(ReportSupport.prose(text) == ReportSupport.proseCopied(text), "\(text.debugDescription)")
        }
        #expect(ReportSupport.prose("日本\u{200B}語") == "日本⟨U+200B⟩語")
    }

    /// Worker threads share the templates (made once, on first use).
    @Test func concurrentRenderingMatches() {
        let tenants = Self.hostile.prefix(16).enumerated().map { index, text in
            TenantResult(name: text, inputs: [], findings: [Self.finding(text, index)])
        }
        let run = Self.run(.ja, baseline: true)
        let expected = tenants.enumerated().map { Self.renderer.tenantViaPlot($0.element, position: $0.offset, run: run) }
        let results = ResultBox(count: tenants.count)
        DispatchQueue.concurrentPerform(iterations: tenants.count) { index in
            results.set(index, Self.renderer.tenant(tenants[index], position: index, run: run))
        }
        #expect(results.values == expected)
    }

    final class ResultBox: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: [String]
        init(count: Int) { stored = Array(repeating: "", count: count) }
        func set(_ index: Int, _ value: String) { lock.withLock { stored[index] = value } }
        var values: [String] { lock.withLock { stored } }
    }
}
