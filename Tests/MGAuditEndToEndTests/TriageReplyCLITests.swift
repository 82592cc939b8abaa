import Foundation
import MGAuditTestSupport
import Testing

/// `mgaudit triage --format reply` through the built binary: a plain-text answer to the customer.
@Suite struct TriageReplyCLITests {
    static let asOf = ["--as-of", "2026-12-01"]
    static let samples = TriageCLITests.samples
    static let tenants = TriageCLITests.tenants

    /// Each case: golden name, then the triage arguments.
    static let cases: [(name: String, arguments: [String])] = [
        ("near-miss-50011", [samples + "page-ja-50011.txt", "--tenant", tenants + "near-miss"]),
        ("secret-expired-7000222", [samples + "token-7000222.json", "--tenant", tenants + "secret-expired"]),
        ("conditional-access-53003", [samples + "page-conditional-access-53003.txt"]),
        ("mailgates-900971", ["AADSTS900971: No reply address provided. Trace ID: 0f3c8a9e-1b2d-4c5e-9f60-7a8b9c0d1e2f Timestamp: 2026-11-30 01:02:03Z"]),
        ("unknown-code", ["AADSTS99999999: Something went wrong."]),
    ]

    func reply(_ arguments: [String], language: String) throws -> MGAuditBinary.Result {
        try MGAuditBinary.run(["triage"] + arguments + ["--format", "reply", "--lang", language] + Self.asOf)
    }

    @Test(arguments: cases.indices)
    func replyMatchesItsGoldenFiles(_ index: Int) throws {
        let c = Self.cases[index]
        for language in ["ja", "en"] {
            let result = try reply(c.arguments, language: language)
            #expect(result.status != 2, "\(c.name): \(result.stderr)")
            try GoldenFile.check(result.stdout, against: "reply-\(c.name).\(language).txt")
        }
    }

    /// No Markdown markers: no headings, bold, code spans or fences, no bullet list.
    @Test(arguments: cases.indices)
    func replyHasNoMarkdownMarkers(_ index: Int) throws {
        for language in ["ja", "en"] {
            let text = try reply(Self.cases[index].arguments, language: language).stdout
            #expect(!text.isEmpty)
            for marker in ["**", "`", "### ", "## ", "# ", "---"] { #expect(!text.contains(marker), "\(marker) in reply") }
            for line in text.split(separator: "\n") { #expect(!line.hasPrefix("- ") && !line.hasPrefix("* ") && !line.hasPrefix("> ")) }
        }
    }

    /// Who must do it: the admin role for a customer-admin code, MailGates support for a MailGates one.
    @Test func replySaysWhoMustDoIt() throws {
        let ja = try reply([Self.samples + "page-conditional-access-53003.txt"], language: "ja").stdout
        #expect(ja.contains("条件付きアクセス管理者"))
        #expect(ja.contains("【対応していただく方】"))
        let mailgates = try reply(Self.cases[3].arguments, language: "en").stdout
        #expect(mailgates.contains("contact MailGates support"))
        #expect(mailgates.contains("0f3c8a9e-1b2d-4c5e-9f60-7a8b9c0d1e2f"), "the request id to send back")
    }

    @Test func replyMasksSecrets() throws {
        let literal = "https://abc-mgf.cybermail.jp/mg-cgi/mg_login?error=invalid_client&error_description=AADSTS7000215%3a+Invalid+client+secret+provided.+client_secret%3dabc8Q~Zq1xY2wV3uT4sR5qP6oN7mL8kJ9iH0gF_e"
            + "&id_token=eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlc2lnbmF0dXJl"
        let result = try reply([literal], language: "ja")
        for secret in ["abc8Q~Zq1x", "eyJhbGciOiJSUzI1NiJ9"] {
            #expect(!result.stdout.contains(secret))
            #expect(!result.stderr.contains(secret))
        }
        #expect(result.stdout.contains("AADSTS7000215"))
    }
}
