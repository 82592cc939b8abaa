import Foundation
import Testing
@testable import MGAuditCore

@Suite struct ManifestParserTests {
    static func fixture(_ name: String) throws -> (Data, String) {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/manifests/\(name)", withExtension: nil))
        return (try Data(contentsOf: url), url.path)
    }

    static func parse(_ name: String) throws -> AppRegistration {
        let (data, path) = try fixture(name)
        return try ManifestParser.parse(data: data, path: path)
    }

    @Test func microsoftGraphFormat() throws {
        let app = try Self.parse("graph.json")
        #expect(app.format == .microsoftGraph)
        #expect(app.appId == "7671e18c-2b4d-4e6f-8a9b-0c1d2e3f4a5b")
        #expect(app.objectId == "d0f9d4a2-5c3e-4b8a-9f21-6a7b8c9d0e1f")
        #expect(app.displayName == "MAILGATES Σ")
        #expect(app.signInAudience == "AzureADMyOrg")
        #expect(app.redirectURIs == [
            RedirectURI(uri: "https://abc-mgf.cybermail.jp/mg-cgi/mg_oauth", platform: .web),
            RedirectURI(uri: "https://abc-mgf.cybermail.jp/mg-cgi/mg_login", platform: .web),
            RedirectURI(uri: "https://abc-mgf.cybermail.jp/spa", platform: .spa),
        ])
        #expect(app.implicitAccessToken == true)
        #expect(app.implicitIdToken == false)
        #expect(app.requiredPermissions.count == 3)
        #expect(app.requiredPermissions.filter { $0.type == .application }.count == 2)
        let secret = try #require(app.passwordCredentials.first)
        #expect(secret.hint == "H-0")
        #expect(secret.keyId == "fc9af3d1-8e2b-4c7a-b5d6-3e4f5a6b7c8d")
        #expect(secret.end.map(EntraDate.day) == "2026-03-05")
        #expect(secret.start.map(EntraDate.day) == "2024-03-05")
    }

    @Test func aadGraphFormatNormalisesToTheSameModel() throws {
        var aad = try Self.parse("aad.json")
        let graph = try Self.parse("graph.json")
        #expect(aad.format == .aadGraph)
        aad.format = .microsoftGraph
        #expect(aad == graph)
    }

    @Test(arguments: ["graph-utf16le-crlf.json", "graph-utf8-bom.json", "graph-odata.json", "graph-list.json"])
    func encodingsAndWrappersGiveTheSameModel(name: String) throws {
        #expect(try Self.parse(name) == Self.parse("graph.json"))
    }

    @Test func truncatedFileIsAClearErrorNamingIt() throws {
        let (data, path) = try Self.fixture("truncated.json")
        let error = try #require(throws: InputError.self) { try ManifestParser.parse(data: data, path: path) }
        #expect(error.path == path)
        #expect(error.description.contains("truncated.json"))
        #expect(error.description.contains("truncated"))
        #expect(!error.description.contains("\n"))
    }

    @Test func jsonThatIsNotAManifestIsRefused() throws {
        let data = Data(#"{"value": [{"appRoleId": "df021288-bdef-4463-88db-98f22de89214"}]}"#.utf8)
        #expect(throws: InputError.self) { try ManifestParser.parse(data: data, path: "x.json") }
    }

    @Test func legacyReplyUrlsAndAudience() throws {
        let data = Data(#"{"appId":"a","displayName":"old","replyUrls":["https://x.example/cb"],"availableToOtherTenants":true,"oauth2AllowImplicitFlow":false}"#.utf8)
        let app = try ManifestParser.parse(data: data, path: "legacy.json")
        #expect(app.format == .aadGraph)
        #expect(app.redirectURIs == [RedirectURI(uri: "https://x.example/cb", platform: .web)])
        #expect(app.signInAudience == "AzureADMultipleOrgs")
    }

    @Test func fractionalSecondsOfAnyLength() {
        #expect(EntraDate.parse("2025-04-01T02:03:04.1234567Z").map(EntraDate.day) == "2025-04-01")
        #expect(EntraDate.parse("2025-04-01T02:03:04Z").map(EntraDate.day) == "2025-04-01")
        #expect(EntraDate.parse("garbage") == nil)
    }
}

@Suite struct EntraDateTests {
    @Test(arguments: [
        ("2025-04-01T02:03:04.1234567Z", 1_743_472_984.0),
        ("2025-04-01T02:03:04Z", 1_743_472_984.0),
        ("2025-04-01T11:03:04+09:00", 1_743_472_984.0),
        ("2025-04-01", 1_743_465_600.0),
        ("2016-01-09 02:02:12Z", 1_452_304_932.0),
        ("2000-02-29T00:00:00Z", 951_782_400.0),
        ("1969-12-31T00:00:00Z", -86_400.0),
    ])
    func parsesEveryShapeEntraWrites(text: String, epoch: Double) {
        #expect(EntraDate.parse(text)?.timeIntervalSince1970 == epoch)
    }

    @Test(arguments: ["", "2025-13-01", "2025-04-01T25:00:00Z", "2025/04/01", "2025-04-01Tx", "2025-04-01T02:03:04Zjunk"])
    func refusesWhatIsNotADate(text: String) {
        #expect(EntraDate.parse(text) == nil)
    }

    @Test func dayRoundTrips() throws {
        for text in ["1970-01-01", "2000-02-29", "2026-12-01", "2028-10-01", "2100-03-01"] {
            #expect(EntraDate.day(try #require(EntraDate.parse(text))) == text)
        }
        #expect(EntraDate.day(Date(timeIntervalSince1970: -1)) == "1969-12-31")
    }
}
