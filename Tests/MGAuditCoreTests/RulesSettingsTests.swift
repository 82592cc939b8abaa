import Foundation
import Testing
@testable import MGAuditCore

/// The rules that read MailGates' settings: the configured secret is compared, never shown.
@Suite struct RulesSettingsTests {
    static let app = AppRegistration(
        format: .microsoftGraph, appId: "7671e18a-3c2b-4d5e-9f01-23456789abcd", objectId: "d0f9d4c2-8e7f-4a6b-9c5d-4e3f2a1b0c9d",
        displayName: "MAILGATES Σ", signInAudience: "AzureADMyOrg",
        passwordCredentials: [PasswordCredential(keyId: "fc9af3d1-2b4c-4d5e-8f6a-7b8c9d0e1f2a", displayName: "MAILGATES Σ", hint: "H-0",
                                                 start: AuditDate.parse("2024-03-05"), end: AuditDate.parse("2026-03-05"))])

    func findings(_ settings: GatewaySettings) throws -> [Finding] {
        let engine = try RuleEngine(pack: try RulesFixture.pack())
        let bundle = TenantBundle(name: "t", manifest: Self.app, settings: settings)
        return engine.audit(bundle, asOf: try #require(AuditDate.parse("2025-06-01")))
            .filter { ["client-id-mismatch", "secret-id-pasted", "secret-hint-mismatch"].contains($0.rule) }
    }

    @Test func hintMismatchShowsOnlyThreeCharacters() throws {
        let secret = "zzZ8Q~averysecretvaluethatmustnotleak00"
        let found = try findings(GatewaySettings(applicationId: Self.app.appId, clientSecret: SecretValue(secret)))
        #expect(found.map(\.rule) == ["secret-hint-mismatch"])
        let report = AuditReport(asOf: "2025-06-01", tenants: [TenantResult(name: "t", inputs: [], findings: found)])
        for language in Language.allCases {
            let text = try TextReport().render(report, language: language)
            #expect(text.contains("zzZ"))
            #expect(!text.contains("averysecret"))
        }
    }

    @Test func pastedKeyIdNamesTheCredential() throws {
        let found = try findings(GatewaySettings(applicationId: Self.app.appId, clientSecret: SecretValue("FC9AF3D1-2b4c-4d5e-8f6a-7b8c9d0e1f2a ")))
        #expect(found.map(\.rule) == ["secret-id-pasted"])
        #expect(found.first?.subject == "fc9af3d1-2b4c-4d5e-8f6a-7b8c9d0e1f2a")
        #expect(found.first?.message.en.contains("the Secret ID of \"MAILGATES Σ\"") == true)
    }

    @Test func clientIdSlipObjectIdAndAnotherApp() throws {
        let slip = try findings(GatewaySettings(applicationId: "7671e18a-3c2b-4d5e-9f01-23456789abdc"))
        #expect(slip.first?.evidence["differingCharacters"] == .int(2))
        #expect(slip.first?.message.ja.hasPrefix("MailGates の「アプリケーションID」「7671e18a-3c2b-4d5e-9f01-23456789abdc」") == true)
        let object = try findings(GatewaySettings(applicationId: Self.app.objectId))
        #expect(object.first?.evidence["isObjectId"] == .bool(true))
        #expect(object.first?.evidence["edits"] == nil)
        let other = try findings(GatewaySettings(applicationId: "0b9d2f7e-5a4c-4e3b-9d8a-7c6b5a4f3e2d"))
        #expect(other.first?.message.en.hasSuffix("It looks like another app's ID.") == true)
    }
}
