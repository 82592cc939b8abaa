import Foundation
import Testing
@testable import MGAuditCore

/// A sample tenant under Samples/tenants/ and exactly what it must report at 2026-12-01.
struct SheetSampleCase: Sendable, CustomTestStringConvertible {
    var folder: String
    var rules: Set<String>
    /// For a near miss: the kinds of its edits, in order.
    var editKinds: [String] = []
    var testDescription: String { folder }

    static let all: [SheetSampleCase] = [
        SheetSampleCase(folder: "multi-domain-missing-uri2", rules: ["uri2-missing-for-domain", "consent-unknown"]),
        SheetSampleCase(folder: "near-miss-hyphen", rules: ["uri-near-miss", "consent-unknown"], editKinds: ["missing-hyphen"]),
        // The same slip seen twice on purpose: uri-whitespace without the sheet, uri-near-miss against it.
        SheetSampleCase(folder: "near-miss-trailing-space", rules: ["uri-near-miss", "consent-unknown"],
                        editKinds: ["trailing-space"]),
        SheetSampleCase(folder: "near-miss-fullwidth", rules: ["uri-near-miss", "consent-unknown"],
                        editKinds: ["full-width"]),
        SheetSampleCase(folder: "near-miss-trailing-slash", rules: ["uri-near-miss", "consent-unknown"], editKinds: ["trailing-slash"]),
        SheetSampleCase(folder: "uri1-under-spa", rules: ["uri-wrong-platform", "consent-unknown"]),
        SheetSampleCase(folder: "multi-domain-clean", rules: []),
    ]
}

@Suite struct RulesSheetTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Loaded once for the suite.
    private static let shippedEngine = Result {
        try RuleEngine(pack: RulePackLoader.load(directory: repository.appendingPathComponent("rules")))
    }
    func engine() throws -> RuleEngine { try Self.shippedEngine.get() }

    func asOf() throws -> Date { try #require(AuditDate.parse("2026-12-01")) }

    func load(_ folder: String) throws -> TenantBundle {
        try TenantLoader.load(path: Self.repository.appendingPathComponent("Samples/tenants/\(folder)").path)
    }

    func audit(_ bundle: TenantBundle) throws -> [Finding] { try engine().audit(bundle, asOf: try asOf()) }

    // MARK: - Samples

    @Test(arguments: SheetSampleCase.all)
    func sampleReportsExactlyItsPitfall(_ sample: SheetSampleCase) throws {
        let bundle = try load(sample.folder)
        #expect(bundle.problems.isEmpty, "\(bundle.problems)")
        #expect(bundle.manifest != nil)
        let sheet = try #require(bundle.sheet, "the sheet of \(sample.folder) was not read")
        #expect(!sheet.uri2.isEmpty)
        let findings = try audit(bundle)
        #expect(Set(findings.map(\.rule)) == sample.rules, "\(findings.map { "\($0.rule): \($0.message.en)" })")
        let nearMisses = findings.filter { $0.rule == "uri-near-miss" }
        if !sample.editKinds.isEmpty {
            let finding = try #require(nearMisses.first)
            #expect(nearMisses.count == 1)
            guard case .list(let edits)? = finding.evidence["edits"] else {
                Issue.record("no edits in \(finding.evidence)")
                return
            }
            #expect(edits.compactMap { edit -> String? in
                guard case .object(let object) = edit, case .string(let kind)? = object["kind"] else { return nil }
                return kind
            } == sample.editKinds)
            // The renderers draw expected/actual/diff as a caret line or del/ins.
            #expect(NearMissDiff(evidence: finding.evidence) != nil)
            for text in [finding.message.ja, finding.message.en, (finding.fix?.ja ?? ""), (finding.fix?.en ?? "")] {
                #expect(MessageTemplate.placeholders(in: text).isEmpty, "\(text)")
            }
        }
    }

    @Test func multiDomainSheetsAreReadWithEveryDomain() throws {
        for folder in ["multi-domain-missing-uri2", "multi-domain-clean"] {
            let sheet = try #require(try load(folder).sheet)
            #expect(sheet.domains.count == 3)
            #expect(sheet.uri2.count == 3)
            #expect(sheet.uri2.allSatisfy { $0.domain != nil })
        }
    }

    @Test func missingURI2NamesTheDomain() throws {
        let findings = try audit(try load("multi-domain-missing-uri2")).filter { $0.rule == "uri2-missing-for-domain" }
        let finding = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(finding.subject == "tokai-group.jp")
        #expect(finding.evidence["domain"] == .string("tokai-group.jp"))
        #expect(finding.evidence["expected"] == .string("https://tokai-mgf.cybermail.jp/mg-cgi/mg_login?domain=tokai-group.jp"))
        #expect(finding.message.ja.contains("契約ドメイン tokai-group.jp の「Microsoft 365_リダイレクトURI2」 "))
        let fixJa = finding.fix?.ja ?? ""
        #expect(fixJa.contains("「URI の追加」"))
        #expect(finding.guideStep.ja == "OAuth クライアントID作成手順 8")
    }

    @Test func nearMissSaysWhatToChange() throws {
        let finding = try #require(try audit(try load("near-miss-hyphen")).first { $0.rule == "uri-near-miss" })
        #expect(finding.subject == "https://abcmgf.cybermail.jp/mg-cgi/mg_login")
        #expect(finding.message.ja.contains("\"abc\" の後（12 文字目）にハイフン「-」が足りません"))
        #expect(finding.message.en.contains("A hyphen '-' is missing after 'abc' (character 12)"))
        #expect(finding.message.ja.contains("「Microsoft 365_リダイレクトURI2」（abc-trading.co.jp）"))
        #expect(finding.evidence["label"] == .string("URI2"))
        #expect(finding.evidence["domain"] == .string("abc-trading.co.jp"))
        #expect(finding.evidence["platform"] == .string("web"))
        #expect(finding.evidence["expected"] == .string("https://abc-mgf.cybermail.jp/mg-cgi/mg_login"))
        #expect(finding.evidence["actual"] == .string("https://abcmgf.cybermail.jp/mg-cgi/mg_login"))
        #expect(finding.evidence["distance"] == .int(1))
        #expect(finding.guideStep.ja == "OAuth クライアントID作成手順 8")
    }

    @Test func nearMissOfURI1PointsToStep6() throws {
        let finding = try #require(try audit(try load("near-miss-trailing-space")).first { $0.rule == "uri-near-miss" })
        #expect(finding.evidence["label"] == .string("URI1"))
        #expect(finding.evidence["domain"] == .null)
        #expect(finding.guideStep.ja == "OAuth クライアントID作成手順 6")
        #expect(finding.message.ja.contains("末尾に半角スペース（U+0020）が入っています"))
        // One problem, one finding: the whitespace rule's finding is folded into the near miss.
        #expect(finding.related == ["uri-whitespace"])
    }

    @Test func uri1UnderSPAIsWrongPlatformNotMissing() throws {
        let findings = try audit(try load("uri1-under-spa"))
        let finding = try #require(findings.first { $0.rule == "uri-wrong-platform" })
        #expect(findings.filter { $0.rule == "uri-wrong-platform" }.count == 1)
        #expect(finding.evidence["label"] == .string("URI1"))
        #expect(finding.evidence["match"] == .string("exact"))
        #expect(finding.evidence["platform"] == .string("spa"))
        #expect(finding.message.ja.hasPrefix("開通通知書の「Microsoft 365_リダイレクトURI1」 https://higashi-mgf.cybermail.jp/mg-cgi/mg_oauth が「シングルページ アプリケーション」"))
    }

    @Test func cleanMultiDomainTenantHasNoURIFinding() throws {
        let findings = try audit(try load("multi-domain-clean"))
        #expect(findings.filter { $0.rule.hasPrefix("uri") }.isEmpty, "\(findings.map(\.rule))")
    }

    // MARK: - Built bundles

    static let uri1 = "https://abc-mgf.cybermail.jp/mg-cgi/mg_oauth"
    static let uri2 = "https://abc-mgf.cybermail.jp/mg-cgi/mg_login"

    func bundle(web: [String], spa: [String] = [], sheet: NotificationSheet?) -> TenantBundle {
        var bundle = TenantBundle(name: "t")
        bundle.manifest = AppRegistration(
            format: .microsoftGraph, appId: "d23f0824-128b-4f33-8c5c-7fd0a6a3a450", displayName: "MAILGATES Σ",
            signInAudience: "AzureADMyOrg",
            redirectURIs: web.map { RedirectURI(uri: $0, platform: .web) } + spa.map { RedirectURI(uri: $0, platform: .spa) },
            implicitAccessToken: true, implicitIdToken: true)
        bundle.sheet = sheet
        return bundle
    }

    func uriFindings(_ bundle: TenantBundle) throws -> [Finding] {
        try audit(bundle).filter { $0.rule.hasPrefix("uri") }
    }

    @Test func nearIdenticalSheetURIsEachFindTheirOwnRegisteredURI() throws {
        // URI2 on two hosts one letter apart; each registered URI is one slip from its own.
        let abd = "https://abd-mgf.cybermail.jp/mg-cgi/mg_login"
        let sheet = NotificationSheet(domains: ["example.co.jp", "example.jp"], uri1: Self.uri1,
                                      uri2: [.init(domain: "example.co.jp", uri: Self.uri2), .init(domain: "example.jp", uri: abd)])
        let registered = ["https://abd-mgf.cybermail.jp/mg-cgi/mglogin", Self.uri1, Self.uri2 + " "]
        let findings = try uriFindings(bundle(web: registered, sheet: sheet)).filter { $0.rule == "uri-near-miss" }
        let byDomain = Dictionary(findings.map { ($0.evidence["domain"]?.plainText ?? "", $0) }, uniquingKeysWith: { first, _ in first })
        #expect(findings.count == 2)
        #expect(byDomain["example.co.jp"]?.evidence["actual"] == .string(Self.uri2 + " "))
        #expect(byDomain["example.jp"]?.evidence["actual"] == .string("https://abd-mgf.cybermail.jp/mg-cgi/mglogin"))
        #expect(byDomain["example.jp"]?.evidence["expected"] == .string(abd))
    }

    @Test func withoutASheetOnlyTheSheetlessChecksRun() throws {
        // A typo and a stale host, but nothing to compare with: only the host pattern speaks.
        let findings = try uriFindings(bundle(web: ["https://abcmgf.cybermail.jp/mg-cgi/mg_oauth", "https://old-mgf.cybermail.jp/mg-cgi/mg_login"],
                                             spa: [Self.uri2], sheet: nil))
        #expect(findings.map(\.rule) == ["uri-wrong-platform"])
        #expect(findings.first?.message.en.hasPrefix("The redirect URI https://abc-mgf") == true)
    }

    @Test func withASheetWrongPlatformIsExact() throws {
        let sheet = NotificationSheet(domains: ["example.co.jp"], uri1: Self.uri1, uri2: [.init(domain: "example.co.jp", uri: Self.uri2)])
        // Another MailGates path under SPA is not a sheet URI: the host pattern would have flagged it.
        let other = try uriFindings(bundle(web: [Self.uri1, Self.uri2], spa: ["https://abc-mgf.cybermail.jp/mg-cgi/preview"], sheet: sheet))
        #expect(other.isEmpty, "\(other.map(\.rule))")
        // A near miss of URI2 under SPA: reported once as wrong platform, once as near miss, never as missing.
        let nearMiss = try uriFindings(bundle(web: [Self.uri1], spa: [Self.uri2 + "/"], sheet: sheet))
        #expect(nearMiss.map(\.rule).sorted() == ["uri-near-miss", "uri-wrong-platform"])
        let wrong = try #require(nearMiss.first { $0.rule == "uri-wrong-platform" })
        #expect(wrong.evidence["match"] == .string("near-miss"))
        #expect(wrong.evidence["label"] == .string("URI2"))
        #expect(wrong.message.en.hasPrefix("A URI close to the notification sheet's \"Microsoft 365_リダイレクトURI2\" (example.co.jp)"))
    }

    @Test func staleAndMistypedHostsAreUnexpected() throws {
        let sheet = NotificationSheet(accessURL: "https://abc-mgf.cybermail.jp/", domains: ["example.co.jp"], uri1: Self.uri1,
                                      uri2: [.init(domain: "example.co.jp", uri: Self.uri2)])
        let stale = "https://old-mgf.cybermail.jp/mg-cgi/mg_login"
        let typo = "https://abcmgf.cybermail.jp/mg-cgi/mg_login"
        let findings = try uriFindings(bundle(web: [Self.uri1, Self.uri2, stale, typo], sheet: sheet))
        #expect(findings.map(\.rule) == ["uri-unexpected-host", "uri-unexpected-host"])
        #expect(findings.map(\.subject) == [typo, stale])
        #expect(findings.first?.evidence["expectedHosts"] == .list([.string("abc-mgf.cybermail.jp")]))
        #expect(findings.last?.evidence["host"] == .string("old-mgf.cybermail.jp"))
    }

    @Test func oneURI2ForSeveralDomainsIsRegisteredOnce() throws {
        // A sheet giving the same URI2 for two domains: one registration serves both; when it is
        // missing, each domain is named.
        let sheet = NotificationSheet(domains: ["example.co.jp", "example.jp"], uri1: Self.uri1,
                                      uri2: [.init(domain: "example.co.jp", uri: Self.uri2), .init(domain: "example.jp", uri: Self.uri2)])
        #expect(try uriFindings(bundle(web: [Self.uri1, Self.uri2], sheet: sheet)).isEmpty)
        let missing = try uriFindings(bundle(web: [Self.uri1], sheet: sheet))
        #expect(missing.map(\.rule) == ["uri2-missing-for-domain", "uri2-missing-for-domain"])
        #expect(missing.map(\.subject) == ["example.co.jp", "example.jp"])
    }

    @Test func blanksAroundASheetValueAreNotExpected() throws {
        // The sheet itself carries a trailing U+3000 (kept by the parser); the clean registration is right.
        let sheet = NotificationSheet(domains: ["example.co.jp"], uri1: Self.uri1 + "\u{3000}",
                                      uri2: [.init(domain: "example.co.jp", uri: Self.uri2)])
        #expect(try uriFindings(bundle(web: [Self.uri1, Self.uri2], sheet: sheet)).isEmpty)
    }

    @Test func missingURI1WhenNothingIsClose() throws {
        let sheet = NotificationSheet(domains: ["example.co.jp"], uri1: Self.uri1, uri2: [.init(domain: "example.co.jp", uri: Self.uri2)])
        let findings = try uriFindings(bundle(web: [Self.uri2], sheet: sheet))
        let finding = try #require(findings.first)
        #expect(findings.map(\.rule) == ["uri1-missing"])
        #expect(finding.subject == Self.uri1)
        #expect(finding.guideStep.ja == "OAuth クライアントID作成手順 6")
        let fixJa = finding.fix?.ja ?? ""
        let fixEn = finding.fix?.en ?? ""
        #expect(fixJa.contains("「プラットフォームを追加」>「Web」"))
        #expect(fixEn.contains("\"Add a platform\" > \"Web\""))
    }
}
