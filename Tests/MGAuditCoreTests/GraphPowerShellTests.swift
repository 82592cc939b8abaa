import Foundation
import Testing
@testable import MGAuditCore

@Suite struct GraphPowerShellTests {
    static let sample = TenantLoaderTests.root.appendingPathComponent("Samples/tenants/graph-powershell/Get-MgApplication.json")

    @Test func windowsPowerShellExportIsAMicrosoftGraphManifest() throws {
        let data = try Data(contentsOf: Self.sample)
        #expect(data.starts(with: [0xFF, 0xFE]))
        let app = try ManifestParser.parse(data: data, path: Self.sample.path)
        #expect(app.format == .microsoftGraph && app.dialect == .graphPowerShell && app.inputKind == .manifestGraphPowerShell)
        #expect(app.fieldProblems.isEmpty, "\(app.fieldProblems)")
        #expect(app.appId == "5d0c7a19-3e84-4b2f-9a61-c8e2f4b7d305")
        #expect(app.objectId == "b7e3d1a4-6f20-4c8e-8d59-1a2b3c4d5e6f")
        #expect(app.displayName == "MAILGATES Σ")
        #expect(app.signInAudience == "AzureADMyOrg")
        #expect(app.redirectURIs.map(\.uri) == ["https://nishi-mgf.cybermail.jp/mg-cgi/mg_oauth", "https://nishi-mgf.cybermail.jp/mg-cgi/mg_login"])
        #expect(app.implicitAccessToken == true && app.implicitIdToken == false)
        let secret = try #require(app.passwordCredentials.first)
        #expect(secret.keyId == "0f6e2c4a-8b1d-4e3f-a5c7-9d2e4f6a8b0c" && secret.hint == "Qx7")
        #expect(secret.start.map(EntraDate.day) == "2025-10-01" && secret.end.map(EntraDate.day) == "2027-10-01")
        #expect(app.requiredPermissions.map(\.type) == [.delegated, .application, .application])
    }

    @Test func tenantFolderRecordsTheNewKind() throws {
        let bundle = try TenantLoader.loadForCheck(path: Self.sample.deletingLastPathComponent().path)
        #expect(bundle.inputs.map(\.kind) == [.manifestGraphPowerShell])
        #expect(bundle.problems.isEmpty)
    }

    @Test func powerShell7IsoDatesWrappedDatesAndAdditionalProperties() throws {
        let json = #"""
        [{"AppId":"a","DisplayName":"MAILGATES Σ",
          "Web":{"RedirectUris":["https://abc-mgf.cybermail.jp/mg-cgi/mg_login"],
                 "ImplicitGrantSettings":{"EnableAccessTokenIssuance":true,"EnableIdTokenIssuance":true}},
          "PasswordCredentials":[
            {"KeyId":"k1","Hint":"abc","StartDateTime":"2025-10-01T12:14:07.551+09:00","EndDateTime":"2027-10-01T03:14:07.5510000Z"},
            {"KeyId":"k2","EndDateTime":{"value":"\/Date(1804233600000)\/","DisplayHint":2,"DateTime":"Friday, March 5, 2027 5:00:00 PM"}},
            {"KeyId":"k3","EndDateTime":"\/Date(soon)\/"}],
          "RequiredResourceAccess":[{"ResourceAppId":"00000003-0000-0000-c000-000000000000",
                                     "ResourceAccess":[{"Id":"E1FE6DD8-ba31-4d61-89e7-88639da4683d","Type":"Scope"}]}],
          "AdditionalProperties":{"signInAudience":"AzureADMyOrg","@odata.context":"x"}}]
        """#
        let app = try ManifestParser.parse(data: Data(json.utf8), path: "ps7.json")
        #expect(app.dialect == .graphPowerShell)
        #expect(app.signInAudience == "AzureADMyOrg")
        #expect(app.redirectURIs.count == 1 && app.implicitIdToken == true)
        #expect(app.passwordCredentials.map { $0.end.map(EntraDate.day) } == ["2027-10-01", "2027-03-05", nil])
        #expect(app.passwordCredentials.first?.start.map(EntraDate.day) == "2025-10-01")
        #expect(app.fieldProblems.map(\.summary) == ["PasswordCredentials[2].EndDateTime: not a date: '/Date(soon)/'"])
        #expect(app.requiredPermissions.first?.id == "e1fe6dd8-ba31-4d61-89e7-88639da4683d")
    }

    @Test func camelCaseManifestsAreNotPowerShell() throws {
        let app = try ManifestParser.parse(data: Data(#"{"appId":"a","AppId":"b","web":{"redirectUris":[]}}"#.utf8), path: "m.json")
        #expect(app.dialect == .standard && app.appId == "a")
    }
}
