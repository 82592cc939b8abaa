import Foundation
import MGAuditTestSupport
import Testing

/// Runs the built `mgaudit secrets` on `Samples/tenants/` and on hostile temporary tenants.
@Suite struct SecretsCLITests {
    static let asOf = "2026-12-01"

    static var sampleTenants: [String] {
        let root = MGAuditBinary.packageRoot.appendingPathComponent("Samples/tenants")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { "Samples/tenants/" + $0 }
    }

    @Test(arguments: ["text", "csv", "json"])
    func samplesGolden(format: String) throws {
        let result = try MGAuditBinary.run(["secrets"] + Self.sampleTenants + ["--as-of", Self.asOf, "--format", format])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        try GoldenFile.check(result.stdout, against: "secrets-samples.\(format)", directory: "secrets")
    }

    @Test func soonestFirstAndStates() throws {
        let result = try MGAuditBinary.run(["secrets"] + Self.sampleTenants + ["--as-of", Self.asOf, "--format", "csv"])
        let rows = result.stdout.components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }
        let ends = rows.map { $0.split(separator: ",", omittingEmptySubsequences: false)[6] }.filter { !$0.isEmpty }
        #expect(ends == ends.sorted())
        #expect(result.stdout.contains(",expired\r\n"))
        #expect(rows.count >= 20)
    }

    /// A folder with no manifest: exit 2 and one line naming it, never an empty all-clear.
    @Test func nothingReadableExitsTwo() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try MGAuditBinary.run(["secrets", folder.path, "--as-of", Self.asOf])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stderr.contains("no app manifest"))
    }

    /// A manifest that (against all advice) holds a secretText value: the value never comes out,
    /// in any format, and hostile tenant names are escaped.
    @Test(arguments: ["text", "csv", "json"])
    func noSecretValueAndEscaping(format: String) throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let tenant = folder.appendingPathComponent("=evil,\"x\u{1B}[31m")
        try FileManager.default.createDirectory(at: tenant, withIntermediateDirectories: true)
        let secret = "Qx7Q~abcdefghijklmnopqrstuvwxyz0123456789AB"
        let manifest = """
        {"appId":"d23f0824-128b-4f33-8c5c-7fd0a6a3a450","displayName":"MAILGATES Σ","signInAudience":"AzureADMyOrg",
         "passwordCredentials":[
          {"keyId":"9531985d-5d9d-49f8-9818-e811892f902b","displayName":"MAILGATES","hint":"Qx7",
           "startDateTime":"2025-01-01T00:00:00Z","endDateTime":"2026-12-20T00:00:00Z","secretText":"\(secret)"},
          {"keyId":"11111111-2222-3333-4444-555555555555","displayName":"broken","hint":"abc",
           "startDateTime":"2025-01-01T00:00:00Z","endDateTime":"2026-13-45"}]}
        """
        try Data(manifest.utf8).write(to: tenant.appendingPathComponent("manifest.json"))
        let result = try MGAuditBinary.run(["secrets", tenant.path, "--as-of", Self.asOf, "--format", format])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stdout.contains(secret))
        #expect(!result.stderr.contains(secret))
        #expect(!result.stdout.contains("\u{1B}"))
        #expect(result.stdout.contains("unreadable-date"))
        #expect(result.stdout.contains("expiring"))
        if format == "csv" {
            #expect(result.stdout.contains("\"'=evil,\"\"x"))
            #expect(result.stdout.contains("U+001B"))
        }
        if format == "json" {
            let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
            let secrets = object?["secrets"] as? [[String: Any]]
            #expect(secrets?.count == 2)
            #expect(secrets?.last?["end"] is NSNull)
        }
    }

    /// `-o` never replaces an input.
    @Test func outputNeverReplacesAnInput() throws {
        let manifest = "Samples/tenants/clean/manifest.json"
        let before = try Data(contentsOf: MGAuditBinary.packageRoot.appendingPathComponent(manifest))
        let result = try MGAuditBinary.run(["secrets", "Samples/tenants/clean", "--as-of", Self.asOf, "-o", manifest])
        #expect(result.status == 2)
        let after = try Data(contentsOf: MGAuditBinary.packageRoot.appendingPathComponent(manifest))
        #expect(before == after)
    }

    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("mgaudit-secrets-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
