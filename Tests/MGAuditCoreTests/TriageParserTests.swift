import Foundation
import Testing
@testable import MGAuditCore

@Suite struct TriageParserTests {
    typealias F = TriageFixtures

    @Test func redirectInQueryWithCRLFDescription() throws {
        let errors = try OAuthErrorParser.parse(try F.sample("redirect-65004-query.url"))
        let e = try #require(errors.first)
        #expect(errors.count == 1)
        #expect(e.code == "AADSTS65004")
        #expect(e.oauthError == "access_denied")
        #expect(e.description == "AADSTS65004: User declined to consent to access the app.")
        #expect(e.traceId == "3f0c9a5e-1d2b-4c7a-9e11-5b6a7c8d9e01")
        #expect(e.correlationId == "8478d534-5b2c-4325-8c2c-51395c342c89")
        #expect(e.timestamp == "2025-03-10T09:12:01Z")
        #expect(e.state == "mg-7f3a91")
        #expect(e.errorUri == "https://login.microsoftonline.com/error?code=65004")
        #expect(e.requestedRedirectUri == F.uri1)
        #expect(e.sourceKind == .redirectURL)
    }

    @Test func adminConsentRedirect() throws {
        let e = try #require(try OAuthErrorParser.parse(try F.sample("admin-consent-65004.url")).first)
        #expect(e.oauthError == "consent_required")
        #expect(e.adminConsent == "True")
        #expect(e.tenant == "1a0c41ca-5b6d-4e7f-8a9b-0c1d2e3f4a5b")
        #expect(e.state == "12345")
    }

    @Test func fragmentAndPercent20() throws {
        let fragment = try #require(try OAuthErrorParser.parse(try F.sample("fragment-700054.url")).first)
        #expect(fragment.code == "AADSTS700054")
        #expect(fragment.description == "AADSTS700054: response_type 'id_token' is not enabled for the application.")
        #expect(fragment.requestedRedirectUri == F.uri2)
        let percent = try #require(try OAuthErrorParser.parse(try F.sample("percent20-700051.url")).first)
        #expect(percent.code == "AADSTS700051")
        #expect(percent.description == "AADSTS700051: response_type 'token' is not enabled for the application.")
        #expect(percent.timestamp == "2025-03-10T09:22:05Z")
        #expect(percent.traceId == "7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d")
    }

    @Test func doubleEncodedQueryInProxyLog() throws {
        let e = try #require(try OAuthErrorParser.parse(try F.sample("double-encoded-50194.txt")).first)
        #expect(e.code == "AADSTS50194")
        #expect(e.clientId == F.appId)
        #expect(e.appName == "MAILGATES Σ")
        #expect(e.description?.contains("/common endpoint") == true)
        #expect(e.correlationId == "9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a")
        #expect(e.timestamp == "2025-03-10T09:25:13Z")
    }

    @Test func englishPageWithAuthorizeRequest() throws {
        let errors = try OAuthErrorParser.parse(try F.sample("authorize-request-and-page-50011.txt"))
        #expect(errors.count == 1)
        let e = try #require(errors.first)
        #expect(e.code == "AADSTS50011")
        #expect(e.sourceKind == .errorPage)
        #expect(e.occurrences == 1)
        #expect(e.requestedRedirectUri == F.uri2)
        #expect(e.clientId == F.appId)
        #expect(e.traceId == "55b61f64-7894-4f06-990b-03cd86a50401")
        #expect(e.correlationId == "d5860fee-7020-484d-810d-988e160db2a7")
        #expect(e.timestamp == "2025-03-10T09:30:43Z")
        #expect(e.request?.tenant == "1a0c41ca-5b6d-4e7f-8a9b-0c1d2e3f4a5b")
        #expect(e.request?.responseType == "code")
        #expect(e.request?.redirectUri == F.uri2)
        #expect(e.request?.scope == "openid profile User.Read")
    }

    @Test func olderReplyURLWording() throws {
        let e = try #require(try OAuthErrorParser.parse(try F.sample("page-en-50011-old-wording.txt")).first)
        #expect(e.code == "AADSTS50011")
        #expect(e.clientId == F.appId)
        #expect(e.requestedRedirectUri == nil)
        #expect(e.traceId == "6c7d8e9f-0a1b-4c2d-8e3f-4a5b6c7d8e9f")
    }

    @Test func japanesePages() throws {
        let e = try #require(try OAuthErrorParser.parse(try F.sample("page-ja-50011.txt")).first)
        #expect(e.code == "AADSTS50011")
        #expect(e.sourceKind == .errorPage)
        #expect(e.requestedRedirectUri == F.uri2)
        #expect(e.clientId == F.appId)
        #expect(e.traceId == "1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e")
        #expect(e.correlationId == "9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d")
        #expect(e.timestamp == "2025-03-10T09:32:10Z")
        let secret = try #require(try OAuthErrorParser.parse(try F.sample("page-ja-7000218.txt")).first)
        #expect(secret.code == "AADSTS7000218")
        #expect(secret.traceId == "4d5e6f70-8192-4a3b-bc4d-5e6f708192a3")
    }

    @Test func applicationNotFoundQuotes() throws {
        let e = try #require(try OAuthErrorParser.parse(try F.sample("page-en-700016.txt")).first)
        #expect(e.code == "AADSTS700016")
        #expect(e.clientId == "7671e18a-3c2b-4d5e-9f01-23456789abdc")
        #expect(e.tenant == "abc-corp.onmicrosoft.com")
    }

    @Test func conditionalAccessPage() throws {
        let e = try #require(try OAuthErrorParser.parse(try F.sample("page-conditional-access-53003.txt")).first)
        #expect(e.code == "AADSTS53003")
        #expect(e.sourceKind == .conditionalAccessPage)
        #expect(e.clientId == F.appId)
        #expect(e.appName == "MAILGATES Σ")
        #expect(e.traceId == "9a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d")
    }

    @Test func tokenEndpointJSON() throws {
        let one = try #require(try OAuthErrorParser.parse(try F.sample("token-7000215.json")).first)
        #expect(one.code == "AADSTS7000215")
        #expect(one.oauthError == "invalid_client")
        #expect(one.sourceKind == .tokenResponse)
        #expect(one.clientId == F.appId)
        #expect(one.timestamp == "2025-03-10T10:01:15Z")
        let pretty = try #require(try OAuthErrorParser.parse(try F.sample("token-7000222.json")).first)
        #expect(pretty.code == "AADSTS7000222")
        #expect(pretty.traceId == "7b8c9d0e-1f2a-4b3c-8d4e-5f6a7b8c9d0e")
        #expect(pretty.description?.hasSuffix("https://aka.ms/certCreds.") == true)
    }

    @Test func logGroupsRepeatsWithCountAndRange() throws {
        let errors = try OAuthErrorParser.parse(try F.sample("mailgates-oauth.log"))
        let codes = errors.compactMap(\.code)
        #expect(codes == ["AADSTS50011", "AADSTS7000222", "AADSTS50126", "AADSTS50076", "AADSTS50105", "AADSTS90002",
                          "AADSTS500113", "AADSTS900144", "AADSTS70011", "AADSTS50034", "AADSTS50053", "AADSTS50055",
                          "AADSTS50057", "AADSTS90094", "AADSTS99999999"])
        let redirect = try #require(errors.first)
        #expect(redirect.occurrences == 3)
        #expect(redirect.firstSeen == "2025-03-10T08:00:02Z")
        #expect(redirect.lastSeen == "2025-03-10T08:09:40Z")
        #expect(redirect.traceId == "11111111-aaaa-4aaa-8aaa-000000000001")
        let secret = try #require(errors.first { $0.code == "AADSTS7000222" })
        #expect(secret.occurrences == 2)
        #expect(secret.lastSeen == "2025-03-10T09:15:00Z")
        let assignment = try #require(errors.first { $0.code == "AADSTS50105" })
        #expect(assignment.user == "hanako@abc-corp.co.jp")
        #expect(errors.first { $0.code == "AADSTS90002" }?.tenant == "abc-corp.onmicrosft.com")
    }

    @Test func samplesCoverFifteenCodes() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: F.samples.path).filter { !$0.hasPrefix("garbage") && $0 != "tenants" && !$0.hasSuffix(".sh") }
        var codes = Set<String>()
        let wordings = try F.catalog().wordings
        for file in files { codes.formUnion(try OAuthErrorParser.parse(try F.sample(file), wordings: wordings).compactMap(\.code)) }
        #expect(codes.count >= 15)
    }

    @Test func bareQueryAndOAuthErrorOnly() throws {
        let e = try #require(try OAuthErrorParser.parse("error=access_denied&state=x").first)
        #expect(e.code == nil)
        #expect(e.oauthError == "access_denied")
    }

    @Test func garbageIsTypedError() {
        #expect(throws: NoOAuthErrorFound.self) { try OAuthErrorParser.parse(try F.sample("garbage.txt"), source: "garbage.txt") }
        #expect(throws: NoOAuthErrorFound.self) { try OAuthErrorParser.parse("") }
        #expect(throws: NoOAuthErrorFound.self) { try OAuthErrorParser.parse("{\"value\":[]} https://example.com/?a=b") }
    }

    @Test func strayFullWidthSpaceInQuotedURIIsKept() throws {
        let text = "AADSTS50011: The redirect URI 'https://abc-mgf.cybermail.jp/mg-cgi/mg_login\u{3000}' specified in the request does not match"
        let e = try #require(try OAuthErrorParser.parse(text).first)
        #expect(e.requestedRedirectUri == F.uri2 + "\u{3000}")
    }
}
