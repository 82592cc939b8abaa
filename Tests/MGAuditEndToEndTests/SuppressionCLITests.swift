import Foundation
import Testing

/// `mgaudit check` with suppressions: the run's mgaudit.yml beside the tenant folders,
/// `--suppressions FILE`, and the exit codes of broken files.
@Suite struct SuppressionCLITests {
    static let asOf = "2026-12-01"
    static let manifest = MGAuditBinary.packageRoot.appendingPathComponent("Samples/tenants/secret-expired/manifest.json")

    /// A fleet folder with tenants t0001 and t0002 (the secret-expired sample: secret-expired and
    /// consent-unknown each) and the given run file.
    static func fleet(runFile: String?) throws -> URL {
        let fleet = FileManager.default.temporaryDirectory.appendingPathComponent("mgaudit-e2e-suppressions-\(UUID().uuidString)")
        for tenant in ["t0001", "t0002"] {
            let folder = fleet.appendingPathComponent(tenant)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: manifest, to: folder.appendingPathComponent("manifest.json"))
        }
        if let runFile { try runFile.write(to: fleet.appendingPathComponent("mgaudit.yml"), atomically: true, encoding: .utf8) }
        return fleet
    }

    static func rules(_ tenant: [String: Any], _ key: String) -> [String] {
        ((tenant[key] as? [[String: Any]]) ?? []).compactMap { ($0["finding"] as? [String: Any] ?? $0)["rule"] as? String }
    }

    @Test func theFleetsFileHoldsFindingsBackAndNamesUnusedEntriesOnStderr() throws {
        let fleet = try Self.fleet(runFile: """
            suppressions:
              - rule: consent-unknown
                tenant: "t000?"
                reason: consent exports are collected quarterly
                until: 2027-03-31
              - rule: secret-expired
                tenant: t0002
                reason: renewed at the next maintenance window
              - rule: uri-whitespace
                reason: fixed in the portal, export pending
            """)
        // As `check fleet/*` expands: the run file is listed too, and is not a tenant.
        let paths = ["mgaudit.yml", "t0001", "t0002"].map { fleet.appendingPathComponent($0).path }
        let result = try MGAuditBinary.run(["check"] + paths + ["--as-of", Self.asOf, "--format", "json"])
        #expect(result.status == 1)  // t0001's secret-expired is an error
        #expect(result.stderr == "mgaudit: warning: \(fleet.path)/mgaudit.yml:9: suppression (rule uri-whitespace) matched no finding\n")
        let report = try CheckCLITests.json(result.stdout)
        let tenants = try #require(report["tenants"] as? [[String: Any]])
        #expect(tenants.compactMap { $0["name"] as? String } == ["t0001", "t0002"])
        #expect(Self.rules(tenants[0], "findings") == ["secret-expired"])
        #expect(Self.rules(tenants[0], "suppressed") == ["consent-unknown"])
        #expect(Self.rules(tenants[1], "findings").isEmpty)
        #expect(Set(Self.rules(tenants[1], "suppressed")) == ["consent-unknown", "secret-expired"])
        let suppressed = try #require((tenants[1]["suppressed"] as? [[String: Any]])?.first)
        #expect(suppressed["source"] as? String == "\(fleet.path)/mgaudit.yml:2")
        #expect(suppressed["until"] as? String == "2027-03-31")

        // An unused entry is a warning, not a failure.
        let quiet = try MGAuditBinary.run(["check"] + paths + ["--as-of", Self.asOf, "--fail-on", "never"])
        #expect(quiet.status == 0)
        #expect(quiet.stderr.contains("matched no finding"))
    }

    @Test func suppressionsOptionHoldsForEveryTenantAndExpiresLoudly() throws {
        let fleet = try Self.fleet(runFile: nil)
        let file = fleet.appendingPathComponent("ci-suppressions.yml")
        try "suppressions:\n  - rule: secret-expired\n    reason: renewal booked\n    until: 2026-11-30\n".write(to: file, atomically: true, encoding: .utf8)
        let result = try MGAuditBinary.run(["check", fleet.appendingPathComponent("t0001").path, "--suppressions", file.path,
                                            "--as-of", Self.asOf, "--format", "json"])
        #expect(result.status == 1)
        #expect(result.stderr.isEmpty, "an expired entry that matched is reported as a finding, not as unused")
        let tenant = try #require((try CheckCLITests.json(result.stdout)["tenants"] as? [[String: Any]])?.first)
        #expect(Set(Self.rules(tenant, "findings")) == ["secret-expired", "consent-unknown", "suppression-expired"])
    }

    @Test(arguments: [
        ("suppressions:\n  - rule: consent-unknown\n", ":2: a suppression needs 'reason:'"),
        ("suppressions:\n  - rule: consent-unknwon\n    reason: typo\n", ":2: suppression of rule 'consent-unknwon', which is not a rule of the pack (did you mean 'consent-unknown'?)"),
        ("suppressions:\n  - rule: consent-unknown\n    reason: r\n    until: 2026-02-30\n", ":4: 'until' must be a calendar day"),
    ])
    func aBrokenRunFileIsExitTwoWithOneLine(text: String, says: String) throws {
        let fleet = try Self.fleet(runFile: nil)
        let file = fleet.appendingPathComponent("bad.yml")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let viaOption = try MGAuditBinary.run(["check", fleet.appendingPathComponent("t0001").path, "--suppressions", file.path])
        #expect(viaOption.status == 2)
        #expect(viaOption.stderr.split(separator: "\n").count == 1)
        #expect(viaOption.stderr.hasPrefix("mgaudit: \(file.path)\(says)"))
        #expect(viaOption.stdout.isEmpty)

        // The same file beside the tenant folders.
        try FileManager.default.moveItem(at: file, to: fleet.appendingPathComponent("mgaudit.yml"))
        let beside = try MGAuditBinary.run(["check", fleet.appendingPathComponent("t0001").path])
        #expect(beside.status == 2)
        #expect(beside.stderr.hasPrefix("mgaudit: \(fleet.path)/mgaudit.yml\(says)"))
    }

    @Test func aBrokenTenantFileIsAnUnreadableInputAndTheOthersAreStillAudited() throws {
        let fleet = try Self.fleet(runFile: nil)
        try "suppressions:\n  - rule: consent-unknown\n    reasn: quarterly\n"
            .write(to: fleet.appendingPathComponent("t0001/mgaudit.yml"), atomically: true, encoding: .utf8)
        let result = try MGAuditBinary.run(["check", fleet.appendingPathComponent("t0001").path, fleet.appendingPathComponent("t0002").path,
                                            "--as-of", Self.asOf, "--format", "json"])
        #expect(result.status == 2)
        #expect(result.stderr == "mgaudit: \(fleet.path)/t0001/mgaudit.yml: line 3: unknown key 'reasn' in a suppression (did you mean 'reason'?) (known: rule, tenant, subject, reason, until)\n")
        let tenants = try #require(try CheckCLITests.json(result.stdout)["tenants"] as? [[String: Any]])
        #expect(Self.rules(tenants[0], "findings").contains("input-unreadable"))
        #expect(Set(Self.rules(tenants[1], "findings")) == ["secret-expired", "consent-unknown"])
    }
}
