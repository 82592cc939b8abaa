import Foundation
import Testing
@testable import MGAuditCore

/// Every finding triage makes comes from a rule of the pack, so `mgaudit rules` lists every id
/// triage can emit and `--rules` can change its texts.
@Suite struct TriagePackCoverageTests {
    typealias F = TriageFixtures

    /// Every error sample (not the garbage one), triaged without tenant files and with each sample tenant.
    static func emittedIds() throws -> Set<String> {
        let catalog = try F.catalog()
        let engine = try F.engine()
        let files = try FileManager.default.contentsOfDirectory(atPath: F.samples.path)
            .filter { name in [".txt", ".url", ".json", ".log"].contains { name.hasSuffix($0) } && name != "garbage.txt" }.sorted()
        let tenantsFolder = F.samples.appendingPathComponent("tenants")
        let tenants = try FileManager.default.contentsOfDirectory(atPath: tenantsFolder.path)
            .filter { !$0.hasPrefix(".") && $0 != "README.md" }.sorted()
        #expect(files.count > 15 && tenants.count > 5, "the samples were read")
        let bundles: [TenantBundle?] = [nil] + (try tenants.map { try TenantLoader.load(path: tenantsFolder.appendingPathComponent($0).path) })
        var ids: Set<String> = []
        for file in files {
            let text = try F.sample(file)
            for bundle in bundles {
                let report = try Triage.run(text: text, source: file, catalog: catalog, bundle: bundle, engine: engine, asOf: F.asOf)
                ids.formUnion(report.errors.flatMap { $0.findings.map(\.rule) })
            }
        }
        // The requested URI against a sheet: near a sheet URI, and far from all of them.
        let sheet = NotificationSheet(domains: ["example.co.jp"], uri1: F.uri1, uri2: [.init(domain: "example.co.jp", uri: F.uri2)])
        for requested in ["http://abc-mgf.cybermail.jp/mg-cgi/mg_login", "https://old-host.example.com/login"] {
            let error = TriagedError(code: "AADSTS50011", requestedRedirectUri: requested, sourceKind: .redirectURL)
            let report = Triage.report(errors: [error], catalog: catalog, bundle: TenantBundle(name: "abc", manifest: F.manifest(), sheet: sheet),
                                       engine: engine, asOf: F.asOf)
            ids.formUnion(report.errors.flatMap { $0.findings.map(\.rule) })
        }
        return ids
    }

    @Test func everyIdTriageEmitsIsARuleOfThePack() throws {
        let packIds = Set(try F.engine().pack.rules.map(\.id))
        let emitted = try Self.emittedIds()
        for id in ["common-endpoint-single-tenant", "requested-uri-not-on-sheet", "requested-uri-far-from-sheet", "requested-uri-near-registered"] {
            #expect(emitted.contains(id), "the samples reach \(id)")
        }
        #expect(emitted.subtracting(packIds).isEmpty, "not in the pack: \(emitted.subtracting(packIds).sorted())")
    }

    /// The request rules run only with a request: `check` and `batch` (no request) never see them.
    @Test func requestRulesNeedARequest() throws {
        let engine = try F.engine()
        let sheet = NotificationSheet(domains: ["example.co.jp"], uri1: F.uri1, uri2: [.init(domain: "example.co.jp", uri: F.uri2)])
        var bundle = TenantBundle(name: "abc", manifest: F.manifest(), sheet: sheet)
        #expect(engine.requestFindings(bundle, asOf: F.asOf).isEmpty)
        bundle.request = RequestContext(redirectURI: "https://old-host.example.com/login", errorCodes: [50011], cause: .redirectUriMismatch)
        #expect(engine.requestFindings(bundle, asOf: F.asOf).map(\.rule) == ["requested-uri-far-from-sheet"])
        #expect(engine.audit(bundle, asOf: F.asOf).map(\.rule).contains("requested-uri-far-from-sheet"))
    }

    @Test func requestContextFromAnError() {
        let error = TriagedError(code: "AADSTS50194", requestedRedirectUri: F.uri2, clientId: F.appId, tenant: "contoso.example",
                                 request: AuthorizeRequest(tenant: "common", responseType: "code", scope: "openid  User.Read"),
                                 sourceKind: .errorPage)
        let context = RequestContext(error: error, cause: .wrongTenantOrAccount)
        #expect(context == RequestContext(redirectURI: F.uri2, clientId: F.appId, tenant: "common", endpoint: .authorize,
                                          responseType: "code", scopes: ["openid", "User.Read"], errorCodes: [50194],
                                          cause: .wrongTenantOrAccount))
        let token = RequestContext(error: TriagedError(code: "AADSTS7000215", sourceKind: .tokenResponse), cause: nil)
        #expect(token.endpoint == .token && token.tenant == nil && token.errorCodes == [7_000_215])
    }
}

@Suite struct TriageTimeZoneTests {
    @Test func japanTimeIsNineHoursAhead() {
        #expect(TriageTimeZone.utc.display("2025-03-10T09:25:13Z") == "2025-03-10T09:25:13Z")
        #expect(TriageTimeZone.jst.display("2025-03-10T20:00:00Z") == "2025-03-11T05:00:00+09:00 (JST)")
        #expect(TriageTimeZone.both.display("2025-03-10T09:25:13.123Z") == "2025-03-10T09:25:13.123Z / 2025-03-10T18:25:13+09:00 (JST)")
        // Not a UTC time as read: left as written.
        #expect(TriageTimeZone.both.display("10/03/2025 09:25") == "10/03/2025 09:25")
    }

    @Test func theDefaultFollowsTZ() {
        #expect(TriageTimeZone.fromEnvironment(["TZ": "Asia/Tokyo"]) == .both)
        #expect(TriageTimeZone.fromEnvironment(["TZ": ":Asia/Tokyo"]) == .both)
        #expect(TriageTimeZone.fromEnvironment(["TZ": "UTC"]) == .utc)
        #expect(TriageTimeZone.fromEnvironment([:]) == .utc)
    }

    @Test func theReportShowsEveryTime() {
        let error = TriagedError(code: "AADSTS50011", timestamp: "2025-03-10T09:25:13Z", sourceKind: .text,
                                 firstSeen: "2025-03-10T08:00:00Z", lastSeen: "2025-03-10T16:00:00Z")
        let shown = TriageReport(errors: [TriageResult(error: error, entry: nil)]).showingTimes(in: .jst).errors.first?.error
        #expect(shown?.timestamp == "2025-03-10T18:25:13+09:00 (JST)")
        #expect(shown?.firstSeen == "2025-03-10T17:00:00+09:00 (JST)")
        #expect(shown?.lastSeen == "2025-03-11T01:00:00+09:00 (JST)")
    }
}
