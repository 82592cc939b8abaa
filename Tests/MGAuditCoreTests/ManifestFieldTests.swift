import Foundation
import Testing
@testable import MGAuditCore

@Suite struct ManifestFieldTests {
    static func parse(_ json: String) throws -> AppRegistration {
        try ManifestParser.parse(data: Data(json.utf8), path: "m.json")
    }

    static let secret = #""keyId":"fc9af0e1-1111-4a2b-9c3d-4e5f6a7b8c9d","hint":"H-0","startDateTime":"2024-03-05T08:00:00Z""#

    @Test func unreadableEndDateIsANamedProblemAndUnknownState() throws {
        let app = try Self.parse(#"{"appId":"x","web":{"redirectUris":[]},"passwordCredentials":[{"endDateTime":"2026-13-45",\#(Self.secret)}]}"#)
        #expect(app.fieldProblems.map(\.summary) == ["passwordCredentials[0].endDateTime: not a date: '2026-13-45'"])
        let credential = try #require(app.passwordCredentials.first)
        #expect(credential.end == nil && credential.endUnreadable && !credential.startUnreadable)
    }

    @Test func wrongTypesAreNamedWithTheirPaths() throws {
        let app = try Self.parse(#"""
        {"appId":"x","displayName":7,"web":{"redirectUris":"https://abc-mgf.cybermail.jp/mg-cgi/mg_login",
         "implicitGrantSettings":{"enableAccessTokenIssuance":1,"enableIdTokenIssuance":true}},
         "spa":[],"passwordCredentials":{"keyId":"k"},
         "requiredResourceAccess":[{"resourceAppId":"00000003-0000-0000-c000-000000000000",
           "resourceAccess":[{"id":"e1fe6dd8-ba31-4d61-89e7-88639da4683d","type":"Roles"},"x"]}]}
        """#)
        #expect(app.fieldProblems.map(\.summary) == [
            "displayName: not a string (a number): '7'",
            "web.redirectUris: not a list of strings (a string): 'https://abc-mgf.cybermail.jp/mg-cgi/mg_login'",
            "web.implicitGrantSettings.enableAccessTokenIssuance: not true or false (a number): '1'",
            "spa: not an object (a list)",
            "passwordCredentials: not a list of objects (an object)",
            "requiredResourceAccess[0].resourceAccess[0].type: neither 'Scope' nor 'Role': 'Roles'",
            "requiredResourceAccess[0].resourceAccess[1]: not an object (a string): 'x'",
        ])
        // The lone string is still audited as the URI it is; the boolean that was right is kept.
        #expect(app.redirectURIs.map(\.uri) == ["https://abc-mgf.cybermail.jp/mg-cgi/mg_login"])
        #expect(app.implicitAccessToken == nil && app.implicitIdToken == true)
        #expect(app.passwordCredentialsUnreadable && app.passwordCredentials.isEmpty)
        #expect(app.requiredPermissions.isEmpty)
    }

    @Test func nullsAreAbsentNotWrong() throws {
        let app = try Self.parse(#"{"appId":"x","displayName":null,"web":{"redirectUris":[],"implicitGrantSettings":null},"passwordCredentials":[{"endDateTime":null,\#(Self.secret)}]}"#)
        #expect(app.fieldProblems.isEmpty)
        #expect(app.passwordCredentials.first?.endUnreadable == false)
    }

    @Test func valuesInProblemsAreShortAndVisible() throws {
        let long = String(repeating: "a", count: 200)
        let app = try Self.parse(#"{"appId":"x","web":{"redirectUris":[]},"passwordCredentials":[{"endDateTime":"\#(long)\u3000"}]}"#)
        let value = try #require(app.fieldProblems.first?.value)
        #expect(value.count <= 61)
        let spaced = try Self.parse(#"{"appId":"x","web":{"redirectUris":[]},"passwordCredentials":[{"endDateTime":"2026-03-05T08:00:00Z\u3000"}]}"#)
        #expect(spaced.fieldProblems.first?.value == "2026-03-05T08:00:00Z⟨U+3000⟩")
    }
}

/// A credential whose date cannot be read is neither valid nor expired: no secret rule claims or
/// hides anything about it, and input-field-invalid says so.
@Suite struct UnknownSecretStateTests {
    static func findings(_ json: String, asOf: String = "2026-12-01") throws -> [String] {
        let pack = try RulePackLoader.load(directory: TenantLoaderTests.root.appendingPathComponent("rules"))
        var bundle = TenantBundle(name: "t")
        bundle.adopt(manifest: try ManifestParser.parse(data: Data(json.utf8), path: "t/manifest.json"), path: "t/manifest.json")
        return try RuleEngine(pack: pack).audit(bundle, asOf: #require(EntraDate.parse(asOf))).map(\.rule)
    }

    static func manifest(_ credentials: String) -> String {
        #"{"appId":"x","displayName":"MAILGATES Σ","signInAudience":"AzureADMyOrg","web":{"redirectUris":[],"implicitGrantSettings":{"enableAccessTokenIssuance":true,"enableIdTokenIssuance":true}},"passwordCredentials":\#(credentials)}"#
    }

    static let secretRules: Set = ["secret-none", "secret-expired", "secret-expiring", "secret-lifetime-too-long", "secret-stale"]

    @Test(arguments: ["2026-13-45", "2026-03-05T08:00:00.123z", "2026-03-05T08:00Z"])
    func anUnreadableEndIsNotNeverExpires(end: String) throws {
        let rules = try Self.findings(Self.manifest(#"[{"keyId":"k1","startDateTime":"2024-03-05T08:00:00Z","endDateTime":"\#(end)"}]"#))
        #expect(rules.contains("input-field-invalid"))
        #expect(Self.secretRules.isDisjoint(with: rules), "\(rules)")
    }

    @Test func anExpiredSecretBesideAnUnknownOneIsNotCalledAllExpired() throws {
        let rules = try Self.findings(Self.manifest(#"""
        [{"keyId":"k1","startDateTime":"2022-03-05T08:00:00Z","endDateTime":"2024-03-05T08:00:00Z"},
         {"keyId":"k2","startDateTime":"2024-03-05T08:00:00Z","endDateTime":1772697600}]
        """#))
        #expect(rules.contains("input-field-invalid"))
        #expect(!rules.contains("secret-expired") && !rules.contains("secret-stale"))
    }

    @Test func aValidSecretStillJudgesTheKnownExpiredOnesStale() throws {
        let rules = try Self.findings(Self.manifest(#"""
        [{"keyId":"k1","startDateTime":"2022-03-05T08:00:00Z","endDateTime":"2024-03-05T08:00:00Z"},
         {"keyId":"k2","startDateTime":"2026-03-05T08:00:00Z","endDateTime":"2028-03-05T08:00:00Z"},
         {"keyId":"k3","startDateTime":"2024-03-05T08:00:00Z","endDateTime":"soon"}]
        """#))
        #expect(rules.filter { $0 == "secret-stale" }.count == 1)
        #expect(!rules.contains("secret-expiring"))
    }

    @Test func credentialsThatAreNotAListAreNotNoSecret() throws {
        let rules = try Self.findings(Self.manifest(#"{"keyId":"k1"}"#))
        #expect(rules.contains("input-field-invalid"))
        #expect(!rules.contains("secret-none"))
        #expect(try Self.findings(Self.manifest("[]")).contains("secret-none"))
    }

    @Test func theFindingNamesFileFieldAndValueInBothLanguages() throws {
        let pack = try RulePackLoader.load(directory: TenantLoaderTests.root.appendingPathComponent("rules"))
        var bundle = TenantBundle(name: "t")
        let json = Self.manifest(#"[{"keyId":"k1","startDateTime":"2024-03-05T08:00:00Z","endDateTime":"2026-13-45"}]"#)
        bundle.adopt(manifest: try ManifestParser.parse(data: Data(json.utf8), path: "t/manifest.json"), path: "t/manifest.json")
        #expect(bundle.problems.map(\.description) == ["t/manifest.json: passwordCredentials[0].endDateTime: not a date: '2026-13-45'"])
        #expect(bundle.problems.allSatisfy { $0.failsTheRun })
        let asOf = try #require(EntraDate.parse("2026-12-01"))
        let finding = try #require(try RuleEngine(pack: pack).audit(bundle, asOf: asOf).first { $0.rule == "input-field-invalid" })
        #expect(finding.subject == "t/manifest.json: passwordCredentials[0].endDateTime")
        #expect(finding.message.ja.hasPrefix("t/manifest.json の passwordCredentials[0].endDateTime が日時（ISO 8601、例 2026-03-05T08:00:00Z）ではありません（文字列 '2026-13-45'）。"))
        #expect(finding.message.en.hasPrefix("In t/manifest.json, passwordCredentials[0].endDateTime is not an ISO 8601 date and time such as 2026-03-05T08:00:00Z (the string '2026-13-45')."))
    }
}
