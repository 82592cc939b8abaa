import Foundation
import Testing

/// The HTML dashboard as a person sees it: the built `mgaudit` writes reports of the bundled
/// samples, headless Chromium opens them (`Tests/tools/browser_check.py`, the DevTools protocol
/// over a pipe, standard library only), and the test reads back the rendered text, the console
/// and the page's Content-Security-Policy violations. Screenshots land in `.build/screenshots/`
/// for people to look at.
///
/// Skipped, saying why, only when Chromium is missing and `MGAUDIT_REQUIRE_BROWSER` is unset;
/// `.ci/run` installs Chromium and sets it, so CI can never skip this silently.
@Suite(.serialized) struct BrowserTests {
    static let asOf = "2026-12-01"

    static let requireVariable = "MGAUDIT_REQUIRE_BROWSER"

    static var required: Bool {
        let value = ProcessInfo.processInfo.environment[requireVariable] ?? ""
        return !value.isEmpty && value != "0"
    }

    /// `chromium` (Debian) or `chromium-browser` on PATH.
    static var chromium: String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            for name in ["chromium", "chromium-browser"] {
                let candidate = "\(directory)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }

    static var runnable: Bool { chromium != nil || required }

    static let skipMessage = Comment(rawValue: "Chromium is not installed (apt-get install -y chromium fonts-noto-cjk); "
        + "set MGAUDIT_REQUIRE_BROWSER=1 to make a missing browser a failure")

    static var screenshots: URL { MGAuditBinary.packageRoot.appendingPathComponent(".build/screenshots") }

    /// What `browser_check.py` reports for one page.
    struct Page: Decodable {
        var file: String
        var text: String
        var title: String
        var scriptRan: Bool
        var rows: Int
        var images: Int
        var scripts: Int
        var csp: [String]
        var errors: [String]
        var table: Table?
        var screenshots: [String]?
    }

    struct Table: Decodable {
        var present: Bool
        var filtered: Int?
        var withFindings: Int?
        var shownText: String?
        var sortedFirstErrors: Int?
        var ariaSort: String?
    }

    @Test(.enabled(if: runnable, skipMessage))
    func dashboardAndTenantReportRenderCleanly() throws {
        let browser = try #require(Self.chromium, "\(Self.requireVariable) is set but Chromium is not on PATH")
        try Self.expectJapaneseFont()
        let folder = try Self.temporaryFolder()
        let samples = CheckCLITests.sampleTenants
        let dashboard = folder.appendingPathComponent("dashboard.ja.html").path
        let tenant = folder.appendingPathComponent("tenant.near-miss-fullwidth.ja.html").path
        let english = folder.appendingPathComponent("dashboard.en.html").path
        try Self.report(samples, language: "ja", to: dashboard)
        try Self.report(["Samples/tenants/near-miss-fullwidth"], language: "ja", to: tenant)
        try Self.report(samples, language: "en", to: english)
        var pages = [dashboard, tenant, english]
        if let batch = try Self.batchDashboard(in: folder) { pages.append(batch) }

        let results = try Self.check(pages, browser: browser, extra: ["--exercise", "--filter", "near", "--slices", "2"])
        try #require(results.count == pages.count)
        let expected = try Self.titlesAndSubjects(samples, language: "ja")
        for page in results {
            #expect(page.errors.isEmpty, "console errors in \(page.file): \(page.errors)")
            #expect(page.csp.isEmpty, "CSP violations in \(page.file): \(page.csp)")
            #expect(page.scriptRan, "the dashboard script did not run in \(page.file)")
            for shot in page.screenshots ?? [] {
                let bytes = try Data(contentsOf: URL(fileURLWithPath: shot)).prefix(8)
                #expect(bytes == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), "\(shot) is not a PNG")
            }
            #expect(page.screenshots?.count == 4)
        }
        let ja = try #require(results.first)
        #expect(ja.title == "mgaudit 監査レポート \(Self.asOf)")
        #expect(ja.rows == samples.count)
        for text in expected.titles { #expect(ja.text.contains(text), "title \(text) not rendered") }
        for text in expected.subjects { #expect(ja.text.contains(text), "subject \(text) not rendered") }
        // The tenant table works: filtering by "near" leaves the four near-miss samples, and
        // sorting by errors puts a tenant with the most errors first.
        let table = try #require(ja.table)
        let nearMisses = samples.filter { $0.contains("near") }.count
        #expect(table.filtered == nearMisses)
        #expect(table.shownText == "\(nearMisses) / \(samples.count)")
        #expect(table.withFindings == expected.tenantsWithFindings)
        #expect(table.sortedFirstErrors == 2)
        #expect(table.ariaSort == "descending")

        let single = results[1]
        #expect(single.rows == 1)
        let one = try Self.titlesAndSubjects(["Samples/tenants/near-miss-fullwidth"], language: "ja")
        for text in one.titles + one.subjects { #expect(single.text.contains(text), "\(text) not rendered") }
        #expect(results[2].text.contains("Tenants with the most findings"))
    }

    /// The unit tests' dashboard golden file (a baseline, a suppressed and a fixed finding, a
    /// tenant named `"><img src=x onerror=alert(1)>東京`): the browser shows the hostile name as
    /// text and builds no element from it.
    @Test(.enabled(if: runnable, skipMessage))
    func baselineSuppressionsAndHostileNamesRenderAsText() throws {
        let browser = try #require(Self.chromium, "\(Self.requireVariable) is set but Chromium is not on PATH")
        let golden = MGAuditBinary.packageRoot.appendingPathComponent("Tests/MGAuditCoreTests/Fixtures/golden/dashboard.ja.html")
        // Its own name, so its screenshots do not replace the samples' (`fixture-dashboard.ja.png`).
        let copy = try Self.temporaryFolder().appendingPathComponent("fixture-dashboard.ja.html")
        try FileManager.default.copyItem(at: golden, to: copy)
        let page = try #require(try Self.check([copy.path], browser: browser, extra: ["--slices", "2"]).first)
        #expect(page.errors.isEmpty, "\(page.errors)")
        #expect(page.csp.isEmpty, "\(page.csp)")
        #expect(page.scriptRan)
        #expect(page.images == 0)
        #expect(page.scripts == 1)
        #expect(page.text.contains("\"><img src=x onerror=alert(1)>東京"))
        for text in ["抑止された指摘", "前回から解消された指摘", "新規", "Rotated next week <ticket 123> & co", "期限切れ"] {
            #expect(page.text.contains(text), "\(text) not rendered")
        }
    }

    /// With scripting off the page is complete; only the (then useless) table controls stay hidden.
    @Test(.enabled(if: runnable, skipMessage))
    func dashboardIsReadableWithoutScripting() throws {
        let browser = try #require(Self.chromium, "\(Self.requireVariable) is set but Chromium is not on PATH")
        let folder = try Self.temporaryFolder()
        let dashboard = folder.appendingPathComponent("dashboard.ja.html").path
        try Self.report(CheckCLITests.sampleTenants, language: "ja", to: dashboard)
        let page = try #require(try Self.check([dashboard], browser: browser, extra: ["--no-script"]).first)
        #expect(!page.scriptRan)
        #expect(page.errors.isEmpty, "\(page.errors)")
        #expect(page.csp.isEmpty, "\(page.csp)")
        #expect(!page.text.contains("名前で絞り込み"))
        let expected = try Self.titlesAndSubjects(CheckCLITests.sampleTenants, language: "ja")
        for text in expected.titles { #expect(page.text.contains(text), "title \(text) not rendered") }
        #expect(page.text.contains("全テナント"))
    }

    /// The checker must be able to fail: an inline script whose hash is not in the policy is refused
    /// by Chromium, and that refusal must be reported.
    @Test(.enabled(if: runnable, skipMessage))
    func aScriptOutsideThePolicyIsReportedAsAViolation() throws {
        let browser = try #require(Self.chromium, "\(Self.requireVariable) is set but Chromium is not on PATH")
        let folder = try Self.temporaryFolder()
        let page = folder.appendingPathComponent("negative-control.html")
        let html = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="UTF-8"/>
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='"/>
        <title>before</title></head>
        <body><p>negative control</p><script>document.title = "ran";</script></body></html>

        """
        try Data(html.utf8).write(to: page)
        let result = try #require(try Self.check([page.path], browser: browser, extra: []).first)
        #expect(!result.csp.isEmpty, "the refused script was not reported")
        #expect(result.title == "before", "the script outside the policy ran")
        #expect(result.text.contains("negative control"))
    }

    // MARK: - Helpers

    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mgaudit-browser-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// `mgaudit check … --format html -o path`; the samples have findings, so the exit status is 1.
    static func report(_ tenants: [String], language: String, to path: String) throws {
        let result = try MGAuditBinary.run(["check"] + tenants + ["--as-of", asOf, "--format", "html", "--lang", language, "-o", path])
        #expect(result.status == 1, "check exited \(result.status): \(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: path))
    }

    /// `mgaudit batch … --html`, when this build has the `batch` command.
    static func batchDashboard(in folder: URL) throws -> String? {
        let help = try MGAuditBinary.run(["--help"])
        guard help.stdout.contains("  batch ") else { return nil }
        let path = folder.appendingPathComponent("batch.ja.html").path
        let result = try MGAuditBinary.run(["batch", "Samples/tenants", "--as-of", asOf, "--lang", "ja", "--html", path])
        #expect(result.status != 2, "batch --html refused: \(result.stderr)")
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    /// Runs the checker on `files`; its screenshots go to `.build/screenshots/`.
    static func check(_ files: [String], browser: String, extra: [String]) throws -> [Page] {
        try FileManager.default.createDirectory(at: screenshots, withIntermediateDirectories: true)
        let script = MGAuditBinary.packageRoot.appendingPathComponent("Tests/tools/browser_check.py").path
        let output = try run(["python3", script, "--chromium", browser, "--screenshot-dir", screenshots.path] + extra + files)
        #expect(output.status == 0, "browser_check.py failed: \(output.stderr)")
        return try JSONDecoder().decode([Page].self, from: Data(output.stdout.utf8))
    }

    /// The finding titles, the printable subjects and the number of tenants with findings of the
    /// JSON report of `tenants`.
    static func titlesAndSubjects(_ tenants: [String], language: String) throws
        -> (titles: [String], subjects: [String], tenantsWithFindings: Int) {
        let result = try MGAuditBinary.run(["check"] + tenants + ["--as-of", asOf, "--format", "json", "--lang", language])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        var titles: Set<String> = [], subjects: Set<String> = []
        var withFindings = 0
        for tenant in report["tenants"] as? [[String: Any]] ?? [] {
            let findings = tenant["findings"] as? [[String: Any]] ?? []
            if !findings.isEmpty { withFindings += 1 }
            for finding in findings {
                if let title = finding["title"] as? String { titles.insert(title) }
                // Subjects with invisible or unusual characters are shown escaped (⟨U+3000⟩).
                if let subject = finding["subject"] as? String,
                   subject.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }) {
                    subjects.insert(subject)
                }
            }
        }
        #expect(titles.count > 0 && subjects.count > 0)
        return (titles.sorted(), subjects.sorted(), withFindings)
    }

    /// Japanese must render as glyphs, not boxes, in the screenshots: a CJK font has to be there.
    static func expectJapaneseFont() throws {
        let fonts = try run(["fc-list", ":lang=ja", "family"])
        #expect(fonts.status == 0 && !fonts.stdout.isEmpty, "no Japanese font (apt-get install -y fonts-noto-cjk)")
    }

    static func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.currentDirectoryURL = MGAuditBinary.packageRoot
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read before waiting so a large answer cannot fill the pipe and block the child.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }
}
