import Foundation
import Testing
@testable import MGAuditCore

/// Value cleaning of notification sheets (issue 7, "Wrong advice"): wrappers stripped, values that
/// are no URL or may be wrapped never used as expected URIs, the sheet's own stray characters
/// reported as the sheet's problem; and a secret typed as the application ID reported and masked.
@Suite struct SheetValueCleaningTests {
    static let uri1 = SheetSamples.uri1
    static let uri2 = SheetSamples.uri2Main

    func audit(_ bundle: TenantBundle) throws -> [Finding] {
        let engine = try RuleEngine(pack: try RulesFixture.pack())
        return engine.audit(bundle, asOf: try #require(AuditDate.parse("2026-12-01")))
            .filter { ["uri", "sheet-", "client-id"].contains(where: $0.rule.hasPrefix) }
    }

    /// The golden manifest of the samples with these Web redirect URIs.
    func bundle(web: [String], sheet: NotificationSheet?, settings: GatewaySettings? = nil) -> TenantBundle {
        var bundle = TenantBundle(name: "t")
        bundle.manifest = AppRegistration(
            format: .microsoftGraph, appId: "d23f0824-128b-4f33-8c5c-7fd0a6a3a450", displayName: "MAILGATES Σ",
            signInAudience: "AzureADMyOrg", redirectURIs: web.map { RedirectURI(uri: $0, platform: .web) },
            implicitAccessToken: true, implicitIdToken: true)
        bundle.sheet = sheet
        bundle.settings = settings
        return bundle
    }

    /// Rules that would tell the customer to change the registration because of the sheet.
    static let adviceRules: Set<String> = ["uri1-missing", "uri2-missing-for-domain", "uri-near-miss", "uri-unexpected-host",
                                           "uri-wrong-platform"]

    // MARK: - 1. wrappers

    @Test func theIssuesMailPastedURI2GivesTheCleanURIAndACorrectRegistrationPasses() throws {
        let text = """
        Microsoft 365_リダイレクトURI1：\(Self.uri1)
        Microsoft 365_リダイレクトURI2：<https://abc-mgf.cybermail.jp/mg-cgi/mg_login>
        """
        let sheet = try SheetSamples.parse(text)
        #expect(sheet.uri2.map(\.uri) == ["https://abc-mgf.cybermail.jp/mg-cgi/mg_login"])
        #expect(sheet.valueIssues.isEmpty)
        #expect(try audit(bundle(web: [Self.uri1, Self.uri2], sheet: sheet)).isEmpty)
    }

    @Test(arguments: [
        "<\(uri2)>", "＜\(uri2)＞", "「\(uri2)」", "『\(uri2)』", "\"\(uri2)\"", "'\(uri2)'", "“\(uri2)”", "‘\(uri2)’",
        "（\(uri2)）", "(\(uri2))", "\(uri2)。", "\(uri2)、", "\(uri2).", "\(uri2),", " \u{00A0}\(uri2)\u{3000} ",
        "「<\(uri2)>」。", "\u{3000}（\(uri2)）", "\(uri2) <\(uri2)>",
    ])
    func everyWrapperIsStripped(value: String) throws {
        let sheet = try SheetSamples.parse("""
        Microsoft 365_リダイレクトURI1：\(Self.uri1)
        Microsoft 365_リダイレクトURI2（example.co.jp）：\(value)
        """)
        #expect(sheet.uri2 == [.init(domain: "example.co.jp", uri: Self.uri2)])
        #expect(sheet.valueIssues.isEmpty)
        #expect(try audit(bundle(web: [Self.uri1, Self.uri2], sheet: sheet)).isEmpty)
    }

    @Test func aWholeMailPastedSheetReadsClean() throws {
        let text = """
        > お客様名：株式会社サンプル商事
        > アクセスURL：<https://abc-mgf.cybermail.jp/>
        > Microsoft 365_リダイレクトURI1：「https://abc-mgf.cybermail.jp/mg-cgi/mg_oauth」
        example.co.jp：<https://abc-mgf.cybermail.jp/mg-cgi/mg_login>
        """
        let sheet = try SheetSamples.parse(text.replacingOccurrences(of: "> ", with: ""))
        #expect(sheet.accessURL == "https://abc-mgf.cybermail.jp/")
        #expect(sheet.uri1 == Self.uri1)
        #expect(sheet.valueIssues.isEmpty)
        let domainFirst = try SheetSamples.parse("""
        Microsoft 365_リダイレクトURI1：\(Self.uri1)
        Microsoft 365_リダイレクトURI2：
        example.co.jp：<\(Self.uri2)>
        """)
        #expect(domainFirst.uri2 == [.init(domain: "example.co.jp", uri: Self.uri2)])
    }

    @Test func theSameURI1OnceInBracketsIsNoConflict() throws {
        let sheet = try SheetSamples.parse("""
        Microsoft 365_リダイレクトURI1：\(Self.uri1)
        Microsoft 365_リダイレクトURI1：<\(Self.uri1)>
        """)
        #expect(sheet.uri1 == Self.uri1)
        // A page quoting the sheet twice, once wrapped: the usable copy counts.
        let twice = try SheetSamples.parse("""
        Microsoft 365_リダイレクトURI1：https://abc-mgf.cybermail.jp/mg-cgi/
        mg_oauth

        Microsoft 365_リダイレクトURI1：\(Self.uri1)
        """)
        #expect(twice.uri1 == Self.uri1)
        #expect(twice.valueIssues.isEmpty)
        #expect(throws: InputError.self) {
            try SheetSamples.parse("Microsoft 365_リダイレクトURI1：\(Self.uri1)\nMicrosoft 365_リダイレクトURI1：<\(Self.uri2)>")
        }
    }

    @Test func structuredSheetsAreCleanedTheSameWay() throws {
        let raw = NotificationSheet(domains: ["example.co.jp"], uri1: "<\(Self.uri1)>", uri2: [.init(domain: "example.co.jp", uri: "「\(Self.uri2)」")])
        let sheet = SheetValueCleaner.cleanValues(of: raw, path: "s.yaml")
        #expect(sheet.uri1 == Self.uri1)
        #expect(sheet.uri2.map(\.uri) == [Self.uri2])
        #expect(sheet.valueIssues.isEmpty)
    }

    // MARK: - 2. not a URL

    @Test(arguments: ["未定", "abc-mgf.cybermail.jp/mg-cgi/mg_login", "https://", "mailto:support@example.co.jp",
                      "https://abc-mgf.cybermail.jp/mg-cgi/mg_login（example.co.jp 用）", "<https://abc-mgf.cybermail.jp/mg-cgi/mg_login"
                        + "> and more", "https://abc-mgf.cybermail.jp/mg-cgi /mg_login"])
    func aValueThatIsNoURLIsASheetProblemNotAnExpectedURI(value: String) throws {
        let sheet = try SheetSamples.parse("""
        Microsoft 365_リダイレクトURI1：\(Self.uri1)
        Microsoft 365_リダイレクトURI2（example.co.jp）：\(value)
        """, path: "tenant/開通通知書.txt")
        let issue = try #require(sheet.valueIssues.first)
        #expect(sheet.valueIssues.count == 1)
        #expect(issue.kind == .invalid)
        #expect(issue.raw == value)
        #expect(issue.line == 2)
        // Nothing derived from it: the registered URI2 is not "unexpected", nothing is "missing".
        let findings = try audit(bundle(web: [Self.uri1, Self.uri2, "https://old-mgf.cybermail.jp/mg-cgi/mg_login"], sheet: sheet))
        #expect(findings.map(\.rule) == ["sheet-value-invalid"])
        let finding = try #require(findings.first)
        #expect(finding.subject == "Microsoft 365_リダイレクトURI2 (example.co.jp)")
        #expect(finding.evidence["raw"] == .string(VisibleText.escape(value, keepInnerSpaces: false)))
        #expect(finding.evidence["path"] == .string("tenant/開通通知書.txt"))
        #expect(finding.message.ja.contains("開通通知書（tenant/開通通知書.txt 2 行目）の「Microsoft 365_リダイレクトURI2」（example.co.jp）の値"))
        #expect(finding.message.en.contains("(tenant/開通通知書.txt line 2)"))
        #expect(finding.guideStep.ja == "OAuth クライアントID作成手順 8")
    }

    @Test func anInvalidURI1IsNeverCalledMissing() throws {
        let sheet = try SheetSamples.parse("""
        Microsoft 365_リダイレクトURI1：（後日ご連絡します）
        Microsoft 365_リダイレクトURI2：\(Self.uri2)
        """)
        let findings = try audit(bundle(web: [Self.uri2], sheet: sheet))
        #expect(findings.map(\.rule) == ["sheet-value-invalid"])
        #expect(findings.first?.guideStep.ja == "OAuth クライアントID作成手順 6")
    }

    // MARK: - 3. the sheet's own invisible or full-width characters

    @Test func theSheetsOwnInvisibleCharacterIsReportedAsTheSheetsAndNotCopiedIntoAdvice() throws {
        let sheet = try SheetSamples.parse("""
        Microsoft 365_リダイレクトURI1：https://abc-mgf.cybermail.jp/mg-cgi/\u{3000}mg_oauth
        Microsoft 365_リダイレクトURI2：https://abc-mgf.cybermail.jp/mg-cgi/ｍｇ_\u{200B}login
        """)
        #expect(sheet.uri1 == Self.uri1)
        #expect(sheet.uri2.map(\.uri) == [Self.uri2])
        // A correct registration: only the sheet's notes.
        let clean = try audit(bundle(web: [Self.uri1, Self.uri2], sheet: sheet))
        #expect(clean.map(\.rule) == ["sheet-value-invisible", "sheet-value-invisible"])
        #expect(clean.allSatisfy { $0.severity == .info })
        let note = try #require(clean.first { $0.subject == SheetLabels.uri1Label })
        #expect(note.message.ja.contains("⟨U+3000⟩"))
        #expect(note.message.ja.contains("開通通知書そのものに見えない文字または全角文字が含まれています"))
        #expect(note.evidence["value"] == .string(Self.uri1))
        let fullWidth = try #require(clean.first { $0.subject == SheetLabels.uri2Label })
        #expect(fullWidth.message.en.contains("→ ASCII \"m\""))
        #expect(fullWidth.message.en.contains("⟨U+200B⟩"))
        // The character copied into the registration: the advice compares with the cleaned URI.
        let copied = try audit(bundle(web: ["https://abc-mgf.cybermail.jp/mg-cgi/\u{3000}mg_oauth", Self.uri2], sheet: sheet))
        let nearMiss = try #require(copied.first { $0.rule == "uri-near-miss" })
        #expect(nearMiss.evidence["expected"] == .string(Self.uri1))
        #expect(nearMiss.message.en.contains("sheet's \"Microsoft 365_リダイレクトURI1\" \(Self.uri1)."))
    }

    // MARK: - 4. wrapped values

    @Test func aURICutOverTwoLinesIsReportedWithBothReadingsAndGivesNoAdvice() throws {
        let sheet = try SheetSamples.parse("""
        Microsoft 365_リダイレクトURI1：\(Self.uri1)
        Microsoft 365_リダイレクトURI2（example.co.jp）：https://abc-mgf.cybermail.jp/mg-cgi/
        mg_login
        """)
        let issue = try #require(sheet.valueIssues.first)
        #expect(issue.kind == .wrapped)
        #expect(issue.value == "https://abc-mgf.cybermail.jp/mg-cgi/")
        #expect(issue.joined == Self.uri2)
        #expect(!sheet.isTrusted(.uri2, domain: "example.co.jp", value: issue.value))
        for web in [[Self.uri1, Self.uri2], [Self.uri1, "https://abc-mgf.cybermail.jp/mg-cgi/"], [Self.uri1],
                    [Self.uri1, "https://abc-mgf.cybermail.jp/mg-cgi/mglogin"]] {
            let findings = try audit(bundle(web: web, sheet: sheet))
            #expect(findings.map(\.rule) == ["sheet-value-wrapped"], "\(web)")
            #expect(Set(findings.map(\.rule)).isDisjoint(with: Self.adviceRules))
        }
        let finding = try #require(try audit(bundle(web: [Self.uri1, Self.uri2], sheet: sheet)).first)
        #expect(finding.evidence["readings"] == .list([.string("https://abc-mgf.cybermail.jp/mg-cgi/"), .string(Self.uri2)]))
        #expect(finding.evidence["registeredReading"] == .string(Self.uri2))
        #expect(finding.message.ja.contains("1 行目だけなら https://abc-mgf.cybermail.jp/mg-cgi/、つなげると \(Self.uri2)"))
        #expect(finding.message.ja.contains("登録されているのは \(Self.uri2) です。"))
        #expect(finding.fix?.ja.contains("1 文字ずつ見比べて") == true)
    }

    @Test func aValueEndingInAHyphenContinuedOnTheNextLineIsWrapped() throws {
        let sheet = try SheetSamples.parse("""
        Microsoft 365_リダイレクトURI1：https://abc-
        mgf.cybermail.jp/mg-cgi/mg_oauth
        Microsoft 365_リダイレクトURI2：\(Self.uri2)
        """)
        #expect(sheet.valueIssues.map(\.kind) == [.wrapped])
        #expect(sheet.valueIssues.first?.joined == Self.uri1)
        #expect(try audit(bundle(web: [Self.uri2], sheet: sheet)).map(\.rule) == ["sheet-value-wrapped"])
    }

    @Test func anHTMLCellWithALineBreakInsideTheURIIsWrapped() throws {
        let html = """
        <table><tr><td>Microsoft 365_リダイレクトURI1</td><td>\(Self.uri1)</td></tr>
        <tr><td>Microsoft 365_リダイレクトURI2</td><td>https://abc-mgf.cybermail.jp/mg-cgi/<br>mg_login</td></tr></table>
        """
        let sheet = try SheetSamples.parse(html, path: "p.html")
        #expect(sheet.valueIssues.map(\.kind) == [.wrapped])
        #expect(sheet.valueIssues.first?.joined == Self.uri2)
    }

    @Test(arguments: ["以上", "よろしくお願いいたします。", "example-group.jp", "Regards,", "--", "Please copy the URIs exactly."])
    func aLineAfterACompleteURIIsNoContinuation(line: String) throws {
        let sheet = try SheetSamples.parse("""
        Microsoft 365_リダイレクトURI1：\(Self.uri1)
        Microsoft 365_リダイレクトURI2：\(Self.uri2)
        \(line)
        """)
        #expect(sheet.valueIssues.isEmpty)
        #expect(sheet.uri2.map(\.uri) == [Self.uri2])
    }

    @Test(arguments: ["example.co.jp", "(example.co.jp)", "（example.co.jp 用）"])
    func aDomainOrANoteAfterAURLEndingInASlashIsNoContinuation(line: String) throws {
        let sheet = try SheetSamples.parse("""
        アクセスURL：https://abc-mgf.cybermail.jp/
        \(line)
        Microsoft 365_リダイレクトURI1：\(Self.uri1)
        """)
        #expect(sheet.valueIssues.isEmpty)
        #expect(sheet.accessURL == "https://abc-mgf.cybermail.jp/")
    }

    @Test func aURLCutRightBeforeTheDomainOfItsQueryIsWrapped() throws {
        let sheet = try SheetSamples.parse("""
        Microsoft 365_リダイレクトURI1：\(Self.uri1)
        Microsoft 365_リダイレクトURI2：https://abc-mgf.cybermail.jp/mg-cgi/mg_login?domain=
        example-group.jp
        """)
        #expect(sheet.valueIssues.map(\.kind) == [.wrapped])
        #expect(sheet.valueIssues.first?.joined == SheetSamples.uri2Group)
    }

    @Test func theContinuationTestIsBoundedAndLinear() throws {
        let long = String(repeating: "a/", count: 600_000)
        #expect(!SheetValueCleaner.isContinuation(long, after: "https://x/"))
        let start = Date()
        // 100,000 lines that could each continue a URL: at most 8 lines make one value.
        let lines = ["https://abc-mgf.cybermail.jp/"] + Array(repeating: "mg-cgi/", count: 100_000)
        let groups = SheetInterpreter.joinContinuations(lines)
        #expect(groups.first?.split(separator: "\n").count == SheetValueCleaner.maximumContinuationLines)
        let peeled = SheetValueCleaner.cleanLine(String(repeating: "<", count: 200_000) + Self.uri1)
        #expect(!peeled.isURL)
        // Generous for a loaded machine; a quadratic scan of these inputs takes minutes.
        #expect(Date().timeIntervalSince(start) < 30)
        let rows = String(repeating: "mg-cgi/\n", count: 2_000)
        let wrapped = try SheetSamples.parse("Microsoft 365_リダイレクトURI1：https://abc-mgf.cybermail.jp/\n" + rows)
        #expect(wrapped.valueIssues.first?.raw.split(separator: "\n").count == SheetValueCleaner.maximumContinuationLines)
        let html = "<table><tr><td>Microsoft 365_リダイレクトURI1</td><td>https://abc-mgf.cybermail.jp/"
            + String(repeating: "<br>mg-cgi/", count: 2_000) + "</td></tr></table>"
        #expect(try SheetSamples.parse(html, path: "p.html").valueIssues.map(\.kind) == [.wrapped])
    }

    // MARK: - 5. a secret typed as the application ID

    static let secret = "Qx78Q~sample.not.a.real.secret.value0000"

    @Test func aSecretTypedAsTheApplicationIdIsItsOwnFindingAndMaskedEverywhere() throws {
        let settings = try #require(GatewaySettingsParser.recognise(text: "アプリケーションID : \(Self.secret)\nクライアントシークレット : \(Self.secret)"))
        let findings = try audit(bundle(web: [Self.uri1, Self.uri2], sheet: nil, settings: settings))
        #expect(findings.map(\.rule) == ["client-id-looks-like-secret"])
        let finding = try #require(findings.first)
        #expect(finding.severity == .error)
        #expect(finding.subject == "applicationId")
        #expect(finding.evidence["hint"] == .string("Qx7"))
        #expect(finding.evidence["sameAsClientSecret"] == .bool(true))
        #expect(finding.guideStep.ja.hasPrefix("OAuth クライアントID作成手順 10"))
        let report = AuditReport(asOf: "2026-12-01", tenants: [TenantResult(name: "t", inputs: [], findings: findings)])
        for language in Language.allCases {
            for output in [try TextReport().render(report, language: language), try JSONReport().render(report, language: language)] {
                #expect(output.contains("Qx7"))
                #expect(!output.contains("sample.not.a.real"))
            }
        }
        // The model never shows it either.
        #expect(!settings.description.contains("sample.not.a.real"))
        let encoded = String(decoding: try JSONEncoder().encode(settings), as: UTF8.self)
        #expect(!encoded.contains("sample.not.a.real"))
        #expect(encoded.contains("Qx7"))
    }

    @Test func aTokenAsTheApplicationIdIsReportedAndAGUIDIsNot() throws {
        let token = "eyJ0eXAiOiJKV1QifQ.eyJhdWQiOiJ4In0.c2lnbmF0dXJl"
        let found = try audit(bundle(web: [Self.uri1], sheet: nil, settings: GatewaySettings(applicationId: token)))
        #expect(found.map(\.rule) == ["client-id-looks-like-secret"])
        #expect(!found.contains { $0.message.en.contains("eyJhdWQ") || $0.subject.contains("eyJhdWQ") })
        let other = try audit(bundle(web: [Self.uri1], sheet: nil, settings: GatewaySettings(applicationId: "0b9d2f7e-5a4c-4e3b-9d8a-7c6b5a4f3e2d")))
        #expect(other.map(\.rule) == ["client-id-mismatch"])
    }
}
