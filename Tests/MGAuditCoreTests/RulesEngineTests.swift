import Foundation
import Testing
@testable import MGAuditCore

@Suite struct RulesEngineTests {
    func audit(_ manifest: AppRegistration?, problems: [InputProblem] = [], asOf: String = "2025-06-01") throws -> [Finding] {
        let engine = try RuleEngine(pack: try RulesFixture.pack())
        let bundle = TenantBundle(name: "t", manifest: manifest, problems: problems)
        return engine.audit(bundle, asOf: try #require(AuditDate.parse(asOf)))
    }

    func manifest(uris: [RedirectURI]) -> AppRegistration {
        AppRegistration(format: .microsoftGraph, appId: "a", displayName: "MAILGATES Σ", signInAudience: "AzureADMyOrg",
                        redirectURIs: uris, implicitAccessToken: true, implicitIdToken: true)
    }

    @Test func findingsFollowPackOrderThenSubject() throws {
        let findings = try audit(manifest(uris: [
            RedirectURI(uri: "https://b-mgf.cybermail.jp/mg-cgi/mg_login ", platform: .web),
            RedirectURI(uri: "https://a-mgf.cybermail.jp/mg-cgi/mg_login\u{3000}", platform: .web),
        ]))
        let ids = try RulesFixture.pack().rules.map(\.id)
        let positions = findings.map { ids.firstIndex(of: $0.rule) ?? -1 }
        #expect(positions == positions.sorted())
        let whitespace = findings.filter { $0.rule == "uri-whitespace" }.map(\.subject)
        #expect(whitespace == ["https://a-mgf.cybermail.jp/mg-cgi/mg_login⟨U+3000⟩", "https://b-mgf.cybermail.jp/mg-cgi/mg_login⟨U+0020⟩"])
        // Same input, same output.
        #expect(try audit(manifest(uris: [RedirectURI(uri: "x ", platform: .web)])) == audit(manifest(uris: [RedirectURI(uri: "x ", platform: .web)])))
    }

    @Test func findingCarriesRuleTextsAndFilledFix() throws {
        let finding = try #require(try audit(manifest(uris: [])).first { $0.rule == "consent-unknown" })
        #expect(finding.severity == .info)
        #expect(finding.guideStep.ja == "OAuth クライアントID作成手順 18・19")
        #expect(finding.fix?.en.contains("servicePrincipals(appId='a')") == true)
        #expect(finding.message.ja.contains("管理者の同意を与えます"))
    }

    @Test func noManifestMeansNoManifestFindings() throws {
        let findings = try audit(nil, problems: [InputProblem(path: "t/x.bin", kind: .unreadable, detail: "binary")])
        #expect(findings.map(\.rule) == ["input-unreadable"])
        #expect(findings.first?.evidence["detail"] == .string("binary"))
    }

    @Test func permissionMissingNamesTheGuideStepOfThatPermission() throws {
        var app = manifest(uris: [])
        app.requiredPermissions = [RequestedPermission(resourceAppId: PermissionCatalog.microsoftGraphAppId,
                                                       id: "e1fe6dd8-ba31-4d61-89e7-88639da4683d", type: .delegated)]
        let missing = try audit(app).filter { $0.rule == "permission-missing" }
        #expect(missing.map(\.subject) == ["Group.Read.All", "User.Read.All"])
        #expect(missing.map(\.guideStep.ja) == ["OAuth クライアントID作成手順 16", "OAuth クライアントID作成手順 17"])
    }

    @Test func secretEvidenceHoldsNoValue() throws {
        var app = manifest(uris: [])
        app.passwordCredentials = [PasswordCredential(keyId: "k1", displayName: "MAILGATES Σ", hint: "H-0",
                                                      start: AuditDate.parse("2024-03-05"), end: AuditDate.parse("2025-07-01"))]
        let finding = try #require(try audit(app).first { $0.rule == "secret-expiring" })
        #expect(finding.evidence["daysLeft"] == .int(30))
        #expect(finding.evidence["endDate"] == .string("2025-07-01"))
        #expect(finding.evidence["hint"] == .string("H-0"))
        #expect(Set(finding.evidence.keys) == ["keyId", "displayName", "hint", "startDate", "endDate", "daysLeft", "windowDays"])
    }

    @Test func templatesAndMerging() {
        #expect(MessageTemplate.fill("{a} and {b}", ["a": "1"]) == "1 and {b}")
        #expect(MessageTemplate.placeholders(in: "x {a} y {b}") == ["a", "b"])
        let base = YAMLValue.map(["web": .map(["redirectUris": .list([.string("u1")]), "flag": .bool(true)])])
        let merged = base.merging(.map(["web": .map(["redirectUris": .list([.string("u2")])])]))
        #expect(merged == .map(["web": .map(["redirectUris": .list([.string("u2")]), "flag": .bool(true)])]))
    }
}

/// `supersedes`: the loader refuses what could drop both findings of one problem or name nothing.
@Suite struct RulesGroupingLoaderTests {
    func loadError(_ fixture: String) -> InputError? {
        do {
            let url = RulesFixture.fixtureURL(fixture)
            let (text, _) = try TextDecoding.read(url)
            _ = try RulePackLoader.parse(text: text, path: url.path, catalog: try RulesFixture.pack().catalog)
            return nil
        } catch {
            return error as? InputError
        }
    }

    @Test func aCycleIsRefused() {
        let error = loadError("supersedes-cycle.yaml")
        #expect(error?.problem == "rule 'tiny-whitespace': supersedes other rules and is superseded itself (one level only)")
        #expect(error?.line == 7)
    }

    @Test func anUnknownIdIsRefused() {
        #expect(loadError("supersedes-unknown.yaml")?.problem == "rule 'tiny-nonascii': supersedes 'tiny-nothing', which is not a rule of this pack")
    }
}
