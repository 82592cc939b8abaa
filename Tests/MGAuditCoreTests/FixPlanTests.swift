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
