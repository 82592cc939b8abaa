import Foundation
import Testing
@testable import MGAuditCore

/// Paths and fixtures shared by the triage tests.
enum TriageFixtures {
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let samples = repoRoot.appendingPathComponent("Samples/errors")
    /// 2025-03-10T12:00:00Z: samples are dated that day.
    static let asOf = Date(timeIntervalSince1970: 1_741_608_000)

    static func sample(_ name: String) throws -> String {
        try TextDecoding.read(samples.appendingPathComponent(name)).text
    }

    static func catalog() throws -> AADSTSCatalog {
        try AADSTSCatalog.load(directory: repoRoot.appendingPathComponent("rules"))
    }

    /// Loads `yaml` as the only `aadsts.yaml` of a fresh folder and returns the error the loader
    /// throws; nil (with an issue recorded) when it loads. For tests of the loader's messages.
    /// Both ways of reading the file must give the same error: the whole file at once
    /// (`load(file:)`), and the index with the entry decoded when first asked for (`CatalogIndex`,
    /// what `load(directory:)` uses).
    static func catalogError(yaml: String) throws -> InputError? {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("triage-catalog-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent(AADSTSCatalog.fileName)
        try Data(yaml.utf8).write(to: file)
        var whole: InputError?
        do {
            _ = try AADSTSCatalog.load(file: file)
        } catch let error as InputError {
            whole = error
        }
        var lazy: InputError?
        do {
            if let index = try CatalogIndex(file: file) {
                for code in index.codes { _ = try index.entry(code) }
            } else {
                Issue.record("the test catalog is not in the indexed layout")
            }
        } catch let error as InputError {
            lazy = error
        }
        #expect(whole?.path == lazy?.path && whole?.line == lazy?.line, "whole: \(String(describing: whole)), lazy: \(String(describing: lazy))")
        if whole == nil { Issue.record("expected the catalog to be refused") }
        return whole
    }

    /// The rule pack beside the catalog, as the CLI loads it: it judges the tenant files.
    static func engine() throws -> RuleEngine {
        try RuleEngine(pack: RulePackLoader.load(directory: repoRoot.appendingPathComponent("rules")))
    }

    static let appId = "7671e18a-3c2b-4d5e-9f01-23456789abcd"
    static let objectId = "d0f9d4c2-8e7f-4a6b-9c5d-4e3f2a1b0c9d"
    static let uri1 = "https://abc-mgf.cybermail.jp/mg-cgi/mg_oauth"
    static let uri2 = "https://abc-mgf.cybermail.jp/mg-cgi/mg_login"
    static let requiredPermissions = [
        RequestedPermission(resourceAppId: "00000003-0000-0000-c000-000000000000", id: "e1fe6dd8-ba31-4d61-89e7-88639da4683d", type: .delegated),
        RequestedPermission(resourceAppId: "00000003-0000-0000-c000-000000000000", id: "5b567255-7703-4780-807c-7be8301ae99b", type: .application),
        RequestedPermission(resourceAppId: "00000003-0000-0000-c000-000000000000", id: "df021288-bdef-4463-88db-98f22de89214", type: .application),
    ]

    static func date(_ iso: String) -> Date? { ISO8601DateFormatter().date(from: iso) }

    static func manifest(
        redirects: [RedirectURI] = [RedirectURI(uri: uri1, platform: .web), RedirectURI(uri: uri2, platform: .web)],
        idToken: Bool? = true, accessToken: Bool? = true, credentials: [PasswordCredential]? = nil,
        permissions: [RequestedPermission] = requiredPermissions, audience: String = "AzureADMyOrg"
    ) -> AppRegistration {
        AppRegistration(
            format: .microsoftGraph, appId: appId, objectId: objectId, displayName: "MAILGATES Σ", signInAudience: audience,
            redirectURIs: redirects, implicitAccessToken: accessToken, implicitIdToken: idToken,
            passwordCredentials: credentials ?? [PasswordCredential(
                keyId: "fc9af3d1-2b4c-4d5e-8f6a-7b8c9d0e1f2a", displayName: "MAILGATES Σ", hint: "H-0",
                start: date("2024-03-05T08:57:30Z"), end: date("2026-03-05T08:57:30Z"))],
            requiredPermissions: permissions)
    }

    static func bundle(_ manifest: AppRegistration, settings: GatewaySettings? = nil, consent: ConsentState? = nil) -> TenantBundle {
        TenantBundle(name: "abc", manifest: manifest, settings: settings, consent: consent)
    }
}
