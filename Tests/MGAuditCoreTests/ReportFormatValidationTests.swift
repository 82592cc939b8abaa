import Foundation
import Testing
@testable import MGAuditCore

/// The SARIF, JUnit, CSV and Markdown reports checked by what reads them: the OASIS SARIF schema
/// plus GitHub's own rules (Tests/tools/validate_sarif.py), junitparser plus the Ant schema's
/// structure (validate_junit.py), Python's csv module against the JSON report (check_csv.py).
/// Each validator is also shown a corrupted file, so a validator that passes everything fails here.
/// The tools need Python 3 with the packages `.ci/run` installs; without them they exit 2 and the
/// tests fail.
@Suite struct ReportFormatValidationTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let tools = repositoryRoot.appendingPathComponent("Tests/tools")

    /// Tenants without findings first, between and last: the streaming joints SARIF must get right.
    static let quietAround = AuditReport(asOf: ReportFixture.report.asOf, tenants: [
        ReportFixture.quiet, ReportFixture.withBaseline.tenants[0], ReportFixture.quiet,
        ReportFixture.withBaseline.tenants[1], ReportFixture.quiet,
    ])
    static let reports: [String: AuditReport] = [
        "plain": ReportFixture.report, "baseline": ReportFixture.withBaseline, "quiet-around": quietAround,
        "empty": AuditReport(asOf: ReportFixture.report.asOf, tenants: []),
    ]

    static func render(_ format: ReportFormat, _ report: AuditReport, _ language: Language,
                       renderer: AuditRenderer? = nil) throws -> String {
        try (renderer ?? format.renderer()).render(report, run: ReportGoldenTests.run(language, hasBaseline: true))
    }

    /// A fresh directory for one test's files.
    static func directory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("mgaudit-formats-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func write(_ text: String, _ name: String, in directory: URL) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// Runs `python3 Tests/tools/<tool> arguments...`: exit status and what it printed.
    static func python(_ tool: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-B", tools.appendingPathComponent(tool).path] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static func jsonObject(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    static func jsonText(_ object: Any) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
    }

    // MARK: SARIF

    @Test(arguments: Language.allCases, ["plain", "baseline", "quiet-around", "empty"])
    func sarifIsValidForGitHub(language: Language, report name: String) throws {
        let report = try #require(Self.reports[name])
        let sarif = try Self.render(.sarif, report, language)
        let path = try Self.write(sarif, "results.sarif", in: try Self.directory())
        let result = try Self.python("validate_sarif.py", [path])
        #expect(result.status == 0, "\(result.output)")

        let log = try Self.jsonObject(sarif)
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let results = try #require(run["results"] as? [[String: Any]])
        var totals = ReportTotals()
        for (position, tenant) in report.tenants.enumerated() { totals.add(tenant, position: position) }
        #expect(results.count == SARIFReport.resultCount(totals))
        #expect(results.filter { $0["suppressions"] != nil }.count == totals.suppressed)
    }

    /// Each thing GitHub rejects a whole upload for, put into a valid file, is caught.
    @Test(arguments: ["no location", "unknown rule", "no fingerprints", "empty message", "raw space in uri"])
    func sarifValidatorRejectsWhatGitHubRejects(corruption: String) throws {
        var log = try Self.jsonObject(try Self.render(.sarif, ReportFixture.withBaseline, .en))
        var runs = try #require(log["runs"] as? [[String: Any]])
        var results = try #require(runs[0]["results"] as? [[String: Any]])
        switch corruption {
        case "no location": results[1]["locations"] = [Any]()
        case "unknown rule": results[1]["ruleId"] = "no-such-rule"
        case "no fingerprints": results[1].removeValue(forKey: "partialFingerprints")
        case "empty message": results[1]["message"] = ["text": ""]
        default: results[1]["locations"] = [["physicalLocation": ["artifactLocation": ["uri": "my dir/x.json"]]]]
        }
        runs[0]["results"] = results
        log["runs"] = runs
        let path = try Self.write(try Self.jsonText(log), "bad.sarif", in: try Self.directory())
        let result = try Self.python("validate_sarif.py", [path])
        #expect(result.status == 1, "\(corruption): \(result.output)")
        #expect(result.output.contains("results/1"), "\(result.output)")
    }

    @Test func sarifSchemaRejectsAWrongLevel() throws {
        let sarif = try Self.render(.sarif, ReportFixture.report, .ja).replacingOccurrences(of: "\"level\" : \"note\"",
                                                                                          with: "\"level\" : \"critical\"")
        let path = try Self.write(sarif, "bad.sarif", in: try Self.directory())
        let result = try Self.python("validate_sarif.py", [path])
        #expect(result.status == 1)
        #expect(result.output.contains("schema:"), "\(result.output)")
    }

    /// Rendered without its pack (`render(_:language:)`), every rule a finding names still gets a
    /// descriptor, so the file stays uploadable.
    @Test func sarifWithoutThePackStillNamesEveryRule() throws {
        let sarif = try SARIFReport().render(ReportFixture.report, language: .ja)
        let path = try Self.write(sarif, "bare.sarif", in: try Self.directory())
        let result = try Self.python("validate_sarif.py", [path])
        #expect(result.status == 0, "\(result.output)")
    }

    @Test func sarifURIsArePercentEncodedAndRelative() {
        #expect(SARIFReport.uri(forPath: "contoso/manifest.json") == "contoso/manifest.json")
        #expect(SARIFReport.uri(forPath: "./a b#c%.json") == "a%20b%23c%25.json")
        #expect(SARIFReport.uri(forPath: "contoso/開通.txt") == "contoso/%E9%96%8B%E9%80%9A.txt")
        #expect(SARIFReport.uri(forPath: "c:x\\y.json") == "c%3Ax%5Cy.json")
        #expect(SARIFReport.uri(forPath: "/srv/in/x.json") == "file:///srv/in/x.json")
    }

    @Test func sarifResultWithoutLocationUsesTheTenantsFirstInput() throws {
        let log = try Self.jsonObject(try Self.render(.sarif, ReportFixture.report, .en))
        let results = try #require((log["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])
        let uris = results.compactMap { result in
            (((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["artifactLocation"]
                as? [String: Any])?["uri"] as? String
        }
        #expect(uris.count == results.count)
        #expect(Set(uris) == ["contoso/manifest.json", "fabrikam/app%20%26lt%3B2%26gt%3B.json"])
    }

    @Test func githubLimitProblemsNameEachLimitExceeded() {
        #expect(SARIFReport.githubLimitProblems(resultCount: 25_000, gzipBytes: 10_000_000).isEmpty)
        let results = SARIFReport.githubLimitProblems(resultCount: 31_204, gzipBytes: 1_000)
        #expect(results.count == 1)
        #expect(results.first?.hasPrefix("results.sarif: 31,204 results; GitHub code scanning accepts at most 25,000 per run") == true)
        let both = SARIFReport.githubLimitProblems(resultCount: 25_001, gzipBytes: 12_345_678, path: "out/r.sarif")
        #expect(both.count == 2)
        #expect(both.last?.contains("out/r.sarif: 12,345,678 bytes gzip-compressed") == true)
    }

    // MARK: gzip size

    @Test func gzipSizeCountsAGzipStream() throws {
        // 10-byte header, an empty final block (2 bytes), CRC-32 and length (8 bytes).
        #expect(try GzipSize().finish() == 20)
        let text = Array(String(repeating: "mgaudit ", count: 131_072).utf8)
        let whole = try GzipSize()
        try whole.add(text)
        let once = try whole.finish()
        let chunked = try GzipSize()
        for start in stride(from: 0, to: text.count, by: 7_777) { try chunked.add(text[start..<min(start + 7_777, text.count)]) }
        #expect(try chunked.finish() == once)
        #expect(once > 20 && once < text.count / 100)
        // Bytes that do not compress come out a little larger than they went in.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        let noise = (0..<300_000).map { _ -> UInt8 in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
        let counter = try GzipSize()
        try counter.add(noise)
        #expect(try counter.finish() > noise.count)
        let path = try Self.write(String(decoding: text, as: UTF8.self), "t.txt", in: try Self.directory())
        #expect(try GzipSize.ofFile(atPath: path) == once)
        // The bound holds for what compresses worst, and stands in for the size only under the limit.
        let noiseCount = try GzipSize()
        try noiseCount.add(noise)
        #expect(try GzipSize.bound(plainBytes: noise.count) >= noiseCount.finish())
        #expect(try GzipSize.bound(plainBytes: 0) >= 20)
        let bound = try GzipSize.bound(plainBytes: text.count)
        #expect(bound >= text.count && bound < text.count + text.count / 100)
        #expect(try GzipSize.ofFile(atPath: path, exactAbove: bound) == bound)
        #expect(try GzipSize.ofFile(atPath: path, exactAbove: bound - 1) == once)
        #expect(try GzipSize.ofFile(atPath: path, exactAbove: 0) == once)
    }

    // MARK: JUnit

    @Test(arguments: Language.allCases, ["plain", "baseline", "quiet-around", "empty"])
    func junitIsValid(language: Language, report name: String) throws {
        let report = try #require(Self.reports[name])
        let path = try Self.write(try Self.render(.junit, report, language), "results.xml", in: try Self.directory())
        let result = try Self.python("validate_junit.py", [path])
        #expect(result.status == 0, "\(result.output)")
    }

    @Test(arguments: ["failure without type", "two outcomes", "wrong count", "attribute on testsuites"])
    func junitValidatorRejectsBrokenFiles(corruption: String) throws {
        var xml = try Self.render(.junit, ReportFixture.withBaseline, .en)
        switch corruption {
        case "failure without type": xml = xml.replacingOccurrences(of: " type=\"warning\"", with: "")
        case "two outcomes": xml = xml.replacingOccurrences(of: "</failure>", with: "</failure><skipped/>")
        case "wrong count": xml = xml.replacingOccurrences(of: "failures=\"4\"", with: "failures=\"3\"")
        default: xml = xml.replacingOccurrences(of: "<testsuites>", with: "<testsuites tests=\"21\">")
        }
        let path = try Self.write(xml, "bad.xml", in: try Self.directory())
        let result = try Self.python("validate_junit.py", [path])
        #expect(result.status == 1, "\(corruption): \(result.output)")
    }

    /// Characters XML 1.0 cannot carry, markup and quotes in names, subjects and reasons.
    @Test func junitEscapesHostileInput() throws {
        var tenant = ReportFixture.withBaseline.tenants[1]
        tenant.name = "a<b>&\"c'\u{01}\u{1B}]]>"
        tenant.findings[0].subject = "x\u{0B}y</failure><failure type=\"z\">"
        tenant.suppressed[0].reason = "why\u{0C}\nnot"
        let report = AuditReport(asOf: ReportFixture.report.asOf, tenants: [tenant])
        let xml = try Self.render(.junit, report, .ja)
        #expect(!xml.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(xml.contains("name=\"a&lt;b&gt;&amp;&quot;c&apos;⟨U+0001⟩⟨U+001B⟩]]&gt;\""))
        #expect(xml.contains("x⟨U+000B⟩y&lt;/failure&gt;&lt;failure type=&quot;z&quot;&gt;"))
        let path = try Self.write(xml, "hostile.xml", in: try Self.directory())
        let result = try Self.python("validate_junit.py", [path])
        #expect(result.status == 0, "\(result.output)")
    }

    // MARK: CSV

    @Test(arguments: Language.allCases, [true, false])
    func csvRowsAreTheJSONFindings(language: Language, byteOrderMark: Bool) throws {
        for report in [ReportFixture.report, ReportFixture.withBaseline, Self.quietAround] {
            let directory = try Self.directory()
            let csv = try Self.write(try Self.render(.csv, report, language, renderer: CSVReport(byteOrderMark: byteOrderMark)),
                                     "results.csv", in: directory)
            let json = try Self.write(try Self.render(.json, report, language), "results.json", in: directory)
            let result = try Self.python("check_csv.py", [csv, json] + (byteOrderMark ? [] : ["--no-bom"]))
            #expect(result.status == 0, "\(result.output)")
        }
    }

    @Test func csvCheckerNoticesAMissingRowOrBOM() throws {
        let directory = try Self.directory()
        let text = try Self.render(.csv, ReportFixture.withBaseline, .en)
        var lines = text.components(separatedBy: "\r\n")
        lines.remove(at: 1)
        let csv = try Self.write(lines.joined(separator: "\r\n"), "short.csv", in: directory)
        let json = try Self.write(try Self.render(.json, ReportFixture.withBaseline, .en), "results.json", in: directory)
        #expect(try Self.python("check_csv.py", [csv, json]).status == 1)
        let full = try Self.write(text, "full.csv", in: directory)
        #expect(try Self.python("check_csv.py", [full, json, "--no-bom"]).status == 1)
    }

    @Test func csvNeutralisesFormulasAndQuotes() throws {
        var tenant = ReportFixture.contoso
        tenant.name = "@tenant"
        let starts = ["=HYPERLINK(\"https://evil.example\",\"x\")", "+1", "-1+2", "@SUM(A1)", "\tx", "\rx", "a,b", "say \"hi\"", "line\nbreak"]
        tenant.findings = starts.map { subject in
            var finding = ReportFixture.contoso.findings[0]
            finding.subject = subject
            return finding
        }
        let text = try CSVReport(byteOrderMark: false).render(AuditReport(asOf: "2025-04-01", tenants: [tenant]),
                                                               run: ReportGoldenTests.run(.en))
        #expect(text.hasPrefix("tenant,severity,rule,subject,message,guideStep,fingerprint,change\r\n"))
        #expect(text.contains("\r\n'@tenant,warning,secret-expiring,\"'=HYPERLINK(\"\"https://evil.example\"\",\"\"x\"\")\","))
        #expect(text.contains(",'+1,"))
        #expect(text.contains(",'-1+2,"))
        #expect(text.contains(",'@SUM(A1),"))
        // Tab and CR are shown as code points, so they cannot start a cell at all.
        #expect(text.contains(",⟨U+0009⟩x,"))
        #expect(text.contains(",⟨U+000D⟩x,"))
        #expect(text.contains(",\"a,b\","))
        #expect(text.contains(",\"say \"\"hi\"\"\","))
        #expect(text.contains(",line⟨U+000A⟩break,"))
        #expect(CSVReport.cell("\tx") == "'\tx")
        #expect(CSVReport.cell("=1\r\n") == "\"'=1\r\n\"")
        let bom = try CSVReport().render(ReportFixture.report, run: ReportGoldenTests.run(.ja))
        #expect(Array(bom.utf8.prefix(3)) == [0xEF, 0xBB, 0xBF])
    }

    // MARK: Markdown

    static let hostileName = "a|b *c* _d_ `e` <script>alert(1)</script> [x](https://evil.example) ![i](y)"

    @Test(arguments: Language.allCases)
    func markdownEscapesHostileInput(language: Language) throws {
        var tenant = ReportFixture.fabrikam
        tenant.name = "# " + Self.hostileName + "\nsecond line\u{202E}"
        tenant.findings[0].subject = "| x | y |\n# heading\u{3000}"
        tenant.findings[0].message = LocalizedText(ja: "<img src=x> | **b** \n- list", en: "<img src=x> | **b** \n- list")
        tenant.secrets = [SecretEnd(keyId: "k|1", displayName: "<b>n</b>", ends: "2025-04-02")]
        let report = AuditReport(asOf: "2025-04-01", tenants: [tenant])
        let markdown = try MarkdownReport().render(report, run: ReportGoldenTests.run(language))
        #expect(!markdown.contains("<script"))
        #expect(!markdown.contains("<img"))
        #expect(!markdown.contains("<b>"))
        #expect(!markdown.contains("[x]("))
        #expect(markdown.contains("⟨U+202E⟩"))
        #expect(markdown.contains("⟨U+3000⟩"))
        for line in markdown.split(separator: "\n") where line.hasPrefix("|") {
            // Every row of every table has as many unescaped pipes as its header row.
            let pipes = Self.unescapedPipes(String(line))
            #expect(pipes == 5 || pipes == 3, "\(line)")
        }
        for line in markdown.split(separator: "\n") where line.hasPrefix("#") {
            #expect(!line.contains("second line") || line.contains("\\#"), "\(line)")
        }
        #expect(!markdown.contains("\nsecond line"))
        #expect(!markdown.contains("\n# heading"))
        #expect(!markdown.contains("\n- list"))
    }

    static func unescapedPipes(_ line: String) -> Int {
        var count = 0, escaped = false
        for character in line {
            if character == "|" && !escaped { count += 1 }
            escaped = character == "\\" && !escaped
        }
        return count
    }

    /// Thousands of tenants with long, escape-heavy findings still give at most 1 MiB (GitHub's
    /// job summary cap), and the report says what it left out.
    @Test func markdownStaysWithinAJobSummary() throws {
        let subject = String(repeating: "<|*\u{3000}", count: 200)
        let tenants = (0..<400).map { index in
            TenantResult(name: String(repeating: "<", count: 150) + String(index), inputs: [],
                         findings: (0..<60).map { number in
                             Finding(rule: "rule-\(number % 40)-" + String(repeating: "_", count: 120), severity: .error,
                                     subject: subject + String(number), title: LocalizedText.same("t"),
                                     message: LocalizedText.same(String(repeating: "<\u{200B}", count: 400)),
                                     guideStep: LocalizedText.same("s"))
                         },
                         secrets: [SecretEnd(keyId: String(repeating: "|", count: 300), displayName: subject, ends: "2025-01-01")])
        }
        var report = AuditReport(asOf: "2025-04-01", tenants: tenants)
        for language in Language.allCases {
            let markdown = try MarkdownReport().render(report, run: ReportGoldenTests.run(language))
            #expect(markdown.utf8.count <= 1 << 20, "\(markdown.utf8.count) bytes")
            #expect(markdown.contains(ReportLabels(language: language).tenantsLeftOut(400 - MarkdownReport.detailTenantLimit,
                                                                                      shown: MarkdownReport.detailTenantLimit)))
            #expect(markdown.contains(language == .ja ? "件の指摘は省略しました" : "more findings are not shown"))
        }
        report.tenants = Array(tenants.prefix(3))
        let small = try MarkdownReport().render(report, run: ReportGoldenTests.run(.en))
        #expect(!small.contains("not listed in detail"))
    }
}
