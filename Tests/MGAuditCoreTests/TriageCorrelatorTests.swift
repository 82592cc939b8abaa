import Foundation
import Testing
@testable import MGAuditCore

@Suite struct TriageCorrelatorTests {
    typealias F = TriageFixtures

    func run(_ sample: String, _ bundle: TenantBundle?) throws -> TriageResult {
        try #require(try Triage.run(text: try F.sample(sample), catalog: try F.catalog(), bundle: bundle, engine: try F.engine(), asOf: F.asOf).errors.first)
    }

    @Test func nearMissNamesTheMissingCharacter() throws {
        let manifest = F.manifest(redirects: [RedirectURI(uri: F.uri1, platform: .web),
                                              RedirectURI(uri: "https://abc-mgf.cybermail.jp/mg-cgi/mglogin", platform: .web)])
        let result = try run("authorize-request-and-page-50011.txt", F.bundle(manifest))
        let finding = try #require(result.findings.first)
        #expect(finding.rule == "requested-uri-near-registered")
        #expect(finding.subject == "https://abc-mgf.cybermail.jp/mg-cgi/mglogin")
        // The explainer's evidence: requested = expected, registered = actual, with the diff.
        #expect(finding.evidence["distance"] == .int(1))
        #expect(finding.evidence["expected"] == .string(F.uri2))
        #expect(finding.evidence["actual"] == .string("https://abc-mgf.cybermail.jp/mg-cgi/mglogin"))
        #expect(finding.evidence["edits"] == .list([.object(["kind": .string("missing-symbol"), "position": .int(38),
                                                              "expected": .string("_"), "actual": .string("")])]))
        #expect(NearMissDiff(evidence: finding.evidence)?.caretLine == String(repeating: " ", count: 38) + "^")
        #expect(finding.message.en.contains("In the registered URI, the symbol '_' is missing after 'mg-cgi/mg' (character 39)."))
        #expect(finding.message.ja.contains("\"mg-cgi/mg\" の後（39 文字目）に記号「_」が足りません。"))
    }

    @Test func nearestURIComesFromTheExplainer() {
        let candidates = [RedirectURI(uri: F.uri1, platform: .web), RedirectURI(uri: " " + F.uri2, platform: .web),
                          RedirectURI(uri: "https://abc-mgf.cybermail.jp/mg-cgi/mg_lgoin", platform: .web)]
        let found = RequestURIRegisteredCheck.nearest(to: F.uri2, among: candidates)
        #expect(found?.candidate.uri == " " + F.uri2)
        #expect(found?.comparison.edits.map(\.kind) == [.leadingSpace])
        #expect(found?.comparison.summary(.en) == "A space (U+0020) at the start must be removed.")
        // URI1 is not a slip of URI2, nor is another host.
        #expect(RequestURIRegisteredCheck.nearest(to: F.uri2, among: [candidates[0]]) == nil)
        #expect(RequestURIRegisteredCheck.nearest(to: "https://other.example/x", among: candidates) == nil)
    }

    static let groupURI2 = "https://abc-mgf.cybermail.jp/mg-cgi/mg_login?domain=example-group.jp"
    static let sheet = NotificationSheet(domains: ["example.co.jp", "example-group.jp"], uri1: F.uri1, uri2: [
        .init(domain: "example.co.jp", uri: F.uri2), .init(domain: "example-group.jp", uri: groupURI2)])

    func sheetBundle(_ manifest: AppRegistration) -> TenantBundle {
        TenantBundle(name: "abc", manifest: manifest, sheet: Self.sheet)
    }

    func redirect(_ requested: String, _ bundle: TenantBundle) throws -> [Finding] {
        let error = TriagedError(code: "AADSTS50011", requestedRedirectUri: requested, sourceKind: .redirectURL)
        return TriageCorrelator(bundle: bundle, asOf: F.asOf, engine: try F.engine()).findings(for: error, entry: try F.catalog().entry(for: "50011"))
    }

    @Test func anotherDomainsURI2IsNotANearMissButMissing() throws {
        // Only URI2 of example.co.jp is registered; the request is URI2 of example-group.jp.
        let findings = try redirect(Self.groupURI2, sheetBundle(F.manifest()))
        #expect(findings.map(\.rule) == ["requested-uri-not-registered"])
        #expect(findings.first?.evidence["domain"] == .string("example-group.jp"))
        #expect(findings.first?.message.ja.contains("（開通通知書の「Microsoft 365_リダイレクトURI2（example-group.jp）」）") == true)
        // Without the sheet too: a URI that differs only in its query is another domain's URI2.
        #expect(try redirect(Self.groupURI2, F.bundle(F.manifest())).map(\.rule) == ["requested-uri-not-registered"])
        // A query slip together with a real one is still a near miss.
        let slip = F.manifest(redirects: [RedirectURI(uri: "https://abc-mgf.cybermail.jp/mg-cgi/mglogin?domain=example-group.jp", platform: .web)])
        #expect(try redirect(Self.groupURI2, F.bundle(slip)).map(\.rule) == ["requested-uri-near-registered"])
    }

    @Test func requestOffTheSheetWhileRegistrationFollowsIt() throws {
        let requested = "http://abc-mgf.cybermail.jp/mg-cgi/mg_login"
        let findings = try redirect(requested, sheetBundle(F.manifest()))
        #expect(findings.map(\.rule) == ["requested-uri-not-on-sheet"])
        let finding = try #require(findings.first)
        #expect(finding.severity == .error)
        #expect(finding.evidence["expected"] == .string(F.uri2))
        #expect(finding.evidence["actual"] == .string(requested))
        #expect(finding.evidence["sheet"] == .string(F.uri2))
        #expect(finding.message.en.contains("in the requested URI use https, not http."))
        #expect(finding.message.en.contains("difference is on the MailGates side"))
        #expect(finding.message.ja.contains("https にしてください"))
    }

    @Test func requestOffTheSheetAndRegistrationOffToo() throws {
        let requested = "https://abc-mgf.cybermail.jp/mg-cgi/mg_login/"
        let manifest = F.manifest(redirects: [RedirectURI(uri: F.uri1, platform: .web),
                                              RedirectURI(uri: "https://abc-mgf.cybermail.jp/mg-cgi/mglogin/", platform: .web)])
        let findings = try redirect(requested, sheetBundle(manifest))
        #expect(findings.map(\.rule) == ["requested-uri-near-registered", "requested-uri-not-on-sheet"])
        #expect(findings.map(\.severity) == [.error, .warning])
        #expect(findings.last?.evidence["edits"].map { "\($0)".contains("trailing-slash") } == true)
        // Far from every sheet URI: said without a diff.
        let far = try redirect("https://old-host.example.com/login", sheetBundle(F.manifest()))
        #expect(far.last?.rule == "requested-uri-far-from-sheet")
        #expect(far.last?.evidence["sheet"] == .list([F.uri1, F.uri2, Self.groupURI2].map(EvidenceValue.string)))
        // On the sheet: nothing to say about the sheet.
        #expect(try redirect(F.uri2, sheetBundle(F.manifest())).isEmpty)
    }

    @Test func wrongPlatform() throws {
        let manifest = F.manifest(redirects: [RedirectURI(uri: F.uri1, platform: .web), RedirectURI(uri: F.uri2, platform: .spa)])
        let result = try run("page-ja-50011.txt", F.bundle(manifest))
        #expect(result.findings.map(\.rule) == ["requested-uri-wrong-platform"])
        #expect(result.findings.first?.message.ja.contains("「シングルページ アプリケーション」に登録されています") == true)
        #expect(result.findings.first?.fix?.en.contains("remove \"\(F.uri2)\" from \"Single-page application\"") == true)
    }

    @Test func missingURIWhenNothingIsClose() throws {
        let manifest = F.manifest(redirects: [RedirectURI(uri: F.uri1, platform: .web)])
        let result = try run("page-ja-50011.txt", F.bundle(manifest))
        #expect(result.findings.map(\.rule) == ["requested-uri-not-registered"])
    }

    @Test func expiredSecretSaysWhichAndWhen() throws {
        let manifest = F.manifest(credentials: [PasswordCredential(
            keyId: "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", displayName: "MAILGATES Σ", hint: "Qx7",
            start: F.date("2023-01-15T02:00:00Z"), end: F.date("2025-01-15T02:00:00Z"))])
        let result = try run("token-7000222.json", F.bundle(manifest))
        let finding = try #require(result.findings.first)
        #expect(result.cause == .expiredClientSecret)
        #expect(finding.rule == "secret-expired")
        #expect(finding.evidence["keyId"] == .string("0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"))
        #expect(finding.evidence["endDate"] == .string("2025-01-15"))
        #expect(finding.message.ja.contains("2025-01-15 に期限切れ"))
    }

    @Test func secretIdPastedInsteadOfValue() throws {
        let settings = GatewaySettings(applicationId: F.appId, clientSecret: SecretValue("fc9af3d1-2b4c-4d5e-8f6a-7b8c9d0e1f2a"))
        let result = try run("token-7000215.json", F.bundle(F.manifest(), settings: settings))
        let finding = try #require(result.findings.first)
        #expect(finding.rule == "secret-id-pasted")
        #expect(finding.evidence["keyId"] == .string("fc9af3d1-2b4c-4d5e-8f6a-7b8c9d0e1f2a"))
    }

    @Test func secretHintMismatchNeverShowsTheValue() throws {
        let secret = "zzZ8Q~averysecretvaluethatmustnotleak00"
        let settings = GatewaySettings(applicationId: F.appId, clientSecret: SecretValue(secret))
        let report = try Triage.run(text: try F.sample("token-7000215.json"), catalog: try F.catalog(),
                                    bundle: F.bundle(F.manifest(), settings: settings), engine: try F.engine(), asOf: F.asOf)
        #expect(report.errors.first?.findings.map(\.rule) == ["secret-hint-mismatch"])
        for language in Language.allCases {
            for output in [TriageJSONRenderer.render(report, language: language), TriageTextRenderer.render(report, language: language),
                           TriageMarkdownRenderer.render(report, language: language)] {
                #expect(!output.contains("averysecret"))
            }
        }
    }

    @Test func clientIdTypoAndObjectId() throws {
        let typo = try run("page-en-700016.txt", F.bundle(F.manifest()))
        let finding = try #require(typo.findings.first)
        #expect(finding.rule == "client-id-mismatch")
        #expect(finding.evidence["differingCharacters"] == .int(2))
        #expect(finding.evidence["isObjectId"] == .bool(false))
        #expect(finding.evidence["edits"] == .list([.object(["kind": .string("changed-text"), "position": .int(34),
                                                              "expected": .string("cd"), "actual": .string("dc")])]))
        #expect(finding.message.en.contains("It differs in 2 character(s): 'dc' after '1-23456789ab' (character 35) should be 'cd'."))
        let object = try run("page-en-700016-object-id.txt", F.bundle(F.manifest()))
        #expect(object.findings.first?.evidence["isObjectId"] == .bool(true))
        #expect(object.findings.first?.message.en.contains("object ID") == true)
    }

    @Test func consentUnknownWithoutExportAndWrongType() throws {
        var permissions = F.requiredPermissions
        permissions[1] = RequestedPermission(resourceAppId: "00000003-0000-0000-c000-000000000000",
                                             id: "5f8c59db-677d-491f-a6b8-5f174b11ec1d", type: .delegated)
        let result = try run("consent-65001.url", F.bundle(F.manifest(permissions: permissions)))
        #expect(result.findings.map(\.rule) == ["permission-wrong-type", "consent-unknown"])
        #expect(result.findings.last?.message.ja.contains("管理者の同意を与えます") == true)
    }

    @Test func consentExportShowsWhatLacksConsent() throws {
        // Both exports given, as ConsentParser records them; Group.Read.All was never granted.
        let consent = ConsentState(grantedAppRoleIds: ["df021288-bdef-4463-88db-98f22de89214"], adminConsentedScopes: ["User.Read"],
                                   hasAppRoleAssignments: true, hasPermissionGrants: true)
        let result = try run("consent-65001.url", F.bundle(F.manifest(), consent: consent))
        #expect(result.findings.map(\.rule) == ["permission-not-consented"])
        #expect(result.findings.first?.subject == "Group.Read.All")
    }

    @Test func implicitFlagsAndAudience() throws {
        let bundle = F.bundle(F.manifest(idToken: false, accessToken: nil))
        #expect(try run("fragment-700054.url", bundle).findings.map(\.rule) == ["implicit-id-token-disabled"])
        #expect(try run("percent20-700051.url", bundle).findings.map(\.rule) == ["implicit-access-token-disabled"])
        #expect(try run("double-encoded-50194.txt", bundle).findings.map(\.rule) == ["common-endpoint-single-tenant"])
        let multi = F.bundle(F.manifest(audience: "AzureADMultipleOrgs"))
        #expect(try run("double-encoded-50194.txt", multi).findings.map(\.rule) == ["not-single-tenant"])
        #expect(try run("fragment-700054.url", nil).findings.isEmpty)
    }
}
