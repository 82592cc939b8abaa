import Foundation
import MGAuditTestSupport
import Testing

/// Runs the built `mgaudit fix` on `Samples/tenants/` and checks the fixed manifest with `check`.
@Suite struct FixCLITests {
    static let asOf = "2026-12-01"
    /// The rules whose findings `fix --format manifest` removes: `manifestRules` of rules/fixes.yaml.
    static let covered: Set<String> = {
        let file = MGAuditBinary.packageRoot.appendingPathComponent("rules/fixes.yaml")
        let lines = ((try? String(contentsOf: file, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
        guard let start = lines.firstIndex(of: "manifestRules:") else { return [] }
        let items = lines[lines.index(after: start)...].prefix { $0.hasPrefix("  - ") }
        return Set(items.map { String($0.dropFirst(4)).trimmingCharacters(in: .whitespaces) })
    }()
    /// The rules whose fix is a redirect-URI change: left when there is no trusted sheet.
    static let redirectRules: Set<String> = ["uri1-missing", "uri2-missing-for-domain", "uri-near-miss", "uri-whitespace",
                                             "uri-nonascii", "uri-wrong-platform", "uri-duplicate"]

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

    /// Fixes `folder` (a writable copy) with `fix --format manifest`, checks it again and returns
    /// whether a manifest was written; records an issue for each covered finding left.
    static func fixAndRecheck(_ folder: URL, label: String) throws -> Bool {
        let manifest = folder.appendingPathComponent("manifest.json")
        guard FileManager.default.fileExists(atPath: manifest.path) else { return false }
        let before = try rules(folder)
        let result = try MGAuditBinary.run(["fix", folder.path, "--format", "manifest", "--as-of", asOf, "--lang", "en"])
        #expect(result.status == 0, "\(label): \(result.stderr)")
        // Without a trusted sheet the redirect URIs are left, and stderr says so.
        let uriLeft = result.stderr.contains("Redirect URIs are left as they are")
        let fixable = before.intersection(covered).subtracting(uriLeft ? redirectRules : [])
        guard !result.stdout.isEmpty else {
            #expect(fixable.isEmpty, "\(label): nothing written for \(fixable.sorted())")
            return false
        }
        try Data(result.stdout.utf8).write(to: manifest)
        let after = try rules(folder)
        let left = after.intersection(covered).subtracting(uriLeft ? redirectRules : [])
        #expect(left.isEmpty, "\(label): still \(left.sorted())")
        // A permission just added is not consented yet: the only finding a fix may bring.
        let new = after.subtracting(before).subtracting(["permission-not-consented"])
        #expect(new.isEmpty, "\(label): new findings \(new.sorted())")
        return true
    }

    @Test func fixedManifestClearsTheCoveredFindings() throws {
        var fixedAny = 0
        for tenant in try Self.tenants() {
            let folder = try Self.copy(tenant)
            defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
            if try Self.fixAndRecheck(folder, label: tenant) { fixedAny += 1 }
        }
        #expect(fixedAny >= 10)
    }

    @Test func fixedManifestClearsTheCoveredFindingsOfGeneratedTenants() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("fix-generated-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let out = root.appendingPathComponent("tenants")
        let generator = Process()
        generator.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        generator.arguments = ["python3", MGAuditBinary.packageRoot.appendingPathComponent("Benchmarks/generate.py").path, out.path, "20", "--seed", "7"]
        try generator.run()
        generator.waitUntilExit()
        try #require(generator.terminationStatus == 0)
        var fixed = 0
        for tenant in try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() {
            if try Self.fixAndRecheck(out.appendingPathComponent(tenant), label: tenant) { fixed += 1 }
        }
        #expect(fixed >= 3)
    }

    @Test func legacyReplyURLsManifestIsFixedInItsOwnFormat() throws {
        let folder = try Self.copy("near-miss-hyphen")
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let manifest = folder.appendingPathComponent("manifest.json")
        let object = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: manifest)) as? [String: Any])
        let web = try #require((object["web"] as? [String: Any])?["redirectUris"] as? [String])
        // An "App registrations (Legacy)" export: Azure AD Graph keys, a plain replyUrls list.
        let legacy: [String: Any] = ["objectId": object["id"] ?? "", "appId": object["appId"] ?? "", "name": "MAILGATES Σ",
                                     "availableToOtherTenants": false, "oauth2AllowImplicitFlow": true,
                                     "oauth2AllowIdTokenImplicitFlow": true, "replyUrls": web, "passwordCredentials": [],
                                     "requiredResourceAccess": object["requiredResourceAccess"] ?? []]
        try JSONSerialization.data(withJSONObject: legacy, options: [.prettyPrinted, .sortedKeys]).write(to: manifest)
        let before = try Self.rules(folder)
        #expect(before.contains("uri-near-miss"))
        let result = try MGAuditBinary.run(["fix", folder.path, "--format", "manifest", "--as-of", Self.asOf])
        #expect(result.status == 0, "\(result.stderr)")
        let fixed = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(fixed["web"] == nil && fixed["replyUrlsWithType"] == nil)
        #expect(Set(fixed.keys) == Set(legacy.keys))
        let urls = try #require(fixed["replyUrls"] as? [String])
        #expect(urls != web)
        try Data(result.stdout.utf8).write(to: manifest)
        #expect(try Self.rules(folder).intersection(Self.covered).isEmpty)
    }

    @Test func goldenOutputs() throws {
        for (tenant, format) in [("near-miss-hyphen", "manifest"), ("near-miss-hyphen", "patch"), ("implicit-flags-off", "patch"),
                                 ("permission-wrong-type", "manifest"), ("permission-missing-excessive", "patch")] {
            let result = try MGAuditBinary.run(["fix", Self.samples.appendingPathComponent(tenant).path, "--format", format,
                                                "--as-of", Self.asOf, "--lang", "ja"])
            #expect(result.status == 0, "\(tenant): \(result.stderr)")
            try GoldenFile.check(result.stdout, against: "\(tenant).\(format)", directory: "fix")
        }
    }

    /// One golden file per script format and language: every sample with something to fix, in name order.
    @Test(arguments: ["az", "powershell", "graph"])
    func scriptGoldens(format: String) throws {
        for language in ["ja", "en"] {
            var text = ""
            for tenant in try Self.tenants() {
                let result = try MGAuditBinary.run(["fix", Self.samples.appendingPathComponent(tenant).path, "--format", format,
                                                    "--as-of", Self.asOf, "--lang", language])
                guard !result.stdout.isEmpty else { continue }
                text += "######## \(tenant)\n" + result.stdout + "\n"
            }
            try GoldenFile.check(text, against: "samples.\(format).\(language)", directory: "fix")
        }
    }

    /// The script of `tenant` in `format`, and the JSON bodies it writes (file name -> object).
    static func script(_ tenant: URL, _ format: String) throws -> (text: String, bodies: [String: Any]) {
        let result = try MGAuditBinary.run(["fix", tenant.path, "--format", format, "--as-of", asOf])
        var bodies: [String: Any] = [:]
        var file: String?
        var json: [String] = []
        for line in result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if let name = file {
                if line == "JSON" {
                    bodies[name] = try JSONSerialization.jsonObject(with: Data(json.joined(separator: "\n").utf8))
                    file = nil
                    json = []
                } else {
                    json.append(line)
                }
            } else if line.hasPrefix("cat > "), let name = line.dropFirst(6).split(separator: " ").first {
                file = String(name)
            }
        }
        return (result.stdout, bodies)
    }

    /// `'…'` items of a PowerShell `@(…)` list after `key = `.
    static func powershellList(_ line: String, after key: String) -> [String]? {
        guard let start = line.range(of: key + " = @(") else { return nil }
        let rest = line[start.upperBound...]
        guard let end = rest.firstIndex(of: ")") else { return nil }
        let list = rest[..<end]
        guard let expression = try? Regex("'((?:[^']|'')*)'") else { return nil }
        return list.matches(of: expression).map { String(list[$0.range]).dropFirst().dropLast().replacingOccurrences(of: "''", with: "'") }
    }

    @Test func everyRedirectStepCarriesTheCompleteLists() throws {
        var checked = 0
        for tenant in try Self.tenants() {
            let folder = Self.samples.appendingPathComponent(tenant)
            let fixed = try MGAuditBinary.run(["fix", folder.path, "--format", "manifest", "--as-of", Self.asOf])
            guard let manifest = try? JSONSerialization.jsonObject(with: Data(fixed.stdout.utf8)) as? [String: Any],
                  let original = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("manifest.json"))) as? [String: Any]
            else { continue }
            let web = (manifest["web"] as? [String: Any])?["redirectUris"] as? [String] ?? []
            let spa = (manifest["spa"] as? [String: Any])?["redirectUris"] as? [String] ?? []
            let webChanged = web != (original["web"] as? [String: Any])?["redirectUris"] as? [String] ?? []
            let spaChanged = spa != (original["spa"] as? [String: Any])?["redirectUris"] as? [String] ?? []
            guard webChanged || spaChanged else { continue }
            checked += 1
            // A URI moved off spa is on no other platform.
            #expect(Set(web).isDisjoint(with: spa), "\(tenant)")
            let az = try Self.script(folder, "az")
            let graph = try Self.script(folder, "graph")
            let powershell = try Self.script(folder, "powershell")
            let update = powershell.text.split(separator: "\n").map(String.init).filter { $0.hasPrefix("Update-MgApplication") && $0.contains("RedirectUris") }
            #expect(update.count == 1, "\(tenant)")
            for (name, script) in [("az", az), ("graph", graph)] {
                let body = script.bodies["fix-\(tenant)-redirect-uris.json"] as? [String: Any]
                if name == "az", !spaChanged {
                    let line = script.text.split(separator: "\n").first { $0.hasPrefix("az ad app update") && $0.contains("--web-redirect-uris") }
                    let listed = (line.map { $0.components(separatedBy: "--web-redirect-uris ").last ?? "" } ?? "")
                        .split(separator: " ").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "'")) }
                    #expect(listed == web, "\(tenant) az")
                    continue
                }
                let bodyWeb = (body?["web"] as? [String: Any])?["redirectUris"] as? [String]
                let bodySpa = (body?["spa"] as? [String: Any])?["redirectUris"] as? [String]
                // One request: both lists in the same body when spa changes.
                #expect(bodyWeb == web || (!webChanged && bodyWeb == nil), "\(tenant) \(name) web")
                if spaChanged { #expect(bodySpa == spa, "\(tenant) \(name) spa") }
                #expect(script.text.contains("--body @fix-\(tenant)-redirect-uris.json"), "\(tenant) \(name)")
            }
            if webChanged { #expect(update.first.flatMap { Self.powershellList($0, after: "-Web @{ RedirectUris") } == web, "\(tenant) ps web") }
            if spaChanged { #expect(update.first.flatMap { Self.powershellList($0, after: "-Spa @{ RedirectUris") } == spa, "\(tenant) ps spa") }
        }
        #expect(checked >= 7)
    }

    @Test func permissionsAddOnlyWhatIsMissingAndConsentWithoutAdminConsent() throws {
        for tenant in ["permission-missing-excessive", "permission-wrong-type", "permission-not-consented"] {
            let folder = Self.samples.appendingPathComponent(tenant)
            let az = try Self.script(folder, "az").text
            #expect(!az.contains("permission admin-consent") || az.split(separator: "\n").allSatisfy { !$0.hasPrefix("az ad app permission admin-consent") })
            #expect(az.contains("/adminconsent?client_id="), "\(tenant)")
            let original = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("manifest.json"))) as? [String: Any]
            let present = Set(((original?["requiredResourceAccess"] as? [[String: Any]]) ?? []).flatMap { entry in
                ((entry["resourceAccess"] as? [[String: Any]]) ?? []).map { "\(($0["id"] as? String ?? "").lowercased())=\($0["type"] as? String ?? "")" }
            })
            for line in az.split(separator: "\n") where line.hasPrefix("az ad app permission add") {
                let added = line.components(separatedBy: "--api-permissions ").last?.split(separator: " ")
                    .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "'")).lowercased() } ?? []
                #expect(!added.isEmpty)
                for entry in added { #expect(!present.contains { $0.lowercased() == entry }, "\(tenant): re-adds \(entry)") }
            }
        }
    }

    @Test func secretsAreAppendedAndOnlyExpiredKeysDeleted() throws {
        for tenant in try Self.tenants() {
            let folder = Self.samples.appendingPathComponent(tenant)
            guard let manifest = try? JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("manifest.json"))) as? [String: Any]
            else { continue }
            let credentials = manifest["passwordCredentials"] as? [[String: Any]] ?? []
            let expired = Set(credentials.compactMap { credential -> String? in
                guard let end = (credential["endDateTime"] ?? credential["endDate"]) as? String, end.prefix(10) < Self.asOf else { return nil }
                return (credential["keyId"] as? String)?.lowercased()
            })
            let az = try Self.script(folder, "az").text
            let powershell = try Self.script(folder, "powershell").text
            let graph = try Self.script(folder, "graph")
            let commands = az.split(separator: "\n").filter { !$0.hasPrefix("#") }
            for reset in commands where reset.contains("credential reset") { #expect(reset.contains(" --append"), "\(tenant): \(reset)") }
            #expect(commands.contains { $0.contains("credential reset") } == powershell.split(separator: "\n").contains { $0.hasPrefix("Add-MgApplicationPassword") }, "\(tenant)")
            #expect(commands.contains { $0.contains("credential reset") } == graph.text.contains("/addPassword'"), "\(tenant)")
            var deleted: [String] = []
            for line in commands where line.contains("credential delete") {
                deleted.append(line.components(separatedBy: "--key-id ").last?.trimmingCharacters(in: CharacterSet(charactersIn: "'")) ?? "")
            }
            for line in powershell.split(separator: "\n") where line.hasPrefix("Remove-MgApplicationPassword") {
                deleted.append(line.components(separatedBy: "-KeyId ").last?.trimmingCharacters(in: CharacterSet(charactersIn: "'")) ?? "")
            }
            for (name, body) in graph.bodies where name.contains("remove-password") {
                deleted.append((body as? [String: Any])?["keyId"] as? String ?? "")
            }
            for keyId in deleted { #expect(expired.contains(keyId.lowercased()), "\(tenant): deletes \(keyId), which has not expired") }
        }
        let expired = try Self.script(Self.samples.appendingPathComponent("secret-expired"), "az").text
        #expect(expired.contains("credential delete"))
    }

    @Test func checkFindingsCarryTheFixCommands() throws {
        let paths = try Self.tenants().map { Self.samples.appendingPathComponent($0).path }
        let result = try MGAuditBinary.run(["check"] + paths + ["--format", "json", "--as-of", Self.asOf, "--fail-on", "never"])
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let findings = (object?["tenants"] as? [[String: Any]] ?? []).flatMap { $0["findings"] as? [[String: Any]] ?? [] }
        let withCommands = findings.filter { $0["fixCommands"] != nil }
        #expect(withCommands.count >= 10)
        let rules = Set(findings.compactMap { $0["rule"] as? String })
        for finding in withCommands {
            let commands = try #require(finding["fixCommands"] as? [String: String])
            #expect(Set(commands.keys) == ["az", "powershell", "graph"])
            // The commands name no rule id (the scripts' step comments do; the report does not).
            for (tool, text) in commands {
                for rule in rules { #expect(!text.contains(": \(rule)") && !text.contains("# \(rule)"), "\(tool) names \(rule)") }
            }
            if finding["rule"] as? String == "secret-expired" {
                #expect(commands["az"]?.contains("credential reset --id") == true && commands["az"]?.contains("--append") == true)
            }
        }
        for rule in ["uri-near-miss", "permission-wrong-type", "secret-expired", "not-single-tenant"] {
            #expect(withCommands.contains { $0["rule"] as? String == rule }, "\(rule)")
        }
        #expect(!findings.contains { $0["rule"] as? String == "consent-unknown" && $0["fixCommands"] != nil })
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
        for format in ["manifest", "patch", "az", "powershell", "graph"] {
            let result = try MGAuditBinary.run(["fix", folder.path, "--format", format, "--as-of", Self.asOf])
            #expect(result.status == 0, "\(format): \(result.stderr)")
            #expect(!result.stdout.isEmpty)
            #expect(!result.stdout.contains(secret) && !result.stderr.contains(secret), "\(format)")
        }
        // Nor do the fix commands of the reports.
        for format in ["json", "text", "html"] {
            let result = try MGAuditBinary.run(["check", folder.path, "--format", format, "--as-of", Self.asOf, "--fail-on", "never"])
            #expect(!result.stdout.isEmpty)
            #expect(!result.stdout.contains(secret) && !result.stderr.contains(secret), "check \(format)")
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
