import Foundation
import Testing
@testable import MGAuditCore

@Suite struct RulesLoaderTests {
    let catalog: PermissionCatalog

    init() throws { catalog = try PermissionCatalog.load(directory: RulesFixture.rulesDirectory) }

    func load(_ fixture: String) throws -> RulePack {
        let url = RulesFixture.fixtureURL(fixture)
        let (text, _) = try TextDecoding.read(url)
        return try RulePackLoader.parse(text: text, path: url.path, catalog: catalog)
    }

    func loadError(_ fixture: String) -> InputError? {
        do {
            _ = try load(fixture)
            return nil
        } catch {
            return error as? InputError
        }
    }

    @Test func shippedPackLoads() throws {
        let pack = try RulesFixture.pack()
        #expect(pack.name == "mailgates-m365")
        #expect(pack.rules.count >= 20)
        #expect(pack.sourcePath.hasSuffix("rules/mailgates-m365.yaml"))
        // The anchors (&required / *required) resolve for all three permission rules.
        for id in ["permission-missing", "permission-wrong-type", "permission-excessive"] {
            #expect(pack.rule(id: id)?.params["required"] != nil, "\(id)")
        }
    }

    @Test func shippedPackUsesOnlySpecIdsForItsAreas() throws {
        let ids = try RulesFixture.pack().rules.map(\.id)
        for id in ["uri-whitespace", "uri-nonascii", "uri-insecure-scheme", "uri-wrong-platform", "uri-duplicate",
                   "implicit-access-token-disabled", "implicit-id-token-disabled", "not-single-tenant",
                   "display-name-differs", "permission-missing", "permission-wrong-type", "consent-unknown",
                   "permission-excessive", "secret-none", "secret-expired", "secret-expiring",
                   "secret-lifetime-too-long", "secret-stale", "input-unreadable", "input-unrecognised"] {
            #expect(ids.contains(id), "missing rule \(id)")
        }
        #expect(Set(ids).count == ids.count)
    }

    @Test func validFixtureLoads() throws {
        let pack = try load("valid.yaml")
        #expect(pack.rules.map(\.id) == ["tiny-whitespace"])
        #expect(pack.rules.first?.line == 4)
    }

    @Test func yamlSyntaxErrorNamesFileAndLine() {
        let error = loadError("bad-syntax.yaml")
        #expect(error?.path.hasSuffix("bad-syntax.yaml") == true)
        #expect(error?.line == 7)
        #expect(error?.problem.contains("YAML syntax error") == true)
    }

    @Test func unknownCheckKindNamesFileLineAndKnownKinds() {
        let error = loadError("unknown-kind.yaml")
        #expect(error?.line == 7)
        #expect(error?.problem.contains("unknown check kind 'uri-sparkle'") == true)
        #expect(error?.problem.contains("uri-whitespace") == true)
        #expect(error?.description.hasPrefix(RulesFixture.fixtureURL("unknown-kind.yaml").path + ":7:") == true)
    }

    @Test func unknownSeverity() {
        let error = loadError("unknown-severity.yaml")
        #expect(error?.line == 5)
        #expect(error?.problem.contains("unknown severity 'fatal'") == true)
    }

    @Test func duplicateId() {
        let error = loadError("duplicate-id.yaml")
        #expect(error?.line == 12)
        #expect(error?.problem.contains("duplicate id (first defined at line 4)") == true)
    }

    @Test func missingEnglishText() {
        let error = loadError("missing-en.yaml")
        #expect(error?.line == 8)
        #expect(error?.problem == "rule 'tiny-whitespace': missing message.en")
    }

    @Test func badParamsNameTheParameter() {
        let error = loadError("bad-params.yaml")
        #expect(error?.line == 7)
        #expect(error?.problem.contains("unknown parameter 'windowDay'") == true)
    }

    @Test func unknownRequiredPermission() {
        let error = loadError("unknown-permission.yaml")
        #expect(error?.problem.contains("User.Read.Everything") == true)
    }

    @Test func missingRulesFolder() {
        let missing = URL(fileURLWithPath: "/nonexistent/rules-\(UUID().uuidString)")
        #expect(throws: InputError.self) { try RulePackLoader.load(directory: missing) }
    }

    @Test func locatorPrefersEnvironment() {
        let found = RulePackLocator.defaultDirectory(environment: ["MGAUDIT_RULES": "/custom/rules"], executable: nil,
                                                     currentDirectory: URL(fileURLWithPath: "/"))
        #expect(found?.path == "/custom/rules")
    }

    @Test func locatorWalksUpFromAFolderInsideThePackage() {
        let inside = RulesFixture.rulesDirectory.deletingLastPathComponent().appendingPathComponent("Sources/MGAuditCore")
        let found = RulePackLocator.defaultDirectory(environment: [:], executable: nil, currentDirectory: inside)
        #expect(found?.standardizedFileURL.path == RulesFixture.rulesDirectory.standardizedFileURL.path)
    }

    @Test func locatorFindsAnInstalledPackBesideBin() throws {
        let prefix = FileManager.default.temporaryDirectory.appendingPathComponent("mgaudit-prefix-\(UUID().uuidString)")
        let rules = prefix.appendingPathComponent("share/mgaudit/rules")
        try FileManager.default.createDirectory(at: rules, withIntermediateDirectories: true)
        try Data("rules: []\n".utf8).write(to: rules.appendingPathComponent(RulePackLoader.packFileName))
        let executable = prefix.appendingPathComponent("bin/mgaudit")
        let found = RulePackLocator.defaultDirectory(environment: [:], executable: executable,
                                                     currentDirectory: URL(fileURLWithPath: "/"))
        #expect(found?.standardizedFileURL.path == rules.standardizedFileURL.path)
    }
}

@Suite struct PermissionCatalogTests {
    let catalog: PermissionCatalog
    init() throws { catalog = try PermissionCatalog.load(directory: RulesFixture.rulesDirectory) }

    @Test func verifiedGUIDs() {
        #expect(catalog.id(named: "User.Read", type: .delegated) == "e1fe6dd8-ba31-4d61-89e7-88639da4683d")
        #expect(catalog.id(named: "User.Read", type: .application) == nil)
        #expect(catalog.id(named: "User.Read.All", type: .application) == "df021288-bdef-4463-88db-98f22de89214")
        #expect(catalog.id(named: "User.Read.All", type: .delegated) == "a154be20-db9c-4678-8ab7-66f6cc099a59")
        #expect(catalog.id(named: "Group.Read.All", type: .application) == "5b567255-7703-4780-807c-7be8301ae99b")
        #expect(catalog.id(named: "GroupMember.Read.All", type: .application) == "98830695-27a2-44f7-8c18-0c3ebc9698f6")
        #expect(catalog.id(named: "Directory.Read.All", type: .application) == "7ab1d382-f21e-4acd-a863-ba3e13f7da61")
    }

    @Test func lookupById() {
        let permission = catalog.permission(resourceAppId: "00000003-0000-0000-C000-000000000000",
                                            id: "DF021288-BDEF-4463-88DB-98F22DE89214", type: .application)
        #expect(permission?.name == "User.Read.All")
        #expect(permission?.adminConsentRequired == true)
        #expect(catalog.permission(resourceAppId: PermissionCatalog.microsoftGraphAppId,
                                   id: "e1fe6dd8-ba31-4d61-89e7-88639da4683d", type: .delegated)?.adminConsentRequired == false)
        // A near-miss GUID from public code is not the permission.
        #expect(catalog.permissions(resourceAppId: PermissionCatalog.microsoftGraphAppId, id: "5f8c59c8-edd5-4a5e-9d1c-0000000000aa").isEmpty)
        #expect(catalog.permission(resourceAppId: PermissionCatalog.azureADGraphAppId,
                                   id: "311a71cc-e848-46a1-bdf8-97ff7156d8e6", type: .delegated)?.resourceName == "Azure AD Graph")
    }

    /// The byte scan of rule ids says what the pattern it replaced says, on every short id over
    /// letters, digits, hyphens and a few bytes that are neither. (Anchored with `\\A` and `\\z`:
    /// the old `$` also let an id end in a line break.)
    @Test func kebabCaseIsThePattern() throws {
        let pattern = try NSRegularExpression(pattern: "\\A[a-z0-9]+(-[a-z0-9]+)*\\z")
        let alphabet = ["a", "z", "0", "9", "-", "A", "_", "é", " ", "\n"]
        var ids = [""]
        for _ in 0..<5 { ids += ids.flatMap { id in alphabet.map { id + $0 } }.filter { $0.count <= 4 }; ids = Array(Set(ids)) }
        #expect(ids.count > 10_000)
        for id in ids {
            let matches = pattern.firstMatch(in: id, range: NSRange(id.startIndex..., in: id)) != nil
            #expect(RulePackLoader.isKebabCase(id) == matches, "\(id.debugDescription)")
        }
    }
}
