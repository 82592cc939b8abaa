import Foundation
import MGAuditTestSupport
import Testing

/// Runs the built `mgaudit calendar` on `Samples/tenants/` and on hostile temporary tenants, and
/// reads every .ics back with Python's icalendar (Tests/tools/check_ics.py).
@Suite struct CalendarCLITests {
    static let asOf = "2026-12-01"
    static let stamp = "20261201T000000Z"

    /// `python3 Tests/tools/check_ics.py ICS --dtstamp STAMP extra...`.
    static func checkICS(_ path: String, _ extra: [String] = []) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        let tool = MGAuditBinary.packageRoot.appendingPathComponent("Tests/tools/check_ics.py").path
        process.arguments = ["python3", "-B", tool, path, "--dtstamp", stamp] + extra
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test(arguments: ["ja", "en"])
    func samplesGoldenAndValid(language: String) throws {
        let folder = try SecretsCLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = folder.appendingPathComponent("first.ics").path
        let second = folder.appendingPathComponent("second.ics").path
        let arguments = ["calendar"] + SecretsCLITests.sampleTenants + ["--as-of", Self.asOf, "--lang", language]
        let result = try MGAuditBinary.run(arguments + ["-o", first])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        // The three expired sample secrets get no event, one stderr line each.
        #expect(result.stderr.split(separator: "\n").count == 3, "\(result.stderr)")
        let again = try MGAuditBinary.run(arguments + ["-o", second])
        #expect(again.status == 0)
        let text = try String(contentsOfFile: first, encoding: .utf8)
        // Same input, same file: UIDs and all.
        #expect(try Data(contentsOf: URL(fileURLWithPath: first)) == Data(contentsOf: URL(fileURLWithPath: second)))
        try GoldenFile.check(text, against: "calendar-samples.\(language).ics", directory: "calendar")
        // 27 secrets not yet expired: a renewal and an expiry event each.
        let check = try Self.checkICS(first, ["--events", "54", "--contains", "OAuth 認証設定", "--contains", "「24か月」"])
        #expect(check.status == 0, "\(check.output)")
    }

    /// A tenant folder named with `,;\`, a secretText in the manifest, an unreadable end: the
    /// name round-trips through escaping, the value never appears, the unreadable key gets a line.
    @Test func escapingAndNoSecretValue() throws {
        let folder = try SecretsCLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let name = "a,b;c\\d\u{1B}[31m 日本語テナント"
        let tenant = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: tenant, withIntermediateDirectories: true)
        let secret = "Qx7Q~abcdefghijklmnopqrstuvwxyz0123456789AB"
        let manifest = """
        {"appId":"d23f0824-128b-4f33-8c5c-7fd0a6a3a450","displayName":"MAILGATES Σ","signInAudience":"AzureADMyOrg",
         "passwordCredentials":[
          {"keyId":"9531985d-5d9d-49f8-9818-e811892f902b","displayName":"MAILGATES","hint":"Q,;",
           "startDateTime":"2025-01-01T00:00:00Z","endDateTime":"2027-06-20T00:00:00Z","secretText":"\(secret)"},
          {"keyId":"11111111-2222-3333-4444-555555555555","displayName":"broken","hint":"abc",
           "startDateTime":"2025-01-01T00:00:00Z","endDateTime":"2026-13-45"}]}
        """
        try Data(manifest.utf8).write(to: tenant.appendingPathComponent("manifest.json"))
        let output = folder.appendingPathComponent("renewals.ics").path
        let result = try MGAuditBinary.run(["calendar", tenant.path, "--as-of", Self.asOf, "--lang", "en", "-o", output])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(result.stderr.contains("11111111-2222-3333-4444-555555555555"))
        #expect(result.stderr.contains("no readable end date"))
        #expect(!result.stderr.contains(secret))
        let text = try String(contentsOfFile: output, encoding: .utf8)
        #expect(!text.contains("\u{1B}"))
        #expect(text.contains("a\\,b\\;c\\\\d"))
        #expect(text.contains("\\n"))
        let check = try Self.checkICS(output, ["--events", "2", "--contains", "a,b;c\\d⟨U+001B⟩[31m 日本語テナント",
                                               "--contains", "hint Q,;", "--absent", secret, "--absent", "Qx7Q~"])
        #expect(check.status == 0, "\(check.output)")
        // The renewal day is 60 days before the end, with both alarms.
        #expect(text.contains("DTSTART;VALUE=DATE:20270421\r\n"))
        #expect(text.contains("TRIGGER;RELATED=START:-P30D\r\n"))
        #expect(text.contains("TRIGGER;RELATED=START:-P7D\r\n"))
    }

    /// A renewal day already past on --as-of: the event is on --as-of, and says to renew now.
    @Test func windowAndLateRenewal() throws {
        let result = try MGAuditBinary.run(["calendar", "Samples/tenants/secret-expiring", "--as-of", Self.asOf,
                                            "--lang", "en", "--window", "90"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("DTSTART;VALUE=DATE:20261201\r\n"))
        #expect(result.stdout.contains("Please renew it now."))
        let bad = try MGAuditBinary.run(["calendar", "Samples/tenants/clean", "--window", "-1"])
        #expect(bad.status == 2)
    }

    @Test func nothingReadableExitsTwo() throws {
        let folder = try SecretsCLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try MGAuditBinary.run(["calendar", folder.path, "--as-of", Self.asOf])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func outputNeverReplacesAnInput() throws {
        let manifest = "Samples/tenants/clean/manifest.json"
        let before = try Data(contentsOf: MGAuditBinary.packageRoot.appendingPathComponent(manifest))
        let result = try MGAuditBinary.run(["calendar", "Samples/tenants/clean", "--as-of", Self.asOf, "-o", manifest])
        #expect(result.status == 2)
        #expect(try Data(contentsOf: MGAuditBinary.packageRoot.appendingPathComponent(manifest)) == before)
    }

    /// `batch --ics`: the same bytes whatever --jobs, a golden file, read back by icalendar.
    @Test func batchICSIsTheSameWhateverJobs() throws {
        let folder = try SecretsCLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var texts: [Data] = []
        for jobs in ["1", "2"] {
            let path = folder.appendingPathComponent("jobs\(jobs).ics").path
            let result = try MGAuditBinary.run(["batch", "Samples/tenants", "--as-of", Self.asOf, "--lang", "en", "--quiet",
                                                "--jobs", jobs, "--ics", path])
            #expect(result.status == 1, "\(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 3, "\(result.stderr)")
            texts.append(try Data(contentsOf: URL(fileURLWithPath: path)))
            let check = try Self.checkICS(path, ["--events", "54"])
            #expect(check.status == 0, "\(check.output)")
        }
        #expect(texts.count == 2 && texts.first == texts.last)
        try GoldenFile.check(String(decoding: texts.first ?? Data(), as: UTF8.self), against: "batch-samples.en.ics", directory: "calendar")
    }

    /// `batch --ics` is refused inside the batch folder and over an input, like every batch output.
    @Test func batchICSNeverLandsInTheFleet() throws {
        let manifest = "Samples/tenants/clean/manifest.json"
        let before = try Data(contentsOf: MGAuditBinary.packageRoot.appendingPathComponent(manifest))
        let result = try MGAuditBinary.run(["batch", "Samples/tenants", "--as-of", Self.asOf, "--quiet", "--ics", manifest])
        #expect(result.status == 2)
        #expect(result.stderr.contains("refused"))
        #expect(try Data(contentsOf: MGAuditBinary.packageRoot.appendingPathComponent(manifest)) == before)
    }
}
