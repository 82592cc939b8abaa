import Foundation
import Testing
@testable import MGAuditCore

@Suite struct TenantLoaderTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func temporaryFolder(_ files: [String: Data]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mgaudit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, data) in files { try data.write(to: folder.appendingPathComponent(name)) }
        return folder
    }

    @Test func sampleFolderIsOneTenantNamedAfterIt() throws {
        let bundle = try TenantLoader.load(path: Self.root.appendingPathComponent("Samples/tenants/clean").path)
        #expect(bundle.name == "clean")
        #expect(bundle.manifest?.displayName == "MAILGATES Σ")
        #expect(bundle.settings?.clientSecret?.hint == "Qx7")
        #expect(bundle.settings?.applicationId == bundle.manifest?.appId)
        #expect(bundle.inputs.map(\.kind) == [.consentAppRoleAssignments, .gatewaySettings, .manifestMicrosoftGraph,
                                               .consentPermissionGrants, .notificationSheet])
        #expect(bundle.problems.isEmpty)
        #expect(bundle.sheet?.uri2.first?.domain == "example.co.jp")
        let consent = try #require(bundle.consent)
        #expect(consent.grantedAppRoleIds == ["5b567255-7703-4780-807c-7be8301ae99b", "df021288-bdef-4463-88db-98f22de89214"])
        #expect(consent.adminConsentedScopes == ["User.Read"])
    }

    @Test func utf16SampleIsRead() throws {
        let bundle = try TenantLoader.load(path: Self.root.appendingPathComponent("Samples/tenants/permission-wrong-type").path)
        #expect(bundle.manifest?.requiredPermissions.count == 3)
    }

    @Test func brokenAndForeignFilesBecomeProblemsNotStops() throws {
        let folder = try Self.temporaryFolder([
            "a-truncated.json": Data(#"{"appId": "x", "web": {"redirectUris": ["#.utf8),
            "b-notes.txt": Data("打ち合わせメモ".utf8),
            "c-manifest.json": Data(#"{"appId":"x","web":{"redirectUris":[]}}"#.utf8),
        ])
        let bundle = try TenantLoader.load(path: folder.path)
        #expect(bundle.manifest?.appId == "x")
        #expect(bundle.problems.map(\.kind) == [.unreadable, .unrecognised])
        #expect(bundle.problems.first?.detail.contains("truncated") == true)
    }

    @Test func consentExportsAreMerged() throws {
        let folder = try Self.temporaryFolder([
            "roles.json": Data(#"{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#servicePrincipals('x')/appRoleAssignments","value":[{"appRoleId":"DF021288-bdef-4463-88db-98f22de89214","principalType":"ServicePrincipal"}]}"#.utf8),
            "grants.json": Data(#"{"value":[{"clientId":"c","consentType":"AllPrincipals","principalId":null,"resourceId":"r","scope":"openid User.Read"}]}"#.utf8),
        ])
        let bundle = try TenantLoader.load(path: folder.path)
        let consent = try #require(bundle.consent)
        #expect(consent.grantedAppRoleIds == ["df021288-bdef-4463-88db-98f22de89214"])
        #expect(consent.adminConsentedScopes == ["openid", "User.Read"])
        #expect(consent.hasAppRoleAssignments && consent.hasPermissionGrants)
    }

    @Test func pastedSettingsLinesAndErrorTextAreRecognised() throws {
        let folder = try Self.temporaryFolder([
            "settings.txt": Data("アプリケーションID : 7671e18c-2b4d-4e6f-8a9b-0c1d2e3f4a5b\nクライアントシークレット：fc9af3d1-8e2b-4c7a-b5d6-3e4f5a6b7c8d\n".utf8),
            "error.txt": Data("AADSTS50011: The redirect URI 'https://x' specified in the request does not match".utf8),
        ])
        let bundle = try TenantLoader.load(path: folder.path)
        #expect(bundle.settings?.applicationId == "7671e18c-2b4d-4e6f-8a9b-0c1d2e3f4a5b")
        #expect(bundle.settings?.clientSecret?.hint == "fc9")
        #expect(Set(bundle.inputs.map(\.kind)) == [.gatewaySettings, .errorText])
    }

    @Test func missingPathIsAnError() {
        #expect(throws: InputError.self) { try TenantLoader.load(path: "/nonexistent/tenant") }
    }
}

@Suite struct TenantLoaderSheetTests {
    @Test(arguments: ["sheet-text-utf8.txt", "sheet-text-sjis.txt", "sheet-table.html", "sheet-dl.html", "sheet.xlsx", "sheet.yaml", "sheet.json"])
    func everySampleSheetIsSniffedAsASheet(name: String) throws {
        let path = TenantLoaderTests.root.appendingPathComponent("Samples/sheets/\(name)").path
        let bundle = try TenantLoader.load(path: path)
        #expect(bundle.inputs.map(\.kind) == [.notificationSheet])
        #expect(bundle.sheet?.uri1 == "https://abc-mgf.cybermail.jp/mg-cgi/mg_oauth")
        #expect(bundle.problems.isEmpty)
    }
}

/// Hostile or odd files: never a crash, always a named problem or a clean parse.
@Suite struct OddInputTests {
    @Test func oddFilesBecomeProblemsOrFindings() throws {
        let deep = String(repeating: "[", count: 5000)
        let folder = try TenantLoaderTests.temporaryFolder([
            "deep.json": Data(deep.utf8),
            "weird.json": Data(#"{"appId": 5, "web": {"redirectUris": [1, null, {"a":1}], "implicitGrantSettings": {"enableIdTokenIssuance": "yes"}}, "passwordCredentials": [{"endDateTime": "not a date"}, 7], "requiredResourceAccess": [{"resourceAccess": "x"}]}"#.utf8),
            "fake.xlsx": Data([0x50, 0x4B, 0x03, 0x04, 0x00, 0x01]),
            "random.bin": Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 7) }),
        ])
        let bundle = try TenantLoader.load(path: folder.path)
        #expect(bundle.manifest != nil)
        #expect(bundle.manifest?.appId == nil)
        #expect(bundle.manifest?.redirectURIs.isEmpty == true)
        #expect(bundle.manifest?.passwordCredentials.first?.end == nil)
        // Every wrong type is a named field problem now, none is skipped silently.
        #expect(bundle.manifest?.passwordCredentials.map(\.endUnreadable) == [true, true])
        #expect(bundle.problems.filter { $0.kind != .invalidField }.count == 3)
        #expect(bundle.problems.filter { $0.kind == .invalidField }.map { $0.fieldProblem?.field ?? "" } == [
            "appId", "web.redirectUris[0]", "web.redirectUris[1]", "web.redirectUris[2]",
            "web.implicitGrantSettings.enableIdTokenIssuance", "passwordCredentials[0].endDateTime", "passwordCredentials[1]",
            "requiredResourceAccess[0].resourceAccess",
        ])
        let root = TenantLoaderTests.root
        let pack = try RulePackLoader.load(directory: root.appendingPathComponent("rules"))
        let findings = try RuleEngine(pack: pack).audit(bundle, asOf: #require(EntraDate.parse("2026-12-01")))
        for finding in findings {
            #expect(!finding.message.en.contains("{") && !finding.message.ja.contains("{"), "\(finding.rule): \(finding.message.en)")
            #expect(!(finding.fix?.en.contains("{appId}") ?? false))
        }
    }
}
