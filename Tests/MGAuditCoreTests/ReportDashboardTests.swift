import Foundation
import Testing
import MGAuditTestSupport
@testable import MGAuditCore

/// The HTML dashboard's run-wide parts (new/fixed, suppressions, worst tenants, secrets, the
/// tenant table) and its Content-Security-Policy hashes. Rendering in a real browser is checked
/// by `BrowserTests` (end-to-end).
@Suite struct ReportDashboardTests {
    static let hostileName = "\"><img src=x onerror=alert(1)>東京"

    /// `ReportFixture.report` compared with a baseline: one new finding, one suppressed, one
    /// fixed, client secrets (one already ended), and a tenant whose name is hostile markup.
    static var tenants: [TenantResult] {
        var contoso = ReportFixture.contoso
        for index in contoso.findings.indices {
            contoso.findings[index].change = contoso.findings[index].rule == "uri-near-miss" ? .new : .unchanged
        }
        contoso.suppressed = [SuppressedFinding(
            finding: Finding(rule: "secret-stale", severity: .info, subject: "6f1c2a9e-0d3b-4c55-9a61-2b7e8d4f1a30",
                             title: LocalizedText(ja: "古いシークレット", en: "Stale secret"),
                             message: LocalizedText(ja: "古い", en: "Old"), guideStep: ReportFixture.guideStep14),
            reason: "Rotated next week <ticket 123> & co", source: "mgaudit.yml:4", until: "2026-12-31")]
        contoso.fixed = [FixedFinding(rule: "uri-wrong-platform", subject: "https://abc-mgf.cybermail.jp/mg-cgi/mg_oauth",
                                      severity: .error, fingerprint: "0123456789abcdef")]
        contoso.secrets = [SecretEnd(keyId: "6f1c2a9e-0d3b-4c55-9a61-2b7e8d4f1a30", hint: "abC", displayName: "mgaudit 2025",
                                     ends: "2025-05-01")]
        var fabrikam = ReportFixture.fabrikam
        for index in fabrikam.findings.indices { fabrikam.findings[index].change = .unchanged }
        fabrikam.secrets = [SecretEnd(keyId: "9a8b7c6d-0000-4000-8000-000000000001", ends: "2025-03-01")]
        let hostile = TenantResult(name: hostileName, inputs: [], findings: [ReportFixture.contoso.findings[0]].map {
            var finding = $0
            finding.change = .new
            return finding
        })
        return [contoso, fabrikam, ReportFixture.quiet, hostile]
    }

    static let unused = SuppressionNote(source: "mgaudit.yml:9", rule: "uri-duplicate", tenant: "contoso",
                                        reason: "Old <duplicate> & friends")

    static func render(_ language: Language, baseline: Bool = true) throws -> String {
        let run = ReportRun(asOf: ReportFixture.report.asOf, language: language, generatorVersion: "test", hasBaseline: baseline)
        let sink = StringSink(redacting: false)
        let stream = try ReportStream(renderer: HTMLReport(), run: run, sink: sink)
        var totals = ReportTotals()
        for (position, tenant) in tenants.enumerated() {
            totals.add(tenant, position: position)
            try stream.append(tenant)
        }
        totals.unusedSuppressions = [unused]
        try stream.finish(totals)
        return sink.text
    }

    @Test(arguments: Language.allCases)
    func matchesGolden(language: Language) throws {
        try GoldenFile.check(try Self.render(language), against: "dashboard.\(language.rawValue).html")
    }

    /// The policy's hashes are of the exact texts written into `<style>` and `<script>`; recomputed
    /// here with `sha256sum` (no SHA-256 in Foundation on Linux) so a changed text without its new
    /// hash fails at once, naming the value to put in `HTMLDashboard`.
    @Test func policyHashesMatchTheStylesheetAndTheScript() throws {
        let cssHash = try CSPHash.sha256Base64(HTMLDashboard.css)
        let scriptHash = try CSPHash.sha256Base64(HTMLDashboard.script)
        #expect(cssHash.count == 51 && scriptHash.count == 51)
        #expect(cssHash == HTMLDashboard.cssHash, "set HTMLDashboard.cssHash to \(cssHash)")
        #expect(scriptHash == HTMLDashboard.scriptHash, "set HTMLDashboard.scriptHash to \(scriptHash)")
        let html = try Self.render(.en)
        #expect(html.contains("<style>" + HTMLDashboard.css + "</style>"))
        #expect(html.contains("<script>" + HTMLDashboard.script + "</script>"))
        #expect(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src '"
            + HTMLDashboard.cssHash + "'; script-src '" + HTMLDashboard.scriptHash + "'; img-src data:;"))
        // Masking must leave both texts alone, or the browser would refuse them.
        #expect(Redaction.redact(html) == html)
    }

    @Test func overviewHasTheRunTotals() throws {
        let html = try Self.render(.en)
        let overview = try #require(html.components(separatedBy: "<section class=\"tenant\"").first)
        #expect(overview.contains("<p class=\"counts\">4 tenants, 3 with findings</p>"))
        #expect(overview.contains("<div class=\"card new\"><span class=\"num\">2</span><span class=\"what\">New</span></div>"))
        #expect(overview.contains("<div class=\"card fixed\"><span class=\"num\">1</span>"))
        #expect(overview.contains("<div class=\"card suppressed\"><span class=\"num\">1</span>"))
        // Worst first, linked to the sections.
        let worst = try #require(overview.components(separatedBy: "<ol>").dropFirst().first)
        #expect(worst.hasPrefix("<li><a href=\"#t0\">contoso</a>"))
        #expect(worst.contains("<li><a href=\"#t1\">fabrikam</a>"))
        // Rules with counts; secrets soonest first, the ended one marked.
        #expect(overview.contains("<tr><td><code>uri-near-miss</code></td><td class=\"error\">error</td><td class=\"n\">2</td><td class=\"n\">2</td></tr>"))
        let ended = try #require(overview.range(of: "<td class=\"date\">2025-03-01<span class=\"badge ended\">ended</span>"))
        let later = try #require(overview.range(of: "<td class=\"date\">2025-05-01</td>"))
        #expect(ended.lowerBound < later.lowerBound)
        #expect(overview.contains("The suppression at mgaudit.yml:9 (uri-duplicate) matched no finding. Reason: Old &lt;duplicate&gt; &amp; friends"))
        // Every tenant in the table, linked, with new/fixed columns.
        #expect(overview.contains("<tr><td class=\"n\">1</td><td class=\"name\"><a href=\"#t0\">contoso</a></td><td class=\"n error\">2</td>"
            + "<td class=\"n warning\">1</td><td class=\"n info\">1</td><td class=\"n new\">1</td><td class=\"n fixed\">1</td><td class=\"n suppressed\">1</td></tr>"))
        #expect(overview.contains("<tr class=\"clean\"><td class=\"n\">3</td>"))
    }

    @Test func tenantSectionsShowChangesSuppressionsAndFixes() throws {
        let html = try Self.render(.en)
        #expect(html.contains("<section class=\"tenant\" id=\"t0\"><h2>Tenant: contoso</h2>"))
        #expect(html.contains("<section class=\"tenant\" id=\"t3\">"))
        #expect(html.contains("Redirect URI does not match URI1<span class=\"badge new\">new</span></h4>"))
        #expect(html.components(separatedBy: "<span class=\"badge new\">").count == 3)
        #expect(html.contains("<article class=\"finding suppressed info\">"))
        #expect(html.contains("<p class=\"reason\"><span class=\"k\">Reason: </span>Rotated next week &lt;ticket 123&gt; &amp; co</p>"))
        #expect(html.contains("<code>mgaudit.yml:4</code> (until 2026-12-31)"))
        #expect(html.contains("<h3>Fixed since the baseline</h3>"))
        #expect(html.contains("<li><code class=\"rule\">uri-wrong-platform</code> <code>https://abc-mgf.cybermail.jp/mg-cgi/mg_oauth</code></li>"))
    }

    @Test func withoutABaselineThereAreNoChangeColumnsOrFixes() throws {
        let html = try Self.render(.en, baseline: false)
        #expect(!html.contains("card new"))
        #expect(!html.contains("class=\"n new\""))
        #expect(!html.contains("Fixed since the baseline"))
        #expect(html.contains("<div class=\"card suppressed\">"))
    }

    /// Every attribute value in the page is one the renderer chose: a fixed word, `t<number>`, or
    /// the policy. Input is text only (Plot would not escape it in an attribute).
    @Test func noInputReachesAnAttribute() throws {
        let html = try Self.render(.ja)
        // The stylesheet and the script are constants and hold `<` of their own.
        let markup = html.replacingOccurrences(of: HTMLDashboard.css, with: "").replacingOccurrences(of: HTMLDashboard.script, with: "")
        let allowed: Set<String> = [
            "UTF-8", "Content-Security-Policy", HTMLDashboard.contentSecurityPolicy, "viewport", "width=device-width, initial-scale=1",
            "overview", "tenants", "tenant-controls", "tenant-filter", "tenant-only-findings", "tenant-shown", "search", "checkbox",
            "#overview",
        ]
        let word = try Regex("^[a-z0-9 -]+$")
        let anchor = try Regex("^#?t[0-9]+$")
        var checked = 0
        for tag in markup.split(separator: "<").dropFirst() {
            guard let close = tag.firstIndex(of: ">") else { continue }
            for value in tag[..<close].split(separator: "=\"", omittingEmptySubsequences: false).dropFirst() {
                let text = String(value.prefix { $0 != "\"" })
                checked += 1
                let ok = allowed.contains(text) || text.wholeMatch(of: anchor) != nil
                    || (text.wholeMatch(of: word) != nil && !text.contains("img"))
                #expect(ok, "attribute value \(text)")
            }
        }
        #expect(checked > 50)
        #expect(html.contains("<a href=\"#t3\">&quot;&gt;&lt;img src=x onerror=alert(1)&gt;東京</a>")
            || html.contains("<a href=\"#t3\">\"&gt;&lt;img src=x onerror=alert(1)&gt;東京</a>"))
    }

    /// The labels of the page in Japanese (the dashboard's own words come from ReportLabels+Dashboard).
    @Test func japaneseLabels() throws {
        let html = try Self.render(.ja)
        #expect(html.contains("<html lang=\"ja\">"))
        #expect(html.contains("テナント 4 件（指摘あり 3 件）"))
        #expect(html.contains("<span class=\"badge new\">新規</span>"))
        #expect(html.contains("<h3>抑止された指摘</h3>"))
        #expect(html.contains("<h3>前回から解消された指摘</h3>"))
    }
}
