import Foundation
import MGAuditTestSupport
import Testing

/// Runs the built `mgaudit check` on `Samples/tenants/` and checks findings, exit codes and reports.
@Suite struct CheckCLITests {
    static let asOf = "2026-12-01"

    /// What each sample tenant must report at `asOf`, and nothing else.
    static let expected: [String: Set<String>] = [
        "clean": [],
        "implicit-flags-off": ["implicit-access-token-disabled", "implicit-id-token-disabled", "consent-unknown"],
        "permission-wrong-type": ["permission-wrong-type", "consent-unknown"],
        "secret-expired": ["secret-expired", "consent-unknown"],
        "secret-expiring": ["secret-expiring", "secret-stale", "consent-unknown"],
        "uri-whitespace": ["uri-whitespace", "consent-unknown"],
        "uri-nonascii": ["uri-nonascii", "consent-unknown"],
        "uri-wrong-platform": ["uri-wrong-platform", "consent-unknown"],
        "uri-insecure-duplicate": ["uri-insecure-scheme", "uri-duplicate", "uri-wrong-platform", "consent-unknown"],
        "multi-tenant-renamed": ["not-single-tenant", "display-name-differs", "consent-unknown"],
        "permission-missing-excessive": ["permission-missing", "permission-excessive", "consent-unknown"],
        "secret-none": ["secret-none", "consent-unknown"],
        "moved-host-uri1-missing": ["uri1-missing", "uri-unexpected-host", "consent-unknown"],
        "secret-lifetime-too-long": ["secret-lifetime-too-long", "consent-unknown"],
        "multi-domain-clean": [],
        "multi-domain-missing-uri2": ["uri2-missing-for-domain", "consent-unknown"],
        "near-miss-fullwidth": ["uri-near-miss", "consent-unknown"],
        "near-miss-hyphen": ["uri-near-miss", "consent-unknown"],
        "near-miss-trailing-slash": ["uri-near-miss", "consent-unknown"],
        "near-miss-trailing-space": ["uri-near-miss", "consent-unknown"],
        "uri1-under-spa": ["uri-wrong-platform", "consent-unknown"],
        "secret-id-pasted": ["secret-id-pasted"],
        "secret-hint-mismatch": ["secret-hint-mismatch"],
        "client-id-mismatch": ["client-id-mismatch"],
        "permission-not-consented": ["permission-not-consented"],
        "sheet-mail-pasted": [],
        "sheet-value-problems": ["sheet-value-invalid", "sheet-value-wrapped", "sheet-value-invisible"],
        "client-id-secret-pasted": ["client-id-looks-like-secret"],
        "graph-powershell": ["implicit-id-token-disabled", "consent-unknown"],
        // consent-unknown held back by its mgaudit.yml; secret-expired back after its suppression ended.
        "suppressions": ["secret-expired", "suppression-expired", "suppression-unused"],
    ]

    static var sampleTenants: [String] {
        let folder = MGAuditBinary.packageRoot.appendingPathComponent("Samples/tenants")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { "Samples/tenants/\($0)" }
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func everySampleReportsExactlyItsPitfall() throws {
        let result = try MGAuditBinary.run(["check"] + Self.sampleTenants + ["--as-of", Self.asOf, "--format", "json"])
        #expect(result.status == 1)
        #expect(result.stderr.isEmpty)
        let report = try Self.json(result.stdout)
        #expect(report["schemaVersion"] as? Int == 1)
        #expect(report["asOf"] as? String == Self.asOf)
        let tenants = try #require(report["tenants"] as? [[String: Any]])
        #expect(tenants.count == Self.sampleTenants.count)
        for tenant in tenants {
            let name = try #require(tenant["name"] as? String)
            let rules = Set(((tenant["findings"] as? [[String: Any]]) ?? []).compactMap { $0["rule"] as? String })
            let want = Self.expected[name]
            #expect(want != nil, "sample tenant \(name) has no expectation in CheckCLITests.expected")
            #expect(rules == want ?? [], "tenant \(name)")
        }
    }

    /// The rules of the sign-in request: only triage judges them (its samples reach each one,
    /// `TriagePackCoverageTests`); `check` has no request.
    static let triageOnly: Set<String> = ["requested-uri-wrong-platform", "requested-uri-near-registered", "requested-uri-near-other-platform",
                                          "requested-uri-not-registered", "requested-uri-not-on-sheet", "requested-uri-far-from-sheet",
                                          "common-endpoint-single-tenant"]

    /// Every rule of the pack has a sample tenant it fires on (input problems are tested apart).
    @Test func everyRuleHasASample() throws {
        let listing = try MGAuditBinary.run(["rules", "--lang", "en"])
        let ids = Set(listing.stdout.split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) })
        #expect(ids.count >= 24)
        let covered = Set(Self.expected.values.joined())
        let untested = ids.subtracting(covered).subtracting(Self.triageOnly).filter { !$0.hasPrefix("input-") }
        #expect(untested.isEmpty, "rules without a sample tenant: \(untested.sorted())")
    }

    @Test func cleanTenantPassesAndFailOnDecidesTheExitCode() throws {
        let clean = ["check", "Samples/tenants/clean", "Samples/tenants/multi-domain-clean", "--as-of", Self.asOf]
        #expect(try MGAuditBinary.run(clean + ["--fail-on", "info"]).status == 0)
        let infoOnly = ["check", "Samples/tenants/secret-expiring", "--as-of", Self.asOf]
        #expect(try MGAuditBinary.run(infoOnly).status == 0)
        #expect(try MGAuditBinary.run(infoOnly + ["--fail-on", "warning"]).status == 1)
        let all = ["check"] + Self.sampleTenants + ["--as-of", Self.asOf]
        #expect(try MGAuditBinary.run(all + ["--fail-on", "never"]).status == 0)
        #expect(try MGAuditBinary.run(all + ["--fail-on", "warning"]).status == 1)
    }

    @Test func truncatedManifestIsExitTwoWithOneLineNamingIt() throws {
        let file = MGAuditBinary.packageRoot.appendingPathComponent("Tests/MGAuditCoreTests/Fixtures/manifests/truncated.json").path
        let result = try MGAuditBinary.run(["check", file, "--as-of", Self.asOf])
        #expect(result.status == 2)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.contains("truncated.json") == true)
        #expect(!result.stderr.contains("Fatal error"))
        #expect(result.stdout.contains("input-unreadable"))
    }

    @Test(arguments: [["check", "Samples/tenants/clean", "--as-of", "2026-13-45"],
                      ["check", "Samples/tenants/clean", "--format", "pdf"],
                      ["check", "Samples/tenants/no-such-tenant"],
                      ["check"]])
    func usageErrorsAreExitTwo(arguments: [String]) throws {
        let result = try MGAuditBinary.run(arguments)
        #expect(result.status == 2)
        #expect(!result.stderr.isEmpty)
    }

    @Test func reportsOfTheSamplesMatchTheirGoldenFiles() throws {
        for format in ["text", "json", "html"] {
            for language in ["ja", "en"] {
                try checkGolden(format: format, language: language)
            }
        }
    }

    func checkGolden(format: String, language: String) throws {
        let result = try MGAuditBinary.run(["check"] + Self.sampleTenants
            + ["--as-of", Self.asOf, "--format", format, "--lang", language])
        #expect(result.status == 1)
        let ext = format == "text" ? "txt" : format
        try GoldenFile.check(result.stdout, against: "samples.\(language).\(ext)")
    }

    @Test func htmlIsSelfContainedAndEscapesInput() throws {
        let result = try MGAuditBinary.run(["check"] + Self.sampleTenants + ["--as-of", Self.asOf, "--format", "html", "--lang", "en"])
        let html = result.stdout
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<html lang=\"en\">"))
        for external in ["<link", "src=", "@import", "url("] {
            #expect(!html.contains(external), "HTML report contains \(external)")
        }
        // One script, the dashboard's own (allowed by its hash in the page's policy; BrowserTests).
        #expect(html.components(separatedBy: "<script").count == 2)
        #expect(html.contains("<script>(function () {"))
        #expect(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"))
        #expect(html.contains("⟨U+3000⟩"))
        #expect(!html.contains("\u{3000}"))
    }

    @Test func outputFileHoldsTheSameReport() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mgaudit-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("report.json").path
        let arguments = ["check", "Samples/tenants/secret-expired", "--as-of", Self.asOf, "--format", "json"]
        let toFile = try MGAuditBinary.run(arguments + ["--output", file])
        let toStdout = try MGAuditBinary.run(arguments)
        #expect(toFile.status == 1)
        #expect(toFile.stdout.isEmpty)
        #expect(try String(contentsOfFile: file, encoding: .utf8) == toStdout.stdout)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["report.json"])
    }

    @Test func secretValuesNeverReachAnyOutput() throws {
        for format in ["text", "json", "html"] {
            let result = try MGAuditBinary.run(["check", "Samples/tenants/clean", "--as-of", Self.asOf, "--format", format])
            #expect(!result.stdout.contains("sample.not.a.real.secret"))
        }
    }

    @Test func rulesListsThePackInBothLanguages() throws {
        let en = try MGAuditBinary.run(["rules", "--lang", "en"])
        #expect(en.status == 0)
        #expect(en.stdout.contains("implicit-id-token-disabled"))
        #expect(en.stdout.contains("error"))
        let ja = try MGAuditBinary.run(["rules", "--lang", "ja"])
        #expect(ja.stdout.contains("「ID トークン」"))
    }

    @Test func languageComesFromTheLocale() throws {
        let result = try MGAuditBinary.run(["check", "Samples/tenants/secret-expired", "--as-of", Self.asOf],
                                           environment: ["LANG": "ja_JP.UTF-8"])
        #expect(result.stdout.contains("有効期限"))
    }
}

/// Inputs that must be refused cleanly: broken rule packs, hostile XML, explicit sheets.
@Suite struct CheckCLIInputTests {
    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mgaudit-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func malformedRulePackNamesFileAndLine() throws {
        let folder = try Self.temporaryFolder()
        let rules = MGAuditBinary.packageRoot.appendingPathComponent("rules")
        for name in try FileManager.default.contentsOfDirectory(atPath: rules.path) where name.hasSuffix(".yaml") {
            try FileManager.default.copyItem(at: rules.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        let pack = folder.appendingPathComponent("mailgates-m365.yaml")
        var text = try String(contentsOf: pack, encoding: .utf8)
        text = text.replacingOccurrences(of: "severity: error", with: "severity: [error", options: [], range: text.range(of: "severity: error"))
        try text.write(to: pack, atomically: true, encoding: .utf8)
        let result = try MGAuditBinary.run(["check", "Samples/tenants/clean", "--rules", folder.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("mailgates-m365.yaml:"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func xlsxWithAnExternalEntityIsRefusedQuickly() throws {
        let folder = try Self.temporaryFolder()
        let tenant = folder.appendingPathComponent("xxe-tenant")
        try FileManager.default.createDirectory(at: tenant, withIntermediateDirectories: true)
        let fixtures = MGAuditBinary.packageRoot.appendingPathComponent("Tests/MGAuditCoreTests/Fixtures")
        try FileManager.default.copyItem(at: fixtures.appendingPathComponent("sheets/xxe.xlsx"), to: tenant.appendingPathComponent("sheet.xlsx"))
        try FileManager.default.copyItem(at: fixtures.appendingPathComponent("manifests/graph.json"), to: tenant.appendingPathComponent("manifest.json"))
        let started = Date()
        let result = try MGAuditBinary.run(["check", tenant.path, "--as-of", "2026-12-01"])
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(result.status == 2)
        #expect(result.stderr.contains("sheet.xlsx"))
        #expect(result.stderr.contains("refused"))
        #expect(!result.stdout.contains("root:"))
    }

    @Test func explicitSheetWinsOverTheFolders() throws {
        let folder = try Self.temporaryFolder()
        let sheet = folder.appendingPathComponent("other-sheet.yaml")
        try """
            kind: mailgates-notification-sheet
            domains: [example.co.jp]
            uri1: https://zzz-mgf.cybermail.jp/mg-cgi/mg_oauth
            uri2: [{domain: example.co.jp, uri: https://zzz-mgf.cybermail.jp/mg-cgi/mg_login}]
            """.write(to: sheet, atomically: true, encoding: .utf8)
        let result = try MGAuditBinary.run(["check", "Samples/tenants/clean", "--sheet", sheet.path, "--as-of", "2026-12-01",
                                            "--format", "json"])
        #expect(result.stdout.contains(sheet.path))
        #expect(result.stdout.contains("notification-sheet"))
        let missing = try MGAuditBinary.run(["check", "Samples/tenants/clean", "--sheet", "/no/such/sheet.txt"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("/no/such/sheet.txt"))
    }
}
