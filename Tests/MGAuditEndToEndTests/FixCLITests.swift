import Foundation
import MGAuditTestSupport
import Testing

/// Runs the built `mgaudit fix` on `Samples/tenants/` and checks the fixed manifest with `check`.
@Suite struct FixCLITests {
    static let asOf = "2026-12-01"
    /// The rules whose findings `fix --format manifest` removes.
    static let covered: Set<String> = ["uri1-missing", "uri2-missing-for-domain", "uri-near-miss", "uri-whitespace",
                                       "uri-nonascii", "uri-wrong-platform", "uri-duplicate", "not-single-tenant",
                                       "implicit-access-token-disabled", "implicit-id-token-disabled"]

    static var samples: URL { MGAuditBinary.packageRoot.appendingPathComponent("Samples/tenants") }

    static func tenants() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: samples.path).sorted()
    }

    static func rules(_ tenant: URL) throws -> Set<String> {
        let result = try MGAuditBinary.run(["check", tenant.path, "--format", "json", "--as-of", asOf, "--fail-on", "never"])
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let tenants = object?["tenants"] as? [[String: Any]] ?? []
        return Set(tenants.flatMap { ($0["findings"] as? [[String: Any]] ?? []).compactMap { $0["rule"] as? String } })
    }

    static func copy(_ tenant: String) throws -> URL {
        let target = FileManager.default.temporaryDirectory.appendingPathComponent("fix-\(UUID().uuidString)/\(tenant)")
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: samples.appendingPathComponent(tenant), to: target)
        return target
    }

    @Test func fixedManifestClearsTheCoveredFindings() throws {
        var fixedAny = 0
        for tenant in try Self.tenants() {
            let folder = try Self.copy(tenant)
            defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
            let manifest = folder.appendingPathComponent("manifest.json")
            guard FileManager.default.fileExists(atPath: manifest.path) else { continue }
            let before = try Self.rules(folder)
            let result = try MGAuditBinary.run(["fix", folder.path, "--format", "manifest", "--as-of", Self.asOf])
            #expect(result.status == 0, "\(tenant): \(result.stderr)")
            guard !result.stdout.isEmpty else {
                #expect(before.intersection(Self.covered).isEmpty || !result.stderr.isEmpty, "\(tenant)")
                continue
            }
            fixedAny += 1
            try Data(result.stdout.utf8).write(to: manifest)
            let after = try Self.rules(folder)
            let hasSheet = try FileManager.default.contentsOfDirectory(atPath: folder.path).contains { $0 != "manifest.json" && ($0.hasSuffix(".txt") || $0.contains("sheet")) }
            let left = after.intersection(Self.covered)
            #expect(left.isEmpty || !hasSheet, "\(tenant): still \(left.sorted())")
            #expect(after.subtracting(before).isEmpty, "\(tenant): new findings \(after.subtracting(before).sorted())")
        }
        #expect(fixedAny >= 8)
    }

    @Test func goldenOutputs() throws {
        for (tenant, format) in [("near-miss-hyphen", "manifest"), ("near-miss-hyphen", "patch"), ("uri1-under-spa", "az"),
                                 ("implicit-flags-off", "patch"), ("secret-expired", "az")] {
            let result = try MGAuditBinary.run(["fix", Self.samples.appendingPathComponent(tenant).path, "--format", format,
                                                "--as-of", Self.asOf, "--lang", "ja"])
            #expect(result.status == 0, "\(tenant): \(result.stderr)")
            try GoldenFile.check(result.stdout, against: "\(tenant).\(format)", directory: "fix")
        }
    }

    @Test func azReplacesTheCompleteListAndResetsWithAppend() throws {
        let web = try MGAuditBinary.run(["fix", Self.samples.appendingPathComponent("multi-domain-missing-uri2").path, "--format", "az", "--as-of", Self.asOf])
        let line = web.stdout.split(separator: "\n").first { $0.hasPrefix("az ad app update") && $0.contains("--web-redirect-uris") }
        let uris = line.map { $0.components(separatedBy: "--web-redirect-uris ").last ?? "" } ?? ""
        let listed = uris.split(separator: " ").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "'")) }
        let sheetURIs = ["https://tokai-mgf.cybermail.jp/mg-cgi/mg_oauth"]
        for uri in sheetURIs { #expect(listed.contains(uri)) }
        #expect(listed.count >= 3, "\(web.stdout)")
        for tenant in ["secret-expired", "secret-expiring", "secret-none"] {
            let result = try MGAuditBinary.run(["fix", Self.samples.appendingPathComponent(tenant).path, "--format", "az", "--as-of", Self.asOf])
            let resets = result.stdout.split(separator: "\n").filter { $0.contains("credential reset") && !$0.hasPrefix("#") }
            #expect(!resets.isEmpty, "\(tenant)")
            for reset in resets { #expect(reset.contains(" --append"), "\(reset)") }
        }
    }

    @Test func patchAppliedEqualsTheManifestOutput() throws {
        var checked = 0
        for tenant in try Self.tenants() {
            let manifest = Self.samples.appendingPathComponent("\(tenant)/manifest.json")
            guard FileManager.default.fileExists(atPath: manifest.path) else { continue }
            let folder = Self.samples.appendingPathComponent(tenant).path
            let fixed = try MGAuditBinary.run(["fix", folder, "--format", "manifest", "--as-of", Self.asOf])
            let patch = try MGAuditBinary.run(["fix", folder, "--format", "patch", "--as-of", Self.asOf])
            guard !fixed.stdout.isEmpty else { continue }
            let original = try JSONSerialization.jsonObject(with: Data(contentsOf: manifest))
            let operations = try #require(JSONSerialization.jsonObject(with: Data(patch.stdout.utf8)) as? [[String: Any]])
            let applied = try JSONPatch.apply(operations, to: original)
            let expected = try JSONSerialization.jsonObject(with: Data(fixed.stdout.utf8))
            #expect(try JSONPatch.canonical(applied) == JSONPatch.canonical(expected), "\(tenant)")
            for (index, operation) in operations.enumerated() where operation["op"] as? String == "replace" {
                #expect(index > 0 && operations[index - 1]["op"] as? String == "test"
                        && operations[index - 1]["path"] as? String == operation["path"] as? String, "\(tenant)")
            }
            checked += 1
        }
        #expect(checked >= 8)
    }

    @Test func noSecretValueInAnyOutput() throws {
        let folder = try Self.copy("near-miss-hyphen")
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let manifest = folder.appendingPathComponent("manifest.json")
        let secret = "Qx8Q~abcdefghijklmnopqrstuvwxyz0123456789"
        var text = try String(contentsOf: manifest, encoding: .utf8)
        text = text.replacingOccurrences(of: "\"secretText\": null", with: "\"secretText\": \"\(secret)\"")
        #expect(text.contains(secret))
        try Data(text.utf8).write(to: manifest)
        for format in ["manifest", "patch", "az"] {
            let result = try MGAuditBinary.run(["fix", folder.path, "--format", format, "--as-of", Self.asOf])
            #expect(result.status == 0, "\(format): \(result.stderr)")
            #expect(!result.stdout.isEmpty)
            #expect(!result.stdout.contains(secret) && !result.stderr.contains(secret), "\(format)")
        }
    }

    @Test func nothingToFixIsOneStderrLineAndNoManifestIsExit2() throws {
        let clean = try MGAuditBinary.run(["fix", Self.samples.appendingPathComponent("clean").path, "--as-of", Self.asOf])
        #expect(clean.status == 0)
        #expect(clean.stdout.isEmpty)
        #expect(clean.stderr.split(separator: "\n").count == 1)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fix-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("kind: mailgates-notification-sheet\nuri1: https://a-mgf.cybermail.jp/mg-cgi/mg_oauth\n".utf8)
            .write(to: folder.appendingPathComponent("notification-sheet.yaml"))
        let none = try MGAuditBinary.run(["fix", folder.path, "--as-of", Self.asOf])
        #expect(none.status == 2)
    }

    @Test func outputNeverOverwritesAnInput() throws {
        let folder = try Self.copy("near-miss-hyphen")
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let manifest = folder.appendingPathComponent("manifest.json")
        let before = try Data(contentsOf: manifest)
        let result = try MGAuditBinary.run(["fix", folder.path, "-o", manifest.path, "--as-of", Self.asOf])
        #expect(result.status == 2)
        #expect(try Data(contentsOf: manifest) == before)
    }
}

/// A small RFC 6902 applier (add, replace, test on object members) for the tests.
enum JSONPatch {
    struct Failed: Error { var operation: String }

    static func apply(_ operations: [[String: Any]], to document: Any) throws -> Any {
        var document = document
        for operation in operations {
            guard let op = operation["op"] as? String, let path = operation["path"] as? String else { throw Failed(operation: "\(operation)") }
            let tokens = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
                .map { $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~") }
            let value = operation["value"] ?? NSNull()
            switch op {
            case "test":
                guard let current = get(document, tokens[...]), try canonical(current) == canonical(value) else {
                    throw Failed(operation: "test \(path)")
                }
            case "replace", "add":
                document = try set(document, tokens[...], value)
            default:
                throw Failed(operation: op)
            }
        }
        return document
    }

    /// The value as sorted-key JSON, for comparing.
    static func canonical(_ value: Any) throws -> Data {
        try JSONSerialization.data(withJSONObject: ["v": value], options: [.sortedKeys])
    }

    static func get(_ node: Any, _ tokens: ArraySlice<String>) -> Any? {
        guard let first = tokens.first else { return node }
        guard let object = node as? [String: Any], let child = object[first] else { return nil }
        return get(child, tokens.dropFirst())
    }

    static func set(_ node: Any, _ tokens: ArraySlice<String>, _ value: Any) throws -> Any {
        guard let first = tokens.first else { return value }
        guard var object = node as? [String: Any] else { throw Failed(operation: "set \(first)") }
        object[first] = try set(object[first] ?? [String: Any](), tokens.dropFirst(), value)
        return object
    }
}
