import Foundation
import Testing
@testable import MGAuditCore

/// The planner and the scripts on models built in the test (the CLI tests run the samples).
@Suite struct FixPlanTests {
    static let asOf = AuditDate.parse("2026-12-01") ?? Date(timeIntervalSince1970: 0)
    static let graph = PermissionCatalog.microsoftGraphAppId
    static let userRead = RequestedPermission(resourceAppId: graph, id: "e1fe6dd8-ba31-4d61-89e7-88639da4683d", type: .delegated)

    static func finding(_ rule: String, _ evidence: [String: EvidenceValue]) -> Finding {
        Finding(rule: rule, severity: .error, subject: "s", title: LocalizedText(ja: "t", en: "t"),
                message: LocalizedText(ja: "m", en: "m"), evidence: evidence, guideStep: LocalizedText(ja: "g", en: "g"))
    }

    @Test func manifestRulesOfTheYAMLAreWhatThePlannerChangesInAManifest() throws {
        let listed = try FixTexts.manifestRules(directory: RulesFixture.rulesDirectory)
        #expect(listed == FixPlan.manifestRules)
        let pack = try RulesFixture.pack()
        let known = Set(pack.rules.map(\.id))
        #expect(listed.isSubset(of: known), "\(listed.subtracting(known).sorted())")
    }

    @Test func missingAndWrongTypedPermissionsGiveTheCompleteListAndConsent() throws {
        let catalog = try RulesFixture.pack().catalog
        let wrong = RequestedPermission(resourceAppId: Self.graph, id: "a154be20-db9c-4678-8ab7-66f6cc099a59", type: .delegated)
        let other = RequestedPermission(resourceAppId: "00000002-0000-0000-c000-000000000000", id: "311a71cc-e848-46a1-bdf8-97ff7156d8e6", type: .delegated)
        let registration = AppRegistration(format: .microsoftGraph, appId: "app", objectId: "obj", requiredPermissions: [Self.userRead, wrong, other])
        let findings = [
            Self.finding("permission-missing", ["permission": .string("Group.Read.All"), "type": .string("application"),
                                                "id": .string("5b567255-7703-4780-807c-7be8301ae99b"), "resourceAppId": .string(Self.graph)]),
            Self.finding("permission-wrong-type", ["permission": .string("User.Read.All"), "expectedId": .string("df021288-bdef-4463-88db-98f22de89214"),
                                                   "requestedId": .string(wrong.id), "requestedType": .string("delegated")]),
        ]
        let plan = FixPlan.plan(registration: registration, sheet: nil, findings: findings, catalog: catalog, asOf: Self.asOf)
        let lists = plan.steps.compactMap { step -> [RequestedPermission]? in
            if case .permissions(let to, _, _) = step.change { return to }
            return nil
        }
        let list = try #require(lists.first)
        #expect(list.contains(Self.userRead) && list.contains(other) && !list.contains(wrong))
        #expect(list.contains { $0.id == "df021288-bdef-4463-88db-98f22de89214" && $0.type == .application })
        #expect(list.contains { $0.id == "5b567255-7703-4780-807c-7be8301ae99b" && $0.type == .application })
        #expect(list.count == 4)
        let consent = plan.steps.compactMap { step -> [FixPlan.Permission]? in
            if case .consent(_, let permissions, _) = step.change { return permissions }
            return nil
        }
        #expect(Set(consent.flatMap { $0.map(\.name) }) == ["Group.Read.All", "User.Read.All"])
    }

    /// A run in one language has the commands made in it alone: for every sample tenant, the text
    /// is the one both languages' attach gives for that language, on the same findings.
    @Test func commandsMadeInOneLanguageAreThatLanguagesCommands() throws {
        let pack = try RulesFixture.pack()
        let engine = try RuleEngine(pack: pack)
        let texts = try #require(try FixTexts.loadIfPresent(directory: RulesFixture.rulesDirectory))
        let samples = RulesFixture.rulesDirectory.deletingLastPathComponent().appendingPathComponent("Samples/tenants")
        let names = try FileManager.default.contentsOfDirectory(atPath: samples.path).sorted()
        var withCommands = 0
        var localised = 0
        for name in names {
            let bundle = try TenantLoader.load(path: samples.appendingPathComponent(name).path)
            let findings = engine.audit(bundle, asOf: Self.asOf)
            var both = findings
            FixCommands.attach(to: &both, bundle: bundle, catalog: pack.catalog, texts: texts, asOf: Self.asOf)
            for language in [Language.ja, .en] {
                var one = findings
                FixCommands.attach(to: &one, bundle: bundle, catalog: pack.catalog, texts: texts, asOf: Self.asOf, language: language)
                #expect(one.map { $0.commands == nil } == both.map { $0.commands == nil }, "\(name)")
                for (mine, reference) in zip(one, both) {
                    guard let mine = mine.commands, let reference = reference.commands else { continue }
                    for tool in [\FindingCommands.az, \.powershell, \.graph] {
                        #expect(mine[keyPath: tool] == .same(reference[keyPath: tool].text(language)), "\(name) \(language)")
                    }
                }
            }
            let commands = both.compactMap(\.commands)
            withCommands += commands.count
            localised += commands.filter { $0.az.ja != $0.az.en || $0.powershell.ja != $0.powershell.en || $0.graph.ja != $0.graph.en }.count
        }
        #expect(withCommands > 10)
        #expect(localised > 0, "some commands carry localised comments, so a wrong language would show")
    }

    /// `New-MgOauth2PermissionGrant` lives in Microsoft.Graph.Identity.SignIns: the script requires
    /// that module exactly when it grants a delegated permission.
    @Test func aDelegatedGrantRequiresTheSignInsModule() throws {
        let catalog = try RulesFixture.pack().catalog
        let texts = try #require(try FixTexts.loadIfPresent(directory: RulesFixture.rulesDirectory))
        func script(_ permission: String, _ type: String, _ id: String) -> String {
            let registration = AppRegistration(format: .microsoftGraph, appId: "app", objectId: "obj", requiredPermissions: [])
            let findings = [Self.finding("permission-missing", ["permission": .string(permission), "type": .string(type),
                                                                "id": .string(id), "resourceAppId": .string(Self.graph)])]
            let plan = FixPlan.plan(registration: registration, sheet: nil, findings: findings, catalog: catalog, asOf: Self.asOf)
            return FixScripts(plan: plan, texts: texts, language: .en, tenant: "t").script(.powershell)
        }
        let signIns = "#Requires -Modules @{ ModuleName = 'Microsoft.Graph.Identity.SignIns'; ModuleVersion = '2.26.1' }"
        let delegated = script("User.Read", "delegated", Self.userRead.id)
        #expect(delegated.contains("New-MgOauth2PermissionGrant") && delegated.contains(signIns))
        let application = script("Group.Read.All", "application", "5b567255-7703-4780-807c-7be8301ae99b")
        #expect(application.contains("New-MgServicePrincipalAppRoleAssignedTo") && !application.contains(signIns))
    }

    @Test func onlyExpiredSecretsAreDeleted() throws {
        let day: TimeInterval = 86_400
        let registration = AppRegistration(format: .microsoftGraph, appId: "app", objectId: "obj", passwordCredentials: [
            PasswordCredential(keyId: "old", end: Self.asOf.addingTimeInterval(-day)),
            PasswordCredential(keyId: "soon", end: Self.asOf.addingTimeInterval(10 * day)),
            PasswordCredential(keyId: "open", end: nil),
        ])
        let plan = FixPlan.plan(registration: registration, sheet: nil, findings: [Self.finding("secret-expiring", [:])],
                                catalog: try RulesFixture.pack().catalog, asOf: Self.asOf)
        let secret = try #require(plan.credentials)
        #expect(secret.expiredKeyIds == ["old"])
        #expect(EntraDate.day(secret.end) == "2028-12-01")
    }
}
