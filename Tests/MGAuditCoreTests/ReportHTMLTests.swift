import Foundation
import Testing
@testable import MGAuditCore

@Suite struct ReportHTMLTests {
    private func render(_ language: Language) throws -> String {
        try HTMLReport(generatorVersion: "test").render(ReportFixture.report, language: language)
    }

    @Test func hostileInputIsEscaped() throws {
        let html = try render(.en)
        // The one script is the dashboard's own, allowed by its hash; input never adds one.
        #expect(html.components(separatedBy: "<script").count == 2)
        #expect(html.contains("<script>" + HTMLDashboard.script + "</script>"))
        #expect(!html.contains("<img"))
        #expect(html.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;")
            || html.contains("\"&gt;&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;"))
        // A literal entity in input shows as written, not decoded.
        #expect(html.contains("app &amp;lt;2&amp;gt;.json"))
    }

    @Test func selfContainedAndPrintable() throws {
        let html = try render(.ja)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<html lang=\"ja\">"))
        #expect(html.contains("<meta charset=\"UTF-8\""))
        #expect(html.contains("@media print"))
        for external in ["<link", "src=\"", "@import", "url(", "http-equiv=\"refresh"] {
            #expect(!html.contains(external), "external reference \(external)")
        }
        // Links only to the page's own sections.
        let links = html.components(separatedBy: "href=\"").dropFirst()
        #expect(!links.isEmpty)
        for link in links {
            #expect(link.hasPrefix("#t") || link.hasPrefix("#overview\""), "link \(link.prefix(40))")
        }
        #expect(try render(.en).contains("<html lang=\"en\">"))
    }

    @Test func nearMissUsesDelAndIns() throws {
        let html = try render(.en)
        #expect(html.contains("<code>https://abc<del>-</del>mgf.cybermail.jp/mg-cgi/mg_login</code>"))
        #expect(html.contains("<code>https://abc<span class=\"gap\"></span>mgf.cybermail.jp/mg-cgi/mg_login</code>"))
        #expect(html.contains("<ins>ｍ</ins>"))
    }

    @Test func localisedLabelsAndEvidence() throws {
        let ja = try render(.ja)
        #expect(ja.contains("修正手順: "))
        #expect(ja.contains("<dt>character</dt><dd>⟨U+3000⟩</dd>"))
        #expect(ja.contains("<th>テナント</th>"))
        #expect(ja.contains("<span class=\"sev\">エラー</span>"))
        #expect(!ja.contains("\u{3000}"))
        let en = try render(.en)
        #expect(en.contains("<th>Tenant</th>"))
        #expect(en.contains("Guide step: "))
        #expect(en.contains("<p class=\"remedy\"><span class=\"k\">What to do: </span>"))
    }
}
