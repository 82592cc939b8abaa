import Foundation
import Testing
@testable import MGAuditCore

@Suite struct SheetHTMLTests {
    @Test func labelRowOverValueRows() throws {
        let html = """
        <html><body><table>
        <tr><th>ドメイン</th><th>Microsoft 365_リダイレクトURI1</th><th>Microsoft 365_リダイレクトURI2</th></tr>
        <tr><td>example.co.jp</td><td>\(SheetSamples.uri1)</td><td>\(SheetSamples.uri2Main)</td></tr>
        <tr><td>example-group.jp</td><td>\(SheetSamples.uri1)</td><td>\(SheetSamples.uri2Group)</td></tr>
        </table></body></html>
        """
        let sheet = try SheetSamples.parse(html, path: "grid.html")
        #expect(sheet.uri1 == SheetSamples.uri1)
        #expect(sheet.uri2 == SheetSamples.expected.uri2)
        #expect(sheet.domains == ["example.co.jp", "example-group.jp"])
    }

    @Test func entitiesAreDecodedAndNonBreakingSpacesAroundAValueDropped() throws {
        let html = """
        <table><tr><td>Microsoft 365_リダイレクトURI1</td><td>\(SheetSamples.host)/mg-cgi/mg_oauth?a=1&amp;b=2</td></tr>
        <tr><td>Microsoft 365_リダイレクトURI2</td><td>\(SheetSamples.uri2Main)&nbsp;</td></tr></table>
        """
        let sheet = try SheetSamples.parse(html, path: "p.html")
        #expect(sheet.uri1 == SheetSamples.host + "/mg-cgi/mg_oauth?a=1&b=2")
        #expect(sheet.uri2.first?.uri == SheetSamples.uri2Main)
        #expect(sheet.valueIssues.isEmpty)
    }

    @Test func paragraphsWithLineBreaksFallBackToText() throws {
        let html = """
        <html><body><div>
        <p>お客様名：株式会社サンプル商事<br>
        Microsoft 365_リダイレクトURI1：\(SheetSamples.uri1)<br>
        Microsoft 365_リダイレクトURI2（example.co.jp）：\(SheetSamples.uri2Main)</p>
        <table><tr><td>レイアウト用の表</td></tr></table>
        </div></body></html>
        """
        let data = Data(html.utf8)
        #expect(NotificationSheetParser.format(of: data, path: "mail.html") == .html)
        let sheet = try NotificationSheetParser.parse(data, path: "mail.html")
        #expect(sheet.customer == "株式会社サンプル商事")
        #expect(sheet.uri1 == SheetSamples.uri1)
        #expect(sheet.uri2 == [.init(domain: "example.co.jp", uri: SheetSamples.uri2Main)])
    }

    @Test func nestedLayoutTablesAreReadFromTheInside() throws {
        let html = """
        <table width="600"><tr><td>
          <table><tr><th>Microsoft 365_リダイレクトURI1</th><td>\(SheetSamples.uri1)</td></tr></table>
        </td></tr></table>
        """
        #expect(try SheetSamples.parse(html, path: "n.html").uri1 == SheetSamples.uri1)
    }

    @Test func shiftJISPageWithCharsetDeclaration() throws {
        let html = """
        <html><head><meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS"></head>
        <body><dl><dt>お客様名</dt><dd>株式会社サンプル商事</dd>
        <dt>Microsoft 365_リダイレクトURI1</dt><dd>\(SheetSamples.uri1)</dd></dl></body></html>
        """
        let data = try #require(html.data(using: .shiftJIS))
        let sheet = try NotificationSheetParser.parse(data, path: "sjis.html")
        #expect(sheet.customer == "株式会社サンプル商事")
        #expect(sheet.uri1 == SheetSamples.uri1)
    }

    @Test func htmlWithoutURI1IsAClearError() throws {
        let html = "<table><tr><th>お客様名</th><td>株式会社サンプル商事</td></tr><tr><th>アクセスURL</th><td>https://abc-mgf.cybermail.jp/</td></tr></table>"
        #expect(NotificationSheetParser.looksLikeSheet(Data(html.utf8), path: "x.html"))
        #expect(throws: InputError(path: "x.html", problem: "no 「Microsoft 365_リダイレクトURI1」 found")) {
            try SheetSamples.parse(html, path: "x.html")
        }
    }

    @Test func pageWithoutSheetLabelsIsNotASheet() {
        let html = "<html><body><h1>Sign in to your account</h1><table><tr><td>Request Id</td><td>0000</td></tr></table></body></html>"
        #expect(!NotificationSheetParser.looksLikeSheet(Data(html.utf8), path: "error.html"))
    }
}
