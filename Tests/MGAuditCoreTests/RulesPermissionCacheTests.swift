import Foundation
import Testing
@testable import MGAuditCore

/// The per-tenant permission analysis (`AuditContext.permissionAnalysis`) is the direct one.
@Suite struct RulesPermissionCacheTests {
    func requirementLists(_ pack: RulePack) throws -> [PermissionRequirements] {
        try pack.rules.filter { $0.check.hasPrefix("permission-") }.map { rule in
            try PermissionRequirements(params: rule.params, catalog: pack.catalog)
        }
    }

    func same(_ a: PermissionRequirements.Analysis, _ b: PermissionRequirements.Analysis) -> Bool {
        a.missing == b.missing && a.wrongType.map(\.0) == b.wrongType.map(\.0) && a.wrongType.map(\.1) == b.wrongType.map(\.1)
            && a.covered == b.covered
    }

    /// Over every example of the pack: each permission rule's list, asked twice through one context
    /// (the second answer from the cache), gives what `analyse` gives.
    @Test func cachedAnalysisIsTheDirectOne() throws {
        let pack = try RulesFixture.pack()
        let lists = try requirementLists(pack)
        #expect(lists.count >= 4)
        var judged = 0
        for rule in pack.rules {
            for (index, example) in (rule.examples.trigger + rule.examples.pass).enumerated() {
                let (bundle, asOf) = try RulesFixture.bundle(for: example, pack: pack, label: "\(rule.id) #\(index + 1)")
                let context = AuditContext(bundle: bundle, asOf: asOf)
                for requirements in lists + lists {
                    guard let manifest = bundle.manifest else {
                        #expect(context.permissionAnalysis(requirements) == nil)
                        continue
                    }
                    let cached = try #require(context.permissionAnalysis(requirements))
                    #expect(same(cached, requirements.analyse(manifest.requiredPermissions)), "\(rule.id) #\(index + 1)")
                    judged += 1
                }
            }
        }
        #expect(judged > 100)
    }

    /// Two lists share a key exactly when they are equal: a changed guide step, type or resource
    /// is another list, and so another analysis.
    @Test func keysTellListsApart() throws {
        let pack = try RulesFixture.pack()
        let lists = try requirementLists(pack)
        let first = try #require(lists.first)
        for other in lists { #expect((other.key == first.key) == (other.requirements == first.requirements)) }
        #expect(PermissionRequirements.key(of: first.requirements) == first.key)
        var variants: [[PermissionRequirements.Requirement]] = []
        var changed = first.requirements
        changed[0].item.guideStep = nil
        variants.append(changed)
        changed = first.requirements
        changed[0].item.guideStep = LocalizedText(ja: "手順", en: "step")
        variants.append(changed)
        changed = first.requirements
        changed[0].item.resource = PermissionCatalog.microsoftGraphAppId
        variants.append(changed)
        changed = first.requirements
        changed[0].otherType = nil
        variants.append(changed)
        variants.append(Array(first.requirements.dropLast()))
        variants.append(first.requirements.reversed())
        // A variant may equal the list (a permission with no other type already has no otherType).
        let all = [first.requirements] + variants
        #expect(Set(all).count >= 6)
        #expect(Set(all.map { PermissionRequirements.key(of: $0) }).count == Set(all).count)
    }
}

@Suite struct URIExplainerSameScalarsTests {
    /// Byte-for-byte equality is scalar-for-scalar equality (not `==`: a decomposed パ is another URI).
    @Test func sameScalarsIsScalarEquality() {
        let texts = ["", "a", "https://a/", "https://a/ ", "https://ｍｇ.example/パ", "https://ｍｇ.example/ハ\u{309A}",
                     "https://a/\u{3000}", "手順 14", "手順 15", "https://A/"]
        for a in texts {
            for b in texts {
                #expect(URIExplainer.sameScalars(a, b) == a.unicodeScalars.elementsEqual(b.unicodeScalars), "\(a.debugDescription) \(b.debugDescription)")
            }
        }
    }
}

@Suite struct CheckRolesTests {
    /// `Check.roles` says what casting to the role protocols says, for every kind mgaudit ships.
    @Test func rolesAreTheProtocols() {
        for (kind, type) in CheckRegistry.builtIn.kinds {
            var cast: CheckRoles = []
            if type is any SuppressionOutcomeCheck.Type { cast.insert(.suppressionOutcome) }
            if type is any RequestCheck.Type { cast.insert(.request) }
            if type is any RedirectPairingCheck.Type { cast.insert(.redirectPairing) }
            #expect(type.roles == cast, "\(kind)")
        }
        #expect(URINearMissCheck.roles == .redirectPairing)
        #expect(SuppressionUnusedCheck.roles == .suppressionOutcome)
        #expect(RequestURIRegisteredCheck.roles == .request)
        #expect(DisplayNameCheck.roles == [])
    }
}
