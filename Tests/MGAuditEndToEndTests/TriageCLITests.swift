import Foundation
import Testing

/// `mgaudit triage` and `mgaudit explain` as a user runs them, on the shipped samples.
@Suite struct TriageCLITests {
    static let asOf = ["--as-of", "2026-12-01"]
    static let samples = "Samples/errors/"
    static let tenants = "Samples/errors/tenants/"

    /// Runs `triage … --format json` and returns the exit status and the `errors` array.
    func triageJSON(_ arguments: [String], stdin: String? = nil) throws -> (status: Int32, errors: [[String: Any]], stderr: String) {
        let result = try MGAuditBinary.run(["triage"] + arguments + ["--format", "json", "--lang", "en"] + Self.asOf, stdin: stdin)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(object?["schemaVersion"] as? Int == 1)
        return (result.status, object?["errors"] as? [[String: Any]] ?? [], result.stderr)
    }

    static func rules(_ error: [String: Any]) -> [String] {
        (error["findings"] as? [[String: Any]] ?? []).compactMap { $0["rule"] as? String }
    }

    /// Every error sample: its first code and cause (the log: its first and count).
    static let expected: [(file: String, code: String, cause: String)] = [
        ("adal-70002-50012.log", "AADSTS50012", "invalid_client_secret"),
        ("admin-consent-65004.url", "AADSTS65004", "user_declined_consent"),
        ("consent-need-admin-approval-ja.txt", "AADSTS90094", "admin_consent_required"),
        ("customer-mail-addsts50020.txt", "AADSTS50020", "wrong_tenant_or_account"),
        ("authorize-request-and-page-50011.txt", "AADSTS50011", "redirect_uri_mismatch"),
        ("consent-65001.url", "AADSTS65001", "consent_required"),
        ("double-encoded-50194.txt", "AADSTS50194", "wrong_tenant_or_account"),
        ("fragment-700054.url", "AADSTS700054", "implicit_id_token_disabled"),
        ("mailgates-oauth.log", "AADSTS50011", "redirect_uri_mismatch"),
        ("page-conditional-access-53003.txt", "AADSTS53003", "conditional_access_blocked"),
        ("page-en-50011-group-domain.txt", "AADSTS50011", "redirect_uri_mismatch"),
        ("page-en-50011-old-wording.txt", "AADSTS50011", "redirect_uri_mismatch"),
        ("page-en-700016-object-id.txt", "AADSTS700016", "app_not_found"),
        ("page-en-700016.txt", "AADSTS700016", "app_not_found"),
        ("page-ja-50011.txt", "AADSTS50011", "redirect_uri_mismatch"),
        ("page-ja-7000218.txt", "AADSTS7000218", "missing_parameter"),
        ("percent20-700051.url", "AADSTS700051", "implicit_access_token_disabled"),
        ("redirect-65004-query.url", "AADSTS65004", "user_declined_consent"),
        ("token-7000215.json", "AADSTS7000215", "invalid_client_secret"),
        ("token-7000222.json", "AADSTS7000222", "expired_client_secret"),
    ]

    /// `triage` is parsed on its own for a fast start; a usage error or `--help` is still answered
    /// from the root command, with the root's usage line and help.
    @Test func usageAndHelpAreTheRootCommands() throws {
        let unknown = try MGAuditBinary.run(["triage", "--bogus", "x"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("Unknown option '--bogus'"))
        #expect(unknown.stderr.contains("Usage: mgaudit triage"))
        let help = try MGAuditBinary.run(["triage", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("USAGE: mgaudit triage"))
    }

    @Test func everySampleIsCovered() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: MGAuditBinary.packageRoot.appendingPathComponent(Self.samples).path)
        let files = Set(names.filter { !$0.hasPrefix(".") && $0 != "tenants" && $0 != "garbage.txt" && !$0.hasSuffix(".sh") })
        #expect(files == Set(Self.expected.map(\.file)))
    }

    @Test(arguments: expected.map(\.file))
    func sampleGivesCodeAndCause(_ file: String) throws {
        let want = try #require(Self.expected.first { $0.file == file })
        let (status, errors, _) = try triageJSON([Self.samples + file])
        #expect(status == 0, "no tenant files: nothing at error severity")
        #expect(errors.first?["code"] as? String == want.code)
        #expect(errors.first?["cause"] as? String == want.cause)
        #expect(errors.first?["known"] as? Bool == true)
    }

    @Test func logGroupsRepeats() throws {
        let (_, errors, _) = try triageJSON([Self.samples + "mailgates-oauth.log"])
        #expect(errors.count == 15)
        #expect(errors.first?["occurrences"] as? Int == 3)
        #expect(errors.last?["known"] as? Bool == false)
        #expect(errors.last?["cause"] as? String == "unknown")
    }

    /// Samples/errors/tenants/README.md: each tenant folder with its sample(s) and finding(s).
    static let pairs: [(tenant: String, file: String, rules: [String], status: Int32)] = [
        ("near-miss", "authorize-request-and-page-50011.txt", ["requested-uri-near-registered"], 1),
        ("near-miss", "page-ja-50011.txt", ["requested-uri-near-registered"], 1),
        ("near-miss", "mailgates-oauth.log", ["requested-uri-near-registered"], 1),
        ("wrong-platform", "authorize-request-and-page-50011.txt", ["requested-uri-wrong-platform"], 1),
        ("secret-expired", "token-7000222.json", ["secret-expired"], 1),
        ("secret-id-pasted", "token-7000215.json", ["secret-id-pasted"], 1),
        ("client-id", "page-en-700016.txt", ["client-id-mismatch"], 1),
        ("client-id", "page-en-700016-object-id.txt", ["client-id-mismatch", "client-id-mismatch"], 1),
        ("consent", "consent-65001.url", ["permission-wrong-type", "consent-unknown"], 1),
        ("implicit-off", "fragment-700054.url", ["implicit-id-token-disabled"], 1),
        ("implicit-off", "percent20-700051.url", ["implicit-access-token-disabled"], 1),
        ("implicit-off", "double-encoded-50194.txt", ["common-endpoint-single-tenant"], 0),
    ]

    @Test(arguments: pairs.indices)
    func tenantPairGivesItsFinding(_ index: Int) throws {
        let pair = Self.pairs[index]
        let (status, errors, _) = try triageJSON([Self.samples + pair.file, "--tenant", Self.tenants + pair.tenant])
        #expect(errors.first.map(Self.rules) == pair.rules, "\(pair.tenant) + \(pair.file)")
        #expect(status == pair.status, "exit 1 only for an error-severity finding")
    }

    /// A request rule's texts come from the pack: a copied pack with another title changes the output.
    @Test func requestRuleTitleComesFromTheRulesFolder() throws {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("mgaudit-rules-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: copy) }
        try FileManager.default.copyItem(at: MGAuditBinary.packageRoot.appendingPathComponent("rules"), to: copy)
        let pack = copy.appendingPathComponent("mailgates-m365.yaml")
        let original = "en: Single-tenant app signed in through the common endpoint"
        let text = try String(contentsOf: pack, encoding: .utf8)
        #expect(text.contains(original))
        try text.replacingOccurrences(of: original, with: "en: Signed in through the wrong endpoint (edited pack)")
            .write(to: pack, atomically: true, encoding: .utf8)
        let arguments = ["triage", Self.samples + "double-encoded-50194.txt", "--tenant", Self.tenants + "implicit-off",
                         "--format", "json", "--lang", "en"] + Self.asOf
        let shipped = try MGAuditBinary.run(arguments)
        let edited = try MGAuditBinary.run(arguments + ["--rules", copy.path])
        #expect(shipped.stdout.contains("Single-tenant app signed in through the common endpoint"))
        #expect(edited.stdout.contains("Signed in through the wrong endpoint (edited pack)"))
        #expect(!edited.stdout.contains("Single-tenant app signed in through the common endpoint"))
        #expect(edited.status == shipped.status)
    }

    /// `--tz`: the page's Timestamp in UTC, Japan time or both; the default follows TZ; JSON stays UTC.
    @Test func timesInUTCAndJapanTime() throws {
        let page = ["triage", Self.samples + "double-encoded-50194.txt", "--lang", "en"]
        let utc = "Timestamp: 2025-03-10T09:25:13Z"
        let both = "Timestamp: 2025-03-10T09:25:13Z / 2025-03-10T18:25:13+09:00 (JST)"
        #expect(try MGAuditBinary.run(page).stdout.contains(utc + "\n"))
        #expect(try MGAuditBinary.run(page + ["--tz", "both"]).stdout.contains(both))
        #expect(try MGAuditBinary.run(page + ["--tz", "jst"]).stdout.contains("Timestamp: 2025-03-10T18:25:13+09:00 (JST)\n"))
        #expect(try MGAuditBinary.run(page, environment: ["TZ": "Asia/Tokyo"]).stdout.contains(both))
        #expect(try MGAuditBinary.run(page + ["--tz", "utc"], environment: ["TZ": "Asia/Tokyo"]).stdout.contains(utc + "\n"))
        let json = try MGAuditBinary.run(page + ["--format", "json", "--tz", "both"]).stdout
        #expect(json.contains("\"timestamp\" : \"2025-03-10T09:25:13Z\""))
        let bad = try MGAuditBinary.run(page + ["--tz", "pst"])
        #expect(bad.status == 64 || bad.status == 2, "a usage error")
    }

    @Test func nearMissEvidenceHasTheExplainerDiff() throws {
        let (_, errors, _) = try triageJSON([Self.samples + "page-ja-50011.txt", "--tenant", Self.tenants + "near-miss"])
        let finding = try #require((errors.first?["findings"] as? [[String: Any]])?.first)
        let evidence = try #require(finding["evidence"] as? [String: Any])
        #expect(evidence["expected"] as? String == "https://abc-mgf.cybermail.jp/mg-cgi/mg_login")
        #expect(evidence["actual"] as? String == "https://abc-mgf.cybermail.jp/mg-cgi/mglogin")
        let edits = try #require(evidence["edits"] as? [[String: Any]])
        #expect(edits.first?["kind"] as? String == "missing-symbol")
        #expect(edits.first?["position"] as? Int == 38)
    }

    @Test func singleFilesInsteadOfATenantFolder() throws {
        let (status, errors, _) = try triageJSON([Self.samples + "token-7000215.json",
                                                  "--manifest", Self.tenants + "secret-id-pasted/manifest.json",
                                                  "--settings", Self.tenants + "secret-id-pasted/mailgates-settings.yaml"])
        #expect(status == 1)
        #expect(errors.first.map(Self.rules) == ["secret-id-pasted"])
    }

    @Test
    func sheetTellsAnotherDomainsURI2FromASlip() throws {
        let (status, errors, stderr) = try triageJSON([Self.samples + "page-en-50011-group-domain.txt",
                                                       "--tenant", Self.tenants + "sheet-group-domain"])
        #expect(stderr.isEmpty)
        #expect(status == 1)
        #expect(errors.first.map(Self.rules) == ["requested-uri-not-registered"])
    }

    @Test func stdinAndLiteralURL() throws {
        let url = "https://abc-mgf.cybermail.jp/mg-cgi/mg_login#error=unsupported_response_type&error_description=AADSTS700054%3a+response_type+%27id_token%27+is+not+enabled+for+the+application."
        let piped = try triageJSON(["-", "--tenant", Self.tenants + "implicit-off"], stdin: url + "\n")
        #expect(piped.errors.first?["code"] as? String == "AADSTS700054")
        #expect(piped.errors.first.map(Self.rules) == ["implicit-id-token-disabled"])
        #expect(piped.status == 1)
        let literal = try triageJSON([url])
        #expect(literal.errors.first?["cause"] as? String == "implicit_id_token_disabled")
        #expect(literal.status == 0)
    }

    @Test func garbageIsExitTwoWithOneLineNamingTheInput() throws {
        let result = try MGAuditBinary.run(["triage", Self.samples + "garbage.txt"] + Self.asOf)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.contains("Samples/errors/garbage.txt: no OAuth error found") == true)
        let piped = try MGAuditBinary.run(["triage", "-"] + Self.asOf, stdin: "承諾を押したら画面が真っ白になりました。\n")
        #expect(piped.status == 2)
        #expect(piped.stderr == "mgaudit: <stdin>: no OAuth error found (expected an error redirect URL, a token-endpoint JSON error, Microsoft's error page text or an AADSTS code)\n")
        let missing = try MGAuditBinary.run(["triage", "no-such-file.txt"] + Self.asOf)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no-such-file.txt: no such file"))
        #expect(try MGAuditBinary.run(["triage"] + Self.asOf).status == 2)
    }

    @Test func oneBadInputAmongGoodOnesStillPrintsTheGood() throws {
        let result = try MGAuditBinary.run(["triage", Self.samples + "garbage.txt", Self.samples + "fragment-700054.url", "--lang", "en"] + Self.asOf)
        #expect(result.status == 2)
        #expect(result.stdout.hasPrefix("AADSTS700054"))
        #expect(result.stderr.contains("garbage.txt"))
    }

    @Test func explainInBothLanguages() throws {
        let ja = try MGAuditBinary.run(["explain", "50011", "--lang", "ja"])
        #expect(ja.status == 0)
        #expect(ja.stdout.hasPrefix("AADSTS50011 (InvalidReplyTo) — redirect_uri_mismatch\n"))
        #expect(ja.stdout.contains("手順書: OAuth クライアントID作成手順 6, 8"))
        let en = try MGAuditBinary.run(["explain", "AADSTS50011", "--lang", "en"])
        #expect(en.status == 0)
        #expect(en.stdout.contains("Setup guide: OAuth client ID setup, steps 6 and 8"))
        #expect(en.stdout.contains("Related rules: uri-near-miss"))
        let unknown = try MGAuditBinary.run(["explain", "AADSTS1234567"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.split(separator: "\n").count == 1)
        #expect(unknown.stderr.contains("AADSTS1234567 is not in the catalog"))
        #expect(try MGAuditBinary.run(["explain", "hello"]).status == 2)
    }

    @Test func markdownForATicket() throws {
        let result = try MGAuditBinary.run(["triage", Self.samples + "authorize-request-and-page-50011.txt", "--tenant", Self.tenants + "near-miss",
                                            "--format", "markdown", "--lang", "ja"] + Self.asOf)
        #expect(result.status == 1)
        #expect(result.stdout.hasPrefix("### AADSTS50011 (InvalidReplyTo)\n"))
        #expect(result.stdout.contains("""
        ```text
        # 要求された URI（MailGates が送信）
        https://abc-mgf.cybermail.jp/mg-cgi/mg_login
        # 登録済みの URI（Entra ID）
        https://abc-mgf.cybermail.jp/mg-cgi/mglogin
                                              ^
        ```
        """))
        #expect(result.stdout.contains("1. 「認証」の「Web」にある「https://abc-mgf.cybermail.jp/mg-cgi/mglogin」を「https://abc-mgf.cybermail.jp/mg-cgi/mg_login」に書き換え、「保存」をクリックしてください。"))
        #expect(result.stdout.contains("**誰が直すか:** お客様の管理者（アプリケーション管理者 (Application Administrator)）"))
        #expect(result.stdout.contains("**手順書:** OAuth クライアントID作成手順 6, 8"))
    }

    @Test func htmlIsOneSelfContainedPageWrittenToAFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mgaudit-triage-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("triage.html").path
        let hostile = "https://abc-mgf.cybermail.jp/mg-cgi/mg_login?error=access_denied&error_description=AADSTS65004%3a+%3Cscript%3Ealert(1)%3C%2Fscript%3E"
        let result = try MGAuditBinary.run(["triage", Self.samples + "page-ja-50011.txt", hostile, "--tenant", Self.tenants + "near-miss",
                                            "--format", "html", "--lang", "en", "-o", output] + Self.asOf)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        let html = try String(contentsOfFile: output, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<ins>") || html.contains("class=\"gap\""))
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;"))
        #expect(!html.contains("http://") && !html.contains("<link"))
    }
}

/// Issue 7: triage on hostile and mistyped input, as the binary runs it.
@Suite struct TriageTrustCLITests {
    static let asOf = ["--as-of", "2026-12-01"]

    @Test func urlCutAtAmpersandIsExitTwoWithAQuotingHint() throws {
        let cut = try MGAuditBinary.run(["triage", "https://abc-mgf.cybermail.jp/mg-cgi/mg_login?error=invalid_request"] + Self.asOf)
        #expect(cut.status == 2)
        #expect(cut.stdout.isEmpty)
        let lines = cut.stderr.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.contains("looks cut at '&'") == true)
        #expect(lines.first?.contains("quote it: mgaudit triage '<url>'") == true)
        #expect(!cut.stdout.contains("unknown"))
        let request = try MGAuditBinary.run(["triage", "https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=7671e18a"] + Self.asOf)
        #expect(request.status == 2)
        #expect(request.stderr.contains("only 'client_id=7671e18a' arrived"))
        // Beside a good input, the good one is still reported and the cut one named.
        let mixed = try MGAuditBinary.run(["triage", "Samples/errors/fragment-700054.url", "error=access_denied", "--lang", "en"] + Self.asOf)
        #expect(mixed.status == 2)
        #expect(mixed.stdout.hasPrefix("AADSTS700054"))
        #expect(!mixed.stdout.contains("access_denied"))
        #expect(mixed.stderr.contains("argument 'error=access_denied': the URL looks cut at '&'"))
    }

    @Test(arguments: ["--manifest", "--sheet", "--settings", "--consent"])
    func aFolderWhereAFileIsExpectedIsAUsageError(_ option: String) throws {
        let result = try MGAuditBinary.run(["triage", "Samples/errors/fragment-700054.url", option, "Samples/errors/tenants/near-miss"] + Self.asOf)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "mgaudit: \(option) Samples/errors/tenants/near-miss: is a folder; give a file (or the whole folder with --tenant)\n")
    }

    @Test func misspeltAndCodeLessTextsGivenLiterally() throws {
        let typo = try MGAuditBinary.run(["triage", "ADDSTS50020: User account", "--format", "json"] + Self.asOf)
        #expect(typo.status == 0)
        let error = try #require(((try JSONSerialization.jsonObject(with: Data(typo.stdout.utf8)) as? [String: Any])?["errors"] as? [[String: Any]])?.first)
        #expect(error["code"] as? String == "AADSTS50020")
        #expect(error["codeSource"] as? String == "misspelt")
        #expect(error["codeWritten"] as? String == "ADDSTS50020")
        let wording = try MGAuditBinary.run(["triage", "-", "--lang", "en"] + Self.asOf, stdin: "Need admin approval\n")
        #expect(wording.status == 0)
        #expect(wording.stdout.hasPrefix("AADSTS90094 (AdminConsentRequired)"))
        #expect(wording.stdout.contains("inferred from Microsoft's wording \"Need admin approval\""))
    }

    static let jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlc2lnbmF0dXJl"

    @Test(arguments: ["text", "json", "markdown", "html"])
    func secretsAreNeverEchoed(_ format: String) throws {
        let literal = "https://abc-mgf.cybermail.jp/mg-cgi/mg_login?error=invalid_client&error_description=AADSTS7000215%3a+Invalid+client+secret+provided.+client_secret%3dabc8Q~Zq1xY2wV3uT4sR5qP6oN7mL8kJ9iH0gF_e"
            + "&code=0.AXoAabcdefghijklmnopqrstuvwxyz0123&id_token=\(Self.jwt)"
        let stdin = "POST /token grant_type=client_credentials&client_secret=hunter2hunter2&assertion=\(Self.jwt) AADSTS7000215: Invalid client secret provided.\n"
        let result = try MGAuditBinary.run(["triage", literal, "-", "client_secret=notanerror9999", "--format", format] + Self.asOf, stdin: stdin)
        #expect(result.status == 2, "the last argument is no error")
        for secret in ["abc8Q~Zq1x", "0.AXoAabcdef", "eyJhbGciOiJSUzI1NiJ9", "hunter2hunter2", "notanerror9999"] {
            #expect(!result.stdout.contains(secret), "\(secret) in stdout")
            #expect(!result.stderr.contains(secret), "\(secret) in stderr")
        }
        #expect(result.stdout.contains("[REDACTED]"))
    }

    @Test func markdownAndHTMLCarryNoRawScriptFromErrorCodesOrMessages() throws {
        let hostile = #"{"error":"<script>alert(1)</script>","error_codes":["<script>alert(2)</script>",50011],"error_description":"AADSTS50011: The redirect URI '<script>alert(3)</script>' specified"}"#
        for format in ["markdown", "html"] {
            let result = try MGAuditBinary.run(["triage", "-", "--format", format, "--lang", "en"] + Self.asOf, stdin: hostile + "\n")
            #expect(result.status == 0)
            let spans = try NSRegularExpression(pattern: "(`+).*?\\1")
            let outside = spans.stringByReplacingMatches(in: result.stdout, range: NSRange(result.stdout.startIndex..., in: result.stdout), withTemplate: "")
            #expect(!outside.contains("<script>"), "\(format)")
        }
    }

    /// `Samples/errors/make-large-log.sh` at 100,000 lines through the debug binary: a guard
    /// against quadratic time (the 1,000,000-line release measurement is in docs/triage.md).
    @Test func largeLogIsTriagedInBoundedTime() throws {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("mgaudit-large-\(UUID().uuidString).log")
        defer { try? FileManager.default.removeItem(at: log) }
        let make = Process()
        make.executableURL = URL(fileURLWithPath: "/bin/sh")
        make.arguments = ["-c", "sh Samples/errors/make-large-log.sh 100000 > '\(log.path)'"]
        make.currentDirectoryURL = MGAuditBinary.packageRoot
        try make.run()
        make.waitUntilExit()
        let start = Date()
        let result = try MGAuditBinary.run(["triage", log.path, "--format", "json"] + Self.asOf)
        let seconds = Date().timeIntervalSince(start)
        #expect(result.status == 0)
        let errors = try #require((try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])?["errors"] as? [[String: Any]])
        #expect(errors.compactMap { $0["code"] as? String }.sorted() == ["AADSTS50011", "AADSTS65004", "AADSTS7000222"])
        #expect(errors.compactMap { $0["occurrences"] as? Int }.reduce(0, +) == 1_000)
        #expect(seconds < 60, "took \(seconds) s")
    }
}

@Suite struct TriageTenantFolderTests {
    @Test func errorTextsInTheTenantFolderAreTheInputsWhenNoneAreGiven() throws {
        let result = try MGAuditBinary.run(["triage", "--tenant", "Samples/errors/tenants/near-miss", "--as-of", "2026-12-01",
                                            "--format", "json"])
        #expect(result.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let errors = try #require(object["errors"] as? [[String: Any]])
        #expect(errors.map { $0["code"] as? String } == ["AADSTS50011"])
        let rules = (errors.first?["findings"] as? [[String: Any]])?.compactMap { $0["rule"] as? String } ?? []
        #expect(rules.contains("requested-uri-near-registered"))
    }

    @Test func markdownGivesTheRulesFixAsTheStepAndItsMessageAsEvidence() throws {
        let result = try MGAuditBinary.run(["triage", "Samples/errors/token-7000215.json", "--tenant",
                                            "Samples/errors/tenants/secret-id-pasted", "--as-of", "2026-12-01",
                                            "--format", "markdown", "--lang", "ja"])
        #expect(result.status == 1)
        let parts = result.stdout.components(separatedBy: "**対処**")
        #expect(parts.count == 2)
        #expect(parts.first?.contains("GUID 形式です") == true)
        #expect(parts.last?.contains("1. 「証明書とシークレット」の「値」列の文字列をコピーし") == true)
    }

    @Test func aFolderWithoutErrorTextsIsAUsageError() throws {
        let result = try MGAuditBinary.run(["triage", "--tenant", "Samples/tenants/clean"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--tenant folder holding an error text"))
    }
}
