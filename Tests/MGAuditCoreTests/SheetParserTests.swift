import Foundation
import Testing
@testable import MGAuditCore

/// The fictional customer every sample describes (Samples/sheets).
enum SheetSamples {
    static let host = "https://abc-mgf.cybermail.jp"
    static let uri1 = host + "/mg-cgi/mg_oauth"
    static let uri2Main = host + "/mg-cgi/mg_login"
    static let uri2Group = host + "/mg-cgi/mg_login?domain=example-group.jp"
    static let expected = NotificationSheet(
        customer: "株式会社サンプル商事", accessURL: host + "/", domains: ["example.co.jp", "example-group.jp"], uri1: uri1,
        uri2: [.init(domain: "example.co.jp", uri: uri2Main), .init(domain: "example-group.jp", uri: uri2Group)])

    static func url(_ name: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Samples/sheets/\(name)").standardized
    }

    static func data(_ name: String) throws -> Data { try Data(contentsOf: url(name)) }

    static func fixture(_ name: String) throws -> Data {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/sheets/\(name)", withExtension: nil))
        return try Data(contentsOf: url)
    }

    static func parse(_ text: String, path: String = "sheet.txt") throws -> NotificationSheet {
        try NotificationSheetParser.parse(Data(text.utf8), path: path)
    }
}

@Suite struct SheetSampleTests {
    @Test(arguments: [
        ("sheet-text-utf8.txt", NotificationSheetParser.Format.text),
        ("sheet-text-sjis.txt", .text),
        ("sheet-table.html", .html),
        ("sheet-dl.html", .html),
        ("sheet.xlsx", .xlsx),
        ("sheet.yaml", .yaml),
        ("sheet.json", .json),
    ])
    func everySampleReadsTheSameSheet(name: String, format: NotificationSheetParser.Format) throws {
        let data = try SheetSamples.data(name)
        #expect(NotificationSheetParser.format(of: data, path: name) == format)
        #expect(NotificationSheetParser.looksLikeSheet(data, path: name))
        #expect(try NotificationSheetParser.parse(data, path: name) == SheetSamples.expected)
    }

    @Test func shiftJISSampleReallyIsShiftJIS() throws {
        let data = try SheetSamples.data("sheet-text-sjis.txt")
        #expect(String(data: data, encoding: .utf8) == nil)
        #expect(try TextDecoding.decode(data, path: "x").encoding == .shiftJIS)
    }

    @Test func xlsxSampleIsReproducible() throws {
        // The generator writes fixed timestamps; a changed sample means the script changed.
        let data = try SheetSamples.data("sheet.xlsx")
        #expect(data.starts(with: [0x50, 0x4B, 0x03, 0x04]))
        let rows = try XLSXSheet.rows(data, path: "sheet.xlsx")
        // Furigana (<rPh>) is not part of the customer name.
        #expect(rows.contains { $0.cells == ["お客様名", "株式会社サンプル商事"] })
    }
}

@Suite struct SheetTextTests {
    @Test(arguments: [
        "Microsoft 365_リダイレクトURI1：https://abc-mgf.cybermail.jp/mg-cgi/mg_oauth",
        "Microsoft 365_リダイレクトURI1: https://abc-mgf.cybermail.jp/mg-cgi/mg_oauth",
        "Microsoft 365_リダイレクトURI1\thttps://abc-mgf.cybermail.jp/mg-cgi/mg_oauth",
        "Microsoft365 リダイレクト URI 1 https://abc-mgf.cybermail.jp/mg-cgi/mg_oauth",
        "Ｍｉｃｒｏｓｏｆｔ　３６５＿リダイレクトＵＲＩ１：https://abc-mgf.cybermail.jp/mg-cgi/mg_oauth",
        "Microsoft 365 ﾘﾀﾞｲﾚｸﾄURI1:https://abc-mgf.cybermail.jp/mg-cgi/mg_oauth",
        "「Microsoft 365_リダイレクトURI1」：https://abc-mgf.cybermail.jp/mg-cgi/mg_oauth",
        "■ Microsoft 365_リダイレクトURI1　https://abc-mgf.cybermail.jp/mg-cgi/mg_oauth",
        "Microsoft 365_リダイレクトURI1：\nhttps://abc-mgf.cybermail.jp/mg-cgi/mg_oauth",
        "Microsoft 365_リダイレクトURI1\n\nhttps://abc-mgf.cybermail.jp/mg-cgi/mg_oauth",
        "リダイレクトURI1：https://abc-mgf.cybermail.jp/mg-cgi/mg_oauth",
    ])
    func uri1LabelVariants(text: String) throws {
        #expect(try SheetSamples.parse(text).uri1 == SheetSamples.uri1)
    }

    @Test(arguments: [
        "Microsoft 365_リダイレクトURI2（example.co.jp）：https://abc-mgf.cybermail.jp/mg-cgi/mg_login",
        "Microsoft 365_リダイレクトURI2 (example.co.jp): https://abc-mgf.cybermail.jp/mg-cgi/mg_login",
        "Microsoft 365_リダイレクトURI2[example.co.jp]：https://abc-mgf.cybermail.jp/mg-cgi/mg_login",
        "Microsoft 365_リダイレクトURI2【example.co.jp】 https://abc-mgf.cybermail.jp/mg-cgi/mg_login",
        "Microsoft 365_リダイレクトURI2（ドメイン：example.co.jp）：https://abc-mgf.cybermail.jp/mg-cgi/mg_login",
        "ドメイン：example.co.jp\nMicrosoft 365_リダイレクトURI2：https://abc-mgf.cybermail.jp/mg-cgi/mg_login",
        "契約ドメイン：example.co.jp\nMicrosoft 365_リダイレクトURI2：https://abc-mgf.cybermail.jp/mg-cgi/mg_login",
        "【example.co.jp】\nMicrosoft 365_リダイレクトURI2：https://abc-mgf.cybermail.jp/mg-cgi/mg_login",
        "Microsoft 365_リダイレクトURI2：\nexample.co.jp：https://abc-mgf.cybermail.jp/mg-cgi/mg_login",
        "Microsoft 365_リダイレクトURI2\nexample.co.jp\nhttps://abc-mgf.cybermail.jp/mg-cgi/mg_login",
    ])
    func uri2DomainPlacements(text: String) throws {
        let sheet = try SheetSamples.parse("Microsoft 365_リダイレクトURI1：\(SheetSamples.uri1)\n" + text)
        #expect(sheet.uri2 == [.init(domain: "example.co.jp", uri: SheetSamples.uri2Main)])
        #expect(sheet.domains == ["example.co.jp"])
    }

    @Test func severalURI2UnderOneLabel() throws {
        let text = """
        Microsoft 365_リダイレクトURI1：\(SheetSamples.uri1)
        Microsoft 365_リダイレクトURI2：
        example.co.jp：\(SheetSamples.uri2Main)
        example-group.jp：\(SheetSamples.uri2Group)

        お問い合わせ窓口：https://support.example.net/
        """
        let sheet = try SheetSamples.parse(text)
        #expect(sheet.uri2 == SheetSamples.expected.uri2)
        #expect(sheet.domains == ["example.co.jp", "example-group.jp"])
    }

    @Test func domainListWithoutPerDomainURIsLeavesURI2Unattributed() throws {
        let text = """
        契約ドメイン：example.co.jp、example-group.jp
        Microsoft 365_リダイレクトURI1：\(SheetSamples.uri1)
        Microsoft 365_リダイレクトURI2：\(SheetSamples.uri2Main)
        """
        let sheet = try SheetSamples.parse(text)
        #expect(sheet.domains == ["example.co.jp", "example-group.jp"])
        #expect(sheet.uri2 == [.init(domain: nil, uri: SheetSamples.uri2Main)])
    }

    /// Spaces of any kind around a value are layout; inside, the sheet's own stray characters are
    /// left out of the URI compared and recorded as the sheet's problem (SheetValueCleaningTests).
    @Test func valuesAreCleanedAndTheSheetsOwnCharactersRecorded() throws {
        #expect(try SheetSamples.parse("Microsoft 365_リダイレクトURI1： \t\(SheetSamples.uri1) \t").uri1 == SheetSamples.uri1)
        #expect(try SheetSamples.parse("Microsoft 365_リダイレクトURI1：\(SheetSamples.uri1)\u{3000}").uri1 == SheetSamples.uri1)
        #expect(try SheetSamples.parse("Microsoft 365_リダイレクトURI1：\u{00A0}\(SheetSamples.uri1)").valueIssues.isEmpty)
        let zeroWidth = SheetSamples.host + "/mg-cgi/mg_\u{200B}oauth"
        let sheet = try SheetSamples.parse("Microsoft 365_リダイレクトURI1：\(zeroWidth)")
        #expect(sheet.uri1 == SheetSamples.uri1)
        #expect(sheet.valueIssues.map(\.kind) == [.invisible])
        #expect(sheet.valueIssues.first?.raw == zeroWidth)
        let spaced = try SheetSamples.parse("Microsoft 365_リダイレクトURI1：https://abc-mgf.cybermail.jp/mg-cgi /mg_oauth")
        #expect(spaced.valueIssues.map(\.kind) == [.invalid])
        #expect(!spaced.isTrusted(.uri1, value: spaced.uri1))
    }

    @Test func otherLabels() throws {
        let text = """
        契約者名：株式会社サンプル商事
        アクセス URL：https://abc-mgf.cybermail.jp/
        ドメイン名：example.co.jp / example-group.jp
        Microsoft 365_リダイレクトURI1：\(SheetSamples.uri1)
        """
        let sheet = try SheetSamples.parse(text)
        #expect(sheet.customer == "株式会社サンプル商事")
        #expect(sheet.accessURL == "https://abc-mgf.cybermail.jp/")
        #expect(sheet.domains == ["example.co.jp", "example-group.jp"])
        #expect(sheet.uri2.isEmpty)
    }

    @Test(arguments: [TextDecoding.Encoding.utf8BOM, .utf16LE, .shiftJIS])
    func encodings(encoding: TextDecoding.Encoding) throws {
        let text = "お客様名：株式会社サンプル商事\r\nMicrosoft 365_リダイレクトURI1：\(SheetSamples.uri1)\r\n"
        let data: Data = switch encoding {
        case .utf8BOM: Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8)
        case .utf16LE: Data([0xFF, 0xFE]) + (text.data(using: .utf16LittleEndian) ?? Data())
        default: text.data(using: .shiftJIS) ?? Data()
        }
        #expect(try TextDecoding.decode(data, path: "x").encoding == encoding)
        let sheet = try NotificationSheetParser.parse(data, path: "sheet.txt")
        #expect(sheet.uri1 == SheetSamples.uri1)
        #expect(sheet.customer == "株式会社サンプル商事")
    }

    @Test func missingURI1IsAClearError() throws {
        let text = "お客様名：株式会社サンプル商事\nMicrosoft 365_リダイレクトURI2：\(SheetSamples.uri2Main)\n"
        #expect(NotificationSheetParser.looksLikeSheet(Data(text.utf8), path: "t/sheet.txt"))
        #expect(throws: InputError(path: "t/sheet.txt", problem: "no 「Microsoft 365_リダイレクトURI1」 found")) {
            try SheetSamples.parse(text, path: "t/sheet.txt")
        }
    }

    @Test func twoDifferentURI1AreAnError() throws {
        let text = "Microsoft 365_リダイレクトURI1：\(SheetSamples.uri1)\nMicrosoft 365_リダイレクトURI1：https://old-mgf.cybermail.jp/mg-cgi/mg_oauth\n"
        let error = #expect(throws: InputError.self) { try SheetSamples.parse(text) }
        #expect(error?.line == 2)
        #expect(error?.problem.contains("two different") == true)
        // The same value twice (a sheet quoted in a reply) is fine.
        #expect(try SheetSamples.parse("Microsoft 365_リダイレクトURI1：\(SheetSamples.uri1)\n> Microsoft 365_リダイレクトURI1：\(SheetSamples.uri1)\n").uri1 == SheetSamples.uri1)
    }
}

@Suite struct SheetSniffingTests {
    @Test(arguments: [
        #"{"id":"00000000-0000-0000-0000-000000000001","appId":"11111111-1111-1111-1111-111111111111","displayName":"MAILGATES Σ","signInAudience":"AzureADMyOrg","web":{"redirectUris":["https://abc-mgf.cybermail.jp/mg-cgi/mg_oauth","https://abc-mgf.cybermail.jp/mg-cgi/mg_login"],"implicitGrantSettings":{"enableAccessTokenIssuance":true,"enableIdTokenIssuance":true}}}"#,
        #"{"appId":"11111111-1111-1111-1111-111111111111","replyUrlsWithType":[{"url":"https://abc-mgf.cybermail.jp/mg-cgi/mg_oauth","type":"Web"}],"oauth2AllowImplicitFlow":true}"#,
        "https://abc-mgf.cybermail.jp/mg-cgi/mg_oauth#error=invalid_request&error_description=AADSTS50011%3a+The+redirect+URI+%27https%3a%2f%2fabc-mgf.cybermail.jp%2fmg-cgi%2fmg_oauth%27+specified+in+the+request+does+not+match",
        "サインイン中に問題が発生しました\nAADSTS50011: 要求で指定されたリダイレクト URI 'https://abc-mgf.cybermail.jp/mg-cgi/mg_oauth' が一致しません。\nRequest Id: 0f0e0d0c-0000-0000-0000-000000000000\n",
        "6. 「リダイレクト URI」に開通通知書に記載の「Microsoft 365_リダイレクトURI1」を入力します。\n",
        "applicationId: 11111111-1111-1111-1111-111111111111\nclientSecret: abC8Q~xxxx\n",
        "",
    ])
    func otherInputsAreNotSheets(text: String) {
        #expect(!NotificationSheetParser.looksLikeSheet(Data(text.utf8), path: "input"))
    }

    @Test func binaryAndPlainZipAreNotSheets() {
        #expect(!NotificationSheetParser.looksLikeSheet(Data([0x00, 0xFF, 0xFE, 0x81, 0x00, 0x9F]), path: "blob"))
        #expect(!NotificationSheetParser.looksLikeSheet(Data([0x50, 0x4B, 0x03, 0x04, 0, 0, 0]), path: "broken.zip"))
    }

    @Test func structuredFormNeedsItsKeys() {
        #expect(NotificationSheetParser.looksLikeSheet(Data(#"{"uri1":"https://a/x","uri2":[]}"#.utf8), path: "s.json"))
        #expect(!NotificationSheetParser.looksLikeSheet(Data(#"{"kind":"other","uri1":"https://a/x","uri2":[]}"#.utf8), path: "s.json"))
        #expect(NotificationSheetParser.looksLikeSheet(Data("uri1: https://a/x\nuri2: https://a/y\n".utf8), path: "s.yaml"))
        #expect(!NotificationSheetParser.looksLikeSheet(Data("uri1: https://a/x\n".utf8), path: "s.yaml"))
    }
}

@Suite struct SheetRobustnessTests {
    @Test func longLinesStayFast() throws {
        let words = String(repeating: "word ", count: 400_000)
        let data = Data(("Microsoft 365_リダイレクトURI1：\(SheetSamples.uri1)\n" + words + "\n" + words.replacingOccurrences(of: " ", with: "：")).utf8)
        let start = Date()
        #expect(try NotificationSheetParser.parse(data, path: "long.txt").uri1 == SheetSamples.uri1)
        #expect(Date().timeIntervalSince(start) < 10)
    }
}
