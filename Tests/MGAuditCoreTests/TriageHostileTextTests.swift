import Foundation
import Testing
@testable import MGAuditCore

/// Triage on the texts customers really send: several codes, typo'd prefixes, no code at all,
/// URLs cut by the shell, their own words around the error, secrets, control characters, and
/// inputs built to make a careless scanner quadratic.
@Suite struct TriageHostileTextTests {
    typealias F = TriageFixtures

    func run(_ text: String) throws -> TriageReport {
        try Triage.run(text: text, catalog: try F.catalog(), asOf: F.asOf)
    }

    // MARK: 1. Every code in a text

    @Test func adalMessageYieldsBothCodesInnermostFirst() throws {
        let report = try run("AADSTS70002: Error validating credentials. AADSTS50012: Invalid client secret is provided.")
        #expect(report.errors.map(\.error.code) == ["AADSTS50012", "AADSTS70002"])
        #expect(report.errors.allSatisfy { $0.known })
        #expect(report.errors.first?.error.description == "AADSTS50012: Invalid client secret is provided.")
        #expect(report.errors.last?.error.description == "AADSTS70002: Error validating credentials.")
        #expect(report.errors.first?.error.relatedCodes == ["AADSTS70002"])
        #expect(report.errors.first?.notes.first?.en.contains("AADSTS70002") == true)
    }

    @Test func repeatedCodesAreOneAndRedirectDescriptionsSplitToo() throws {
        let url = "https://abc-mgf.cybermail.jp/mg-cgi/mg_login?error=invalid_client&error_description="
            + "AADSTS70002%3a+Error+validating+credentials.+AADSTS50012%3a+Invalid+client+secret+is+provided.+AADSTS70002%3a+again&state=1"
        let errors = try OAuthErrorParser.parse(url)
        #expect(errors.map(\.code) == ["AADSTS50012", "AADSTS70002"])
        let allRedirects = errors.allSatisfy { $0.sourceKind == .redirectURL && $0.state == "1" }
        #expect(allRedirects)
    }

    // MARK: 2. Near-miss prefixes

    @Test(arguments: [
        ("ADDSTS50020: User account 'a@b.jp' from identity provider", "ADDSTS50020", "misspelt"),
        ("AADST50020: User account", "AADST50020", "misspelt"),
        ("AASTS50020: User account", "AASTS50020", "misspelt"),
        ("AADSTS 50020: User account", "AADSTS 50020", "space"),
        ("AADSTS５００２０: User account", "AADSTS５００２０", "full-width"),
        ("ＡＡＤＳＴＳ５００２０", "ＡＡＤＳＴＳ５００２０", "full-width"),
    ])
    func nearMissPrefixIsRecognisedAndSaidSo(_ text: String, _ written: String, _ kind: String) throws {
        let result = try #require(try run(text).errors.first)
        #expect(result.error.code == "AADSTS50020")
        #expect(result.error.codeSource == .misspelt)
        #expect(result.error.codeEvidence == written)
        let note = try #require(result.notes.first?.en)
        #expect(note.contains(written))
        switch kind {
        case "misspelt": #expect(note.contains("one letter away from AADSTS"))
        case "space": #expect(note.contains("with a space"))
        default: #expect(note.contains("full-width"))
        }
        #expect(TriageTextRenderer.render(try run(text), language: .ja).contains("注記: 入力ではコードが「\(written)」"))
    }

    @Test func wordsNearCodeShapesAreNotCodes() {
        for text in ["TESTS50011", "AD50011", "ADMINISTRATORS12345", "xAADSTSx50011", "AADSTS123"] {
            #expect(AADSTSCodeScanner.matches(in: text).isEmpty, "\(text)")
        }
        #expect(AADSTSCodeScanner.matches(in: "aadsts50011").first?.exact == true)
    }

    // MARK: 3. Texts without a code

    @Test(arguments: [
        ("Need admin approval\nMAILGATES Σ needs permission to access resources in your organization that only an admin can grant.", "AADSTS90094"),
        ("管理者の承認が必要\nMAILGATES Σ 管理者のみが付与できる組織内のリソースにアクセスするためのアクセス許可が必要です。", "AADSTS90094"),
        ("The reply URL specified in the request does not match the reply URLs configured for the application: '7671e18a-3c2b-4d5e-9f01-23456789abcd'.", "AADSTS50011"),
        ("アプリケーションが正しく構成されていません。", "AADSTS650056"),
        ("error=access_denied&error_description=The+user+or+administrator+has+not+consented+to+use+the+application+with+ID+%27x%27", "AADSTS65001"),
    ])
    func codeIsInferredFromMicrosoftsWordingAndSaidSo(_ text: String, _ code: String) throws {
        let result = try #require(try run(text).errors.first)
        #expect(result.error.code == code)
        #expect(result.error.codeSource == .inferred)
        #expect(result.known)
        #expect(result.notes.first?.en.contains("inferred from Microsoft's wording") == true)
        #expect(result.notes.first?.ja.contains("と推定しました") == true)
    }

    /// Words about the same trouble, but not Microsoft's: no code is guessed from them.
    @Test(arguments: ["管理者に承認をお願いしましたが、まだサインインできません。", "We asked an admin to approve it and still cannot sign in."])
    func wordsThatAreNotMicrosoftsInferNothing(_ text: String) throws {
        #expect(throws: NoOAuthErrorFound.self) { try OAuthErrorParser.parse(text, wordings: try F.catalog().wordings) }
    }

    @Test func aWrittenCodeWinsOverTheWording() throws {
        let result = try #require(try run("Need admin approval\nAADSTS65001: The user or administrator has not consented to use the application").errors.first)
        #expect(result.error.code == "AADSTS65001")
        #expect(result.error.codeSource == .stated)
        #expect(try run("Need admin approval\nAADSTS65001: x").errors.count == 1)
    }

    @Test func wordingTableIsCheckedWhenLoaded() throws {
        let catalog = try F.catalog()
        #expect(catalog.wordings.wordings.count >= 20)
        for wording in catalog.wordings.wordings { #expect(catalog.entry(number: wording.code) != nil) }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("wordings-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.copyItem(at: F.repoRoot.appendingPathComponent("rules/aadsts.yaml"), to: dir.appendingPathComponent("aadsts.yaml"))
        let original = try String(contentsOf: F.repoRoot.appendingPathComponent("rules/aadsts-wordings.yaml"), encoding: .utf8)
        try Data(original.replacingOccurrences(of: "- code: 90094", with: "- code: 1234567").utf8)
            .write(to: dir.appendingPathComponent("aadsts-wordings.yaml"))
        #expect { try AADSTSCatalog.load(directory: dir) } throws: { error in
            (error as? InputError).map { $0.path.hasSuffix("aadsts-wordings.yaml") && $0.problem.contains("1234567") } ?? false
        }
    }

    // MARK: 4. A URL cut at '&'

    @Test func urlCutAtAmpersandIsATypedErrorNotAnUnknownError() {
        for text in ["https://abc-mgf.cybermail.jp/mg-cgi/mg_login?error=invalid_request",
                     "https://abc-mgf.cybermail.jp/mg-cgi/mg_login#error=access_denied",
                     "error=invalid_request",
                     "https://login.microsoftonline.com/1a0c41ca-5b6d-4e7f-8a9b-0c1d2e3f4a5b/oauth2/v2.0/authorize?client_id=7671e18a"] {
            #expect(throws: URLCutAtAmpersand.self, "\(text)") { try OAuthErrorParser.parse(text, source: "argument") }
        }
        #expect(URLCutAtAmpersand(source: "argument 'x'", parameter: "error=invalid_request").description
            .contains("quote it: mgaudit triage '<url>'"))
        // Two parameters are a whole (if short) redirect.
        #expect((try? OAuthErrorParser.parse("error=access_denied&state=x"))?.first?.cutAtAmpersand == false)
    }

    // MARK: 5. The customer's own words

    @Test func customerWordsAreNeverMicrosoftsMessage() throws {
        let plain = try #require(try run("承諾を押すと AADSTS50011 と出ます。よろしくお願いします。").errors.first)
        #expect(plain.error.code == "AADSTS50011")
        #expect(plain.error.description == nil)
        let text = TriageTextRenderer.render(try run("承諾を押すと AADSTS50011 と出ます。"), language: .ja)
        #expect(!text.contains("Microsoft のメッセージ"))
        #expect(text.contains("入力の該当箇所: 承諾を押すと AADSTS50011 と出ます。"))

        let around = "エラー: AADSTS50011: The redirect URI 'https://abc-mgf.cybermail.jp/mg-cgi/mg_login' specified in the request does not match the redirect URIs configured for the application '7671e18a-3c2b-4d5e-9f01-23456789abcd'. と表示されました"
        let e = try #require(try run(around).errors.first?.error)
        #expect(e.description?.hasPrefix("AADSTS50011: The redirect URI") == true)
        #expect(e.description?.hasSuffix("configured for the application '7671e18a-3c2b-4d5e-9f01-23456789abcd'.") == true)
        #expect(e.requestedRedirectUri == F.uri2)
    }

    // MARK: 7. Secrets and tokens

    static let jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlc2lnbmF0dXJl"
    static let secret = "abc8Q~Zq1xY2wV3uT4sR5qP6oN7mL8kJ9iH0gF_e"

    @Test func secretsAndTokensAreMaskedInEveryFormat() throws {
        let text = """
        2025-03-10T08:00:00Z POST /token client_secret=\(Self.secret)&code=0.AXoAabcdefghijklmnopqrstuvwxyz0123 AADSTS7000215: Invalid client secret provided. client_secret=hunter2hunter2
        https://abc-mgf.cybermail.jp/mg-cgi/mg_login#error=invalid_request&error_description=AADSTS50011%3a+id_token%3d\(Self.jwt)+assertion%3dabcdefghijklmnop&id_token=\(Self.jwt)
        {"error":"invalid_grant","error_description":"AADSTS70000: refresh_token: 0.ARwAxyzxyzxyzxyzxyz access_token=\(Self.jwt)","error_codes":[70000]}
        """
        let report = try run(text)
        #expect(report.errors.count == 3)
        for language in Language.allCases {
            for output in [TriageTextRenderer.render(report, language: language), TriageMarkdownRenderer.render(report, language: language),
                           TriageJSONRenderer.render(report, language: language), TriageHTMLRenderer.render(report, language: language)] {
                for secret in [Self.secret, "hunter2hunter2", "eyJhbGciOiJSUzI1NiJ9", "0.AXoAabcdefghij", "abcdefghijklmnop", "0.ARwAxyz"] {
                    #expect(!output.contains(secret), "\(secret)")
                }
                #expect(output.contains(Redaction.mask))
            }
        }
    }

    // MARK: 8. Injection

    static let hostile = "https://abc-mgf.cybermail.jp/mg-cgi/mg_login\u{1B}[31m?error=%3Cscript%3Ealert(1)%3C%2Fscript%3E%1B%5D0%3Bpwn%07"
        + "&error_description=AADSTS50011%3a+The+redirect+URI+%27https%3a%2f%2fevil%2f%E2%80%AE%60%60%60%3Cscript%3E%27+specified%0d"
        + "&error_codes=%3Cscript%3E50011&error_uri=x%1B%5B2J&state=%3Cb%3E%60%60"

    @Test func textOutputEscapesControlAndBidiCharactersEverywhere() throws {
        let report = try run(Self.hostile)
        let text = TriageTextRenderer.render(report, language: .en)
        for raw in ["\u{1B}", "\u{07}", "\u{202E}", "\r"] { #expect(!text.contains(raw), "\(raw.unicodeScalars.first?.value ?? 0)") }
        #expect(text.contains("⟨U+202E⟩"))
        // No code: the heading is the OAuth error itself, escaped like every other input string.
        let headed = TriageTextRenderer.render(try run("error=%1B%5D0%3Bpwn%07%E2%80%AEx%0D&error_description=words+%1B%5B2J+here&state=%1B%5B31m"), language: .ja)
        #expect(headed.hasPrefix("error=⟨U+001B⟩]0;pwn⟨U+0007⟩⟨U+202E⟩x⟨U+000D⟩ — unknown"))
        for raw in ["\u{1B}", "\u{07}", "\u{202E}", "\r"] { #expect(!headed.contains(raw)) }
    }

    @Test func markdownPutsInputInCodeSpansAndEscapesProse() throws {
        let json = #"{"error":"<script>alert(1)</script>","error_codes":["<script>alert(2)</script>", 50011],"error_description":"AADSTS50011: The redirect URI 'https://a/``<script>x' specified"}"#
        let report = try run(json)
        let markdown = TriageMarkdownRenderer.render(report, language: .en)
        // Outside code spans (where Markdown shows `<` as itself) there is no raw HTML.
        let spans = try NSRegularExpression(pattern: "(`+).*?\\1")
        let outside = spans.stringByReplacingMatches(in: markdown, range: NSRange(markdown.startIndex..., in: markdown), withTemplate: "")
        #expect(markdown.contains("<script>") && !outside.contains("<"))
        #expect(report.errors.first?.error.code == "AADSTS50011")
        // The message holds a run of two backticks: the span is delimited by three.
        #expect(markdown.contains("- Microsoft's message: ```AADSTS50011: The redirect URI 'https://a/``<script>x' specified```"))
        #expect(MarkdownText.codeSpan("a`b") == "``a`b``")
        #expect(MarkdownText.codeSpan("`x") == "`` `x ``")
        #expect(MarkdownText.escape("<script>*a*_b_ [l](u) & `c`") == #"&lt;script&gt;\*a\*\_b\_ \[l\](u) &amp; \`c\`"#)
    }

    @Test func markdownEscapesFindingMessagesAndDiffFences() throws {
        let finding = Finding(rule: "uri-near-miss", severity: .error, subject: "s",
                              title: LocalizedText(ja: "t", en: "t"),
                              message: LocalizedText(ja: "<script>alert(1)</script>", en: "<img src=x onerror=alert(1)> **bold**"),
                              guideStep: LocalizedText(ja: "g", en: "g"))
        let result = TriageResult(error: TriagedError(code: "AADSTS50011", oauthError: "<b>x</b>", sourceKind: .redirectURL),
                                  entry: nil, findings: [finding])
        let markdown = TriageMarkdownRenderer.render(TriageReport(errors: [result]), language: .en)
        #expect(!markdown.contains("<img") && !markdown.contains("<b>") && !markdown.contains("**bold**"))
        #expect(markdown.contains("&lt;img src=x onerror=alert(1)&gt; \\*\\*bold\\*\\*"))
        let fenced = TriageMarkdownRenderer.uriBlock(requested: "https://a/```x", registered: "https://a/``x", expectedLabel: "requested", actualLabel: "registered")
        #expect(fenced.hasPrefix("````text\n") && fenced.hasSuffix("\n````\n"))
        let html = TriageHTMLRenderer.render(TriageReport(errors: [result]), language: .en)
        #expect(!html.contains("<img") && !html.contains("<b>x"))
    }

    // MARK: 6. Linear time on adversarial input (each was quadratic before)

    static func elapsed(_ body: () throws -> Void) rethrows -> Double {
        let start = Date()
        try body()
        return Date().timeIntervalSince(start)
    }

    /// Inputs of about 200,000 characters, each quadratic (or worse) for the scanner before.
    static let adversarial: [String: String] = [
        // The app-name pattern: many "'<guid>' (" without a closing parenthesis.
        "app-name": "error=x&error_description=AADSTS50194%3a+" + String(repeating: "%277671e18a-3c2b-4d5e-9f01-23456789abcd%27+(", count: 4_000),
        // The JSON-body scan: unmatched braces.
        "braces": "AADSTS50011: x " + String(repeating: "{", count: 200_000),
        "braces-strings": "AADSTS50011: x " + String(repeating: "{\"error\":\"a", count: 20_000),
        // Two whitespace runs side by side after a label.
        "client-id-spaces": "AADSTS700016: Application with identifier" + String(repeating: " ", count: 200_000) + "x",
        "error-code-spaces": "Error Code" + String(repeating: " ", count: 200_000) + "5",
        // Many labels on one line, each followed by the rest of the line.
        "labels": "AADSTS50011: x " + String(repeating: "Trace ID: ", count: 20_000),
        // Many redirect URLs and bare queries on one line.
        "urls": String(repeating: "https://a.example/cb?error=x&error_description=AADSTS50011%3a+y ", count: 3_000),
        "queries": String(repeating: "error=x&y=1 ", count: 15_000),
        // Many quotes after a scheme-like run.
        "quotes": "AADSTS50011: " + String(repeating: "'a", count: 100_000),
        // The same spread over lines just under the line limit.
        "quote-lines": String(repeating: "AADSTS50011: " + String(repeating: "'a", count: 8_000) + "\n", count: 13),
        "space-lines": String(repeating: "AADSTS700016: Application with identifier" + String(repeating: " ", count: 16_000) + "'x\n", count: 13),
    ]

    @Test(.serialized, arguments: adversarial.keys.sorted())
    func adversarialInputIsLinear(_ name: String) throws {
        let text = try #require(Self.adversarial[name])
        #expect(text.utf8.count >= 150_000)
        let wordings = try F.catalog().wordings
        let seconds = Self.elapsed { _ = try? OAuthErrorParser.parse(text, wordings: wordings) }
        // Under 2 s in CI's debug build on an idle machine; a quadratic scan of 150,000 characters takes
        // minutes. The bound leaves room for a loaded machine (suites run in parallel).
        #expect(seconds < 10, "\(name) took \(seconds) s")
    }

    @Test func wordingsAndCodesScanLinearly() throws {
        let wordings = try F.catalog().wordings
        let text = String(repeating: "needs permission to access resources in your organization that only an admin can gran", count: 2_500)
        let seconds = Self.elapsed {
            _ = wordings.firstMatch(in: text)
            _ = AADSTSCodeScanner.matches(in: String(repeating: "AADSTS 1234 ", count: 20_000))
        }
        #expect(seconds < 3, "took \(seconds) s")
    }
}
