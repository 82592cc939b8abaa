import Foundation
import Testing
@testable import MGAuditCore

/// `mgaudit.yml`: the parser's errors, tenant globs, and what `RuleEngine.assess` does with them.
@Suite struct SuppressionFileTests {
    static let path = "fleet/mgaudit.yml"

    static func parse(_ text: String, scope: Suppression.Scope = .run) throws -> [Suppression] {
        try SuppressionFile.parse(text: text, path: path, scope: scope)
    }

    @Test func readsEveryField() throws {
        let entries = try Self.parse("""
            # the run's suppressions
            suppressions:
              - rule: consent-unknown
                tenant: "t000*"
                subject: "https://abc-mgf.cybermail.jp/mg-cgi/mg_login"
                reason: exports collected quarterly
                until: 2026-12-31
              - {rule: secret-stale, reason: old secret kept for rollback}
            """)
        #expect(entries == [
            Suppression(rule: "consent-unknown", tenant: "t000*", subject: "https://abc-mgf.cybermail.jp/mg-cgi/mg_login",
                        reason: "exports collected quarterly", until: "2026-12-31", path: Self.path, line: 3, scope: .run),
            Suppression(rule: "secret-stale", reason: "old secret kept for rollback", path: Self.path, line: 8, scope: .run),
        ])
        #expect(entries.first?.source == "fleet/mgaudit.yml:3")
    }

    @Test func commentsOnlyOrAnEmptyListHoldNothing() throws {
        #expect(try Self.parse("# nothing suppressed yet\n").isEmpty)
        #expect(try Self.parse("").isEmpty)
        #expect(try Self.parse("suppressions: []\n").isEmpty)
        #expect(try Self.parse("suppressions:\n").isEmpty)
        // `key:` with no value is the key left out.
        #expect(try Self.parse("suppressions:\n  - rule: a\n    reason: b\n    until:\n").first?.until == nil)
    }

    struct Broken: Sendable, CustomTestStringConvertible {
        var text: String
        var line: Int
        var says: String
        var testDescription: String { says }
    }

    static let broken: [Broken] = [
        Broken(text: "suppressions:\n  - rule: consent-unknown\n    until: 2026-12-31\n", line: 2, says: "needs 'reason:'"),
        Broken(text: "suppressions:\n  - rule: consent-unknown\n    reason: \"  \"\n", line: 3, says: "'reason' is empty"),
        Broken(text: "suppressions:\n  - reason: quarterly\n", line: 2, says: "needs 'rule:'"),
        Broken(text: "suppressions:\n  - rule: consent-unknown\n    reasn: quarterly\n", line: 3, says: "unknown key 'reasn' in a suppression (did you mean 'reason'?)"),
        Broken(text: "suppressions:\n  - rule: a\n    reason: b\n    until: 2026-02-31\n", line: 4, says: "'until' must be a calendar day YYYY-MM-DD, not '2026-02-31'"),
        Broken(text: "suppressions:\n  - rule: a\n    reason: b\n    until: 31.12.2026\n", line: 4, says: "not '31.12.2026'"),
        Broken(text: "suppressions:\n  - rule: a\n    reason: b\n    until: \"2026-1-31\"\n", line: 4, says: "not '2026-1-31'"),
        Broken(text: "suppressions:\n  rule: a\n  reason: b\n", line: 2, says: "'suppressions' must be a list"),
        Broken(text: "suppressions:\n  - consent-unknown\n", line: 2, says: "a suppression must be a mapping"),
        Broken(text: "# run file\nsupressions:\n  - rule: a\n", line: 2, says: "unknown key 'supressions' (did you mean 'suppressions'?)"),
        Broken(text: "- rule: a\n  reason: b\n", line: 1, says: "must be a mapping with the key 'suppressions:'"),
        Broken(text: "suppressions:\n  - rule: [a, b]\n    reason: b\n", line: 2, says: "'rule' must be one value, not a list"),
        Broken(text: "suppressions:\n  - rule: a\n    rule: b\n    reason: c\n", line: 2, says: "duplicate keys rule"),
        Broken(text: "suppressions:\n  - rule: a\n    reason: b\n    tenant: \"\"\n", line: 4, says: "'tenant' is empty"),
        Broken(text: "suppressions:\n  - rule: a\n    reason: [b\n", line: 4, says: "YAML syntax error"),
    ]

    @Test(arguments: broken)
    func brokenFileNamesFileAndLine(_ broken: Broken) throws {
        let error = try #require(throws: InputError.self) { try Self.parse(broken.text) }
        #expect(error.path == Self.path)
        #expect(error.line == broken.line, "\(error)")
        #expect(error.problem.contains(broken.says), "\(error)")
        #expect(error.description.hasPrefix("fleet/mgaudit.yml:\(broken.line): "))
    }

    @Test func aliasesAreRefusedLikeInEveryInputFile() throws {
        let error = try #require(throws: InputError.self) {
            try Self.parse("suppressions:\n  - &one {rule: a, reason: b}\n  - *one\n")
        }
        #expect(error.problem.hasPrefix("refused:"))
        #expect(error.line == 3)
    }

    @Test func globMatchesStarAndQuestionMarkOnly() {
        #expect(TenantGlob.matches("t000*", "t0001"))
        #expect(TenantGlob.matches("t000*", "t000"))
        #expect(!TenantGlob.matches("t000*", "t0101"))
        #expect(TenantGlob.matches("t?0?", "t101"))
        #expect(!TenantGlob.matches("t?0?", "t10"))
        #expect(TenantGlob.matches("*", ""))
        #expect(TenantGlob.matches("*-prod", "acme-corp-prod"))
        #expect(TenantGlob.matches("a*b*c", "aXXbYYbc"))
        #expect(!TenantGlob.matches("a*b*c", "aXXbYYb"))
        #expect(TenantGlob.matches("[abc]", "[abc]"), "no character classes: brackets are literal")
        #expect(!TenantGlob.matches("[abc]", "a"))
        #expect(!TenantGlob.matches("T0001", "t0001"), "case-sensitive")
        #expect(TenantGlob.matches("株式会社*", "株式会社サンプル"))
    }

    @Test func aHostileGlobStaysBounded() {
        // The classic backtracking trap: a*a*a*…b against aaaa…; one backtrack point keeps it quadratic at worst.
        let pattern = String(repeating: "a*", count: TenantGlob.maximumLength / 2 - 1) + "b"
        let name = String(repeating: "a", count: 4096)
        let start = Date()
        #expect(!TenantGlob.matches(pattern, name))
        #expect(Date().timeIntervalSince(start) < 5)
    }
}

@Suite struct SuppressionEngineTests {
    static let engine = Result { try RuleEngine(pack: RulesFixture.pack()) }

    /// The golden manifest (whose only finding is consent-unknown, subject its appId) at 2025-06-01.
    static func bundle(_ suppressions: [Suppression], name: String = "t0001") throws -> (TenantBundle, Date) {
        let pack = try RulesFixture.pack()
        var (bundle, asOf) = try RulesFixture.bundle(for: RuleExample(name: name), pack: pack, label: name)
        bundle.suppressions = suppressions
        return (bundle, asOf)
    }

    static func consent(until: String? = nil, tenant: String? = nil, subject: String? = nil, scope: Suppression.Scope = .tenant,
                        line: Int = 3) -> Suppression {
        Suppression(rule: "consent-unknown", tenant: tenant, subject: subject, reason: "exports collected quarterly", until: until,
                    path: "t0001/mgaudit.yml", line: line, scope: scope)
    }

    @Test func untilIsInclusiveAndTheDayAfterTheFindingComesBack() throws {
        let engine = try Self.engine.get()
        let (plain, asOf) = try Self.bundle([])
        let unsuppressed = try #require(engine.assess(plain, asOf: asOf).findings.first)
        #expect(unsuppressed.rule == "consent-unknown")

        // 2025-06-01 is the audit day: the suppression still holds.
        let (holding, _) = try Self.bundle([Self.consent(until: "2025-06-01")])
        let held = engine.assess(holding, asOf: asOf)
        #expect(held.findings.isEmpty)
        #expect(held.suppressed.map(\.finding.rule) == ["consent-unknown"])
        #expect(held.suppressed.first?.reason == "exports collected quarterly")
        #expect(held.suppressed.first?.source == "t0001/mgaudit.yml:3")
        #expect(held.suppressed.first?.until == "2025-06-01")
        // Held back, it keeps the identity it has when reported (baselines compare it).
        #expect(held.suppressed.first?.finding.fingerprint == unsuppressed.fingerprint)
        #expect(held.usedSuppressions == ["t0001/mgaudit.yml:3"])

        // Ended the day before: reported again, plus one suppression-expired naming the entry.
        let (ended, _) = try Self.bundle([Self.consent(until: "2025-05-31")])
        let back = engine.assess(ended, asOf: asOf)
        #expect(back.suppressed.isEmpty)
        #expect(back.findings.map(\.rule) == ["consent-unknown", "suppression-expired"])
        let expired = try #require(back.findings.last)
        #expect(expired.subject == "t0001/mgaudit.yml:3")
        #expect(expired.severity == .warning)
        #expect(expired.evidence["until"] == .string("2025-05-31"))
        #expect(expired.evidence["rule"] == .string("consent-unknown"))
        #expect(expired.message.en.contains("ended on 2025-05-31"))
        #expect(expired.message.ja.contains("2025-05-31 で期限が切れた"))
        #expect(back.findings.allSatisfy { !$0.fingerprint.isEmpty })
        // It matched a finding: used, so the runner does not also call it unused.
        #expect(back.usedSuppressions == ["t0001/mgaudit.yml:3"])
    }

    @Test func anActiveEntryWinsOverAnExpiredOne() throws {
        let (bundle, asOf) = try Self.bundle([Self.consent(until: "2025-01-01", line: 3), Self.consent(until: "2025-12-31", line: 9)])
        let assessment = try Self.engine.get().assess(bundle, asOf: asOf)
        #expect(assessment.findings.isEmpty)
        #expect(assessment.suppressed.first?.source == "t0001/mgaudit.yml:9")
    }

    @Test func tenantGlobAndSubjectDecideWhatMatches() throws {
        let engine = try Self.engine.get()
        let appId = "7671e18c-0000-4000-8000-00000000c11e"
        for (entry, held) in [(Self.consent(tenant: "t000?"), true), (Self.consent(tenant: "t1*"), false),
                              (Self.consent(subject: appId), true), (Self.consent(subject: appId.uppercased()), false)] {
            let (bundle, asOf) = try Self.bundle([entry])
            #expect(engine.assess(bundle, asOf: asOf).suppressed.isEmpty == !held, "\(entry)")
        }
    }

    @Test func unusedTenantEntryIsAFindingButAnUnusedRunEntryIsTheRunnersNote() throws {
        let engine = try Self.engine.get()
        let stale = Suppression(rule: "secret-none", reason: "no secret during the move", path: "t0001/mgaudit.yml", line: 6, scope: .tenant)
        var run = stale
        run.path = "mgaudit.yml"
        run.scope = .run
        let (bundle, asOf) = try Self.bundle([stale, run, Self.consent(scope: .run)])
        let assessment = engine.assess(bundle, asOf: asOf)
        #expect(assessment.findings.map(\.rule) == ["suppression-unused"])
        #expect(assessment.findings.first?.subject == "t0001/mgaudit.yml:6")
        #expect(assessment.findings.first?.severity == .info)
        #expect(assessment.usedSuppressions == ["t0001/mgaudit.yml:3"])
        let notes = Suppression.unusedRunNotes(bundle.suppressions, used: assessment.usedSuppressions)
        #expect(notes == [SuppressionNote(source: "mgaudit.yml:6", rule: "secret-none", reason: "no secret during the move")])
        #expect(notes.first?.unusedWarning == "warning: mgaudit.yml:6: suppression (rule secret-none) matched no finding")
    }

    @Test func runScopeUsedTrackingSpansTenants() throws {
        let engine = try Self.engine.get()
        let entry = Self.consent(tenant: "t0002", scope: .run)
        var used: Set<String> = []
        for name in ["t0001", "t0002"] {
            let (bundle, asOf) = try Self.bundle([entry], name: name)
            let assessment = engine.assess(bundle, asOf: asOf)
            #expect(assessment.suppressed.count == (name == "t0002" ? 1 : 0))
            used.formUnion(assessment.usedSuppressions)
        }
        #expect(Suppression.unusedRunNotes([entry], used: used).isEmpty)
        #expect(Suppression.unusedRunNotes([entry], used: []).map(\.source) == ["t0001/mgaudit.yml:3"])
    }

    @Test func aRunOfTenThousandEntriesStaysCheapPerTenant() throws {
        let engine = try Self.engine.get()
        let entries = (0..<SuppressionFile.maximumEntries).map { index in
            Suppression(rule: index.isMultiple(of: 2) ? "consent-unknown" : "secret-stale", tenant: "t\(index)*?*",
                        reason: "r", path: "mgaudit.yml", line: index + 2, scope: .run)
        }
        let (bundle, asOf) = try Self.bundle(entries)
        let start = Date()
        for _ in 0..<10 { #expect(engine.assess(bundle, asOf: asOf).suppressed.count == 1) }
        #expect(Date().timeIntervalSince(start) < 20)
    }

    @Test func unknownRuleNamesFileLineAndTheClosestId() throws {
        let engine = try Self.engine.get()
        var typo = Self.consent()
        typo.rule = "consent-unknwon"
        let error = try #require(throws: InputError.self) { try engine.validate([typo]) }
        #expect(error.description == "t0001/mgaudit.yml:3: suppression of rule 'consent-unknwon', which is not a rule of the pack (did you mean 'consent-unknown'?)")
        var unrelated = typo
        unrelated.rule = "something-else-entirely"
        #expect((try? engine.validate([unrelated])) == nil)
        var meta = typo
        meta.rule = "suppression-expired"
        let refused = try #require(throws: InputError.self) { try engine.validate([meta]) }
        #expect(refused.problem.contains("cannot be suppressed"))
        try engine.validate([Self.consent()])
    }

    @Test func aTenantFilesUnknownRuleIsAnUnreadableInput() throws {
        let engine = try Self.engine.get()
        var typo = Self.consent()
        typo.rule = "consent-unknwon"
        var (bundle, asOf) = try Self.bundle([typo])
        bundle.inputs.append(InputFile(path: "t0001/mgaudit.yml", kind: .suppressions))
        let checked = engine.validated(bundle)
        #expect(checked.suppressions.isEmpty)
        #expect(checked.problems.map(\.kind) == [.unreadable])
        #expect(checked.problems.first?.description.hasPrefix("t0001/mgaudit.yml: line 3: suppression of rule 'consent-unknwon'") == true)
        #expect(checked.inputs.last?.kind == .unreadable)
        #expect(engine.assess(bundle, asOf: asOf).findings.map(\.rule) == ["input-unreadable", "consent-unknown"])
    }
}

@Suite struct SuppressionLoaderTests {
    static let manifest = TenantLoaderTests.root.appendingPathComponent("Samples/tenants/secret-expired/manifest.json")

    @Test func aTenantFoldersOwnFileIsItsSuppressionsNotAStrayFile() throws {
        let folder = try TenantLoaderTests.temporaryFolder([
            "manifest.json": try Data(contentsOf: Self.manifest),
            "mgaudit.yml": Data("suppressions:\n  - rule: consent-unknown\n    reason: quarterly\n".utf8),
        ])
        let bundle = try TenantLoader.loadForCheck(path: folder.path)
        #expect(bundle.problems.isEmpty, "\(bundle.problems)")
        #expect(bundle.inputs.map(\.kind).contains(.suppressions))
        #expect(bundle.suppressions.map(\.scope) == [.tenant])
        #expect(bundle.suppressions.first?.source == folder.path + "/mgaudit.yml:2")
    }

    @Test func aBrokenOneIsUnreadableNamingTheLine() throws {
        let folder = try TenantLoaderTests.temporaryFolder([
            "manifest.json": try Data(contentsOf: Self.manifest),
            "mgaudit.yaml": Data("suppressions:\n  - rule: consent-unknown\n".utf8),
        ])
        let bundle = try TenantLoader.loadForCheck(path: folder.path)
        #expect(bundle.suppressions.isEmpty)
        let problem = try #require(bundle.problems.first)
        #expect(problem.kind == .unreadable)
        #expect(problem.failsTheRun)
        #expect(problem.description == folder.path + "/mgaudit.yaml: line 2: a suppression needs 'reason:' (why the finding may be held back, for whoever reads the report)")
    }

    @Test func suppressionsAloneAreNothingToAudit() throws {
        let folder = try TenantLoaderTests.temporaryFolder(["mgaudit.yml": Data("suppressions: []\n".utf8)])
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("t0001"), withIntermediateDirectories: true)
        let bundle = try TenantLoader.loadForCheck(path: folder.path)
        #expect(bundle.problems.map(\.kind) == [.folderOfTenants])
    }

    /// `RunSuppressions` looks up each parent folder once: the kept answers are those of the
    /// lookup made afresh, found and not found, and a folder with no file is remembered as none.
    @Test func theRunFileOfAParentIsLookedUpOnce() throws {
        let folder = try TenantLoaderTests.temporaryFolder(["mgaudit.yml": Data("suppressions: []\n".utf8)])
        let other = try TenantLoaderTests.temporaryFolder(["x.txt": Data("x".utf8)])
        var kept: [String: String?] = [:]
        let tenants = [folder.path + "/t0001", folder.path + "/t0002/", other.path + "/t0001", other.path + "/t0002", folder.path]
        for tenant in tenants {
            #expect(SuppressionFile.runFile(besideTenant: tenant, folders: &kept) == SuppressionFile.runFile(besideTenant: tenant), "\(tenant)")
        }
        #expect(kept.count == 3)
        #expect(kept[other.path] == .some(nil))
        #expect(kept[folder.path] == .some(folder.path + "/mgaudit.yml"))
        // What is kept is what is answered, without looking again.
        var planted: [String: String?] = [folder.path: "planted"]
        #expect(SuppressionFile.runFile(besideTenant: folder.path + "/t0009", folders: &planted) == "planted")
    }

    /// `batch DIR` looks up DIR's run file once (`init(everyTenantBeside:)`): for every tenant of
    /// `BatchPlan.folders(of:)`, with DIR written with and without its `/`, with and without
    /// `--suppressions` and with and without a run file, it holds the same entries and files as
    /// the lookup beside each tenant (`init(paths:)`).
    @Test func everyTenantBesideIsEachTenantsLookup() throws {
        let engine = try SuppressionEngineTests.engine.get()
        let withFile = try TenantLoaderTests.temporaryFolder(["mgaudit.yml": Data("""
            suppressions:
              - rule: consent-unknown
                tenant: "t0001"
                reason: collected quarterly
              - rule: uri-whitespace
                reason: checked by hand

            """.utf8)])
        let without = try TenantLoaderTests.temporaryFolder([:])
        let option = try TenantLoaderTests.temporaryFolder(["extra.yml": Data("""
            suppressions:
              - rule: uri-near-miss
                reason: a global file

            """.utf8)]).appendingPathComponent("extra.yml").path
        for folder in [withFile, without] {
            for name in ["t0001", "t0002", "t0003"] {
                try FileManager.default.createDirectory(at: folder.appendingPathComponent(name), withIntermediateDirectories: true)
            }
            for root in [folder.path, folder.path + "/"] {
                let plan = try BatchPlan.folders(of: root)
                let first = try #require(plan.tenants.first)
                #expect(plan.foldersOf != nil)
                for given in [nil, option] {
                    let once = try RunSuppressions(everyTenantBeside: first.path, option: given, engine: engine)
                    let each = try RunSuppressions(paths: plan.tenants.map(\.path), option: given, engine: engine)
                    #expect(once.files == each.files, "\(root) \(given ?? "-")")
                    #expect(once.tenantPaths.isEmpty)
                    for tenant in plan.tenants {
                        #expect(once.forTenant(tenant.path) == each.forTenant(tenant.path), "\(tenant.path)")
                    }
                }
            }
        }
        // The file is found, and read, only where there is one.
        let found = try RunSuppressions(everyTenantBeside: withFile.path + "/t0001", option: nil, engine: engine)
        #expect(found.files == [withFile.path + "/mgaudit.yml"])
        #expect(found.forTenant(withFile.path + "/t0002").map { $0.rule } == ["consent-unknown", "uri-whitespace"])
        #expect(try RunSuppressions(everyTenantBeside: without.path + "/t0001", option: nil, engine: engine).files.isEmpty)
    }

    @Test func theRunFileIsFoundBesideATenantFolder() throws {
        let folder = try TenantLoaderTests.temporaryFolder(["mgaudit.yml": Data("suppressions: []\n".utf8)])
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("t0001"), withIntermediateDirectories: true)
        #expect(SuppressionFile.runFile(besideTenant: folder.path + "/t0001") == folder.path + "/mgaudit.yml")
        #expect(SuppressionFile.runFile(besideTenant: folder.path + "/t0001/") == folder.path + "/mgaudit.yml")
        #expect(SuppressionFile.runFile(besideTenant: folder.path) == nil)
        #expect(SuppressionFile.isSuppressionFile("fleet/mgaudit.yaml"))
        #expect(!SuppressionFile.isSuppressionFile("fleet/mgaudit.yml.bak"))
        #expect(SuppressionFile.isSuppressionFile("mgaudit.yml"))
        #expect(SuppressionFile.isSuppressionFile("/fleet/t1/mgaudit.yml"))
        #expect(!SuppressionFile.isSuppressionFile("fleet/old-mgaudit.yml"))
        #expect(!SuppressionFile.isSuppressionFile("fleet/mgaudit.ym"))
        #expect(!SuppressionFile.isSuppressionFile(""))
    }

    @Test func runSuppressionsScopeTheFoldersFileToItsTenants() throws {
        let fleet = try TenantLoaderTests.temporaryFolder([
            "mgaudit.yml": Data("suppressions:\n  - {rule: consent-unknown, reason: quarterly}\n".utf8),
            "ci.yml": Data("suppressions:\n  - {rule: secret-stale, reason: rollback}\n".utf8),
        ])
        let other = try TenantLoaderTests.temporaryFolder([:])
        for folder in [fleet.appendingPathComponent("t0001"), other.appendingPathComponent("t0002")] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        let engine = try RuleEngine(pack: RulesFixture.pack())
        let paths = [fleet.path + "/mgaudit.yml", fleet.path + "/t0001", other.path + "/t0002"]
        var run = try RunSuppressions(paths: paths, option: fleet.path + "/ci.yml", engine: engine)
        #expect(run.tenantPaths == [fleet.path + "/t0001", other.path + "/t0002"])
        #expect(run.files == [fleet.path + "/ci.yml", fleet.path + "/mgaudit.yml"])
        #expect(run.forTenant(fleet.path + "/t0001").map(\.rule) == ["secret-stale", "consent-unknown"])
        #expect(run.forTenant(other.path + "/t0002").map(\.rule) == ["secret-stale"])
        #expect(run.forTenant(fleet.path + "/t0001").allSatisfy { $0.scope == .run })
        run.used = [fleet.path + "/mgaudit.yml:2"]
        #expect(run.unused.map(\.source) == [fleet.path + "/ci.yml:2"])
        #expect(SuppressionFile.runFile(in: fleet.path) == fleet.path + "/mgaudit.yml")
        #expect(SuppressionFile.runFile(in: other.path) == nil)
    }
}
