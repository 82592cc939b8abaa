import Foundation
import Testing

/// `mgaudit batch` and `mgaudit report` end to end, on a copy of the bundled sample tenants.
@Suite struct BatchCLITests {
    /// A fresh fleet: every sample tenant folder, copied (inputs are never written to, but a test
    /// must not depend on that).
    static func fleet(extra: [String: [String: String]] = [:]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("mgaudit-batch-\(UUID().uuidString)")
        let fleet = root.appendingPathComponent("fleet")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: MGAuditBinary.packageRoot.appendingPathComponent("Samples/tenants"), to: fleet)
        for (tenant, files) in extra {
            let folder = fleet.appendingPathComponent(tenant)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for (name, text) in files { try Data(text.utf8).write(to: folder.appendingPathComponent(name)) }
        }
        return fleet
    }

    static func read(_ url: URL) throws -> String { String(decoding: try Data(contentsOf: url), as: UTF8.self) }

    static func lines(_ url: URL) throws -> [[String: Any]] {
        try read(url).split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    static let fixed = ["--as-of", "2026-12-01", "--lang", "en"]

    @Test func sortedOrderAndSameBytesWhateverTheJobs() throws {
        let fleet = try Self.fleet()
        let out = fleet.deletingLastPathComponent()
        let one = try MGAuditBinary.run(["batch", fleet.path, "--jobs", "1", "--out-dir", out.appendingPathComponent("one").path] + Self.fixed)
        let four = try MGAuditBinary.run(["batch", fleet.path, "--jobs", "4", "--out-dir", out.appendingPathComponent("four").path] + Self.fixed)
        #expect(one.status == 1, "\(one.stderr)")
        #expect(four.status == 1)
        for name in ["results.jsonl", "results.summary.json", "results.json", "report.html", "results.sarif", "junit.xml", "findings.csv", "summary.md"] {
            let a = try Data(contentsOf: out.appendingPathComponent("one/\(name)"))
            let b = try Data(contentsOf: out.appendingPathComponent("four/\(name)"))
            #expect(a == b, "\(name) differs between --jobs 1 and --jobs 4")
        }
        let names = try Self.lines(out.appendingPathComponent("one/results.jsonl")).compactMap { $0["name"] as? String }
        let folders = try FileManager.default.contentsOfDirectory(atPath: fleet.path).filter { !$0.hasPrefix(".") }
        #expect(names == folders.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        // The JSON Lines findings are the check JSON findings, tenant by tenant.
        let check = try MGAuditBinary.run(["check"] + folders.sorted().map { fleet.appendingPathComponent($0).path } + ["--format", "jsonl"] + Self.fixed)
        let checkFingerprints = check.stdout.split(separator: "\n").flatMap { line -> [String] in
            let object = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
            return ((object?["findings"] as? [[String: Any]]) ?? []).compactMap { $0["fingerprint"] as? String }
        }
        let batchFingerprints = try Self.lines(out.appendingPathComponent("one/results.jsonl")).flatMap {
            (($0["findings"] as? [[String: Any]]) ?? []).compactMap { $0["fingerprint"] as? String }
        }
        #expect(!batchFingerprints.isEmpty)
        #expect(Set(checkFingerprints) == Set(batchFingerprints))
    }

    @Test func shardsCoverTheFleetOnceAndReportMergesThemBackByteForByte() throws {
        let fleet = try Self.fleet()
        let out = fleet.deletingLastPathComponent()
        let whole = out.appendingPathComponent("whole.jsonl")
        _ = try MGAuditBinary.run(["batch", fleet.path, "--jsonl", whole.path] + Self.fixed)
        var shardFiles: [String] = []
        var seen: [String] = []
        for index in 0..<3 {
            let file = out.appendingPathComponent("shard\(index).jsonl")
            let result = try MGAuditBinary.run(["batch", fleet.path, "--shard", "\(index)/3", "--jsonl", file.path] + Self.fixed)
            #expect(result.status <= 1, "\(result.stderr)")
            shardFiles.append(file.path)
            seen += try Self.lines(file).compactMap { $0["name"] as? String }
        }
        let all = try Self.lines(whole).compactMap { $0["name"] as? String }
        #expect(seen.sorted() == all.sorted())
        #expect(Set(seen).count == seen.count, "a tenant in two shards")
        let merged = out.appendingPathComponent("merged.jsonl")
        let report = try MGAuditBinary.run(["report"] + shardFiles.reversed() + ["--jsonl", merged.path, "--html", out.appendingPathComponent("m.html").path])
        #expect(report.status == 1, "\(report.stderr)")
        #expect(try Data(contentsOf: merged) == Data(contentsOf: whole))
        // Overlapping shards are refused, naming the file.
        let overlap = try MGAuditBinary.run(["report", whole.path, shardFiles[0], "--jsonl", out.appendingPathComponent("x.jsonl").path])
        #expect(overlap.status == 2)
        #expect(overlap.stderr.contains("overlapping shards"))
    }

    @Test func baselineNamesNewAndFixedFindings() throws {
        let fleet = try Self.fleet()
        let out = fleet.deletingLastPathComponent()
        let before = out.appendingPathComponent("before.jsonl")
        _ = try MGAuditBinary.run(["batch", fleet.path, "--jsonl", before.path] + Self.fixed)
        // Fix one tenant (remove its near-miss URI's manifest problem by copying the clean manifest) and break another.
        let clean = fleet.appendingPathComponent("clean/manifest.json")
        let hyphen = fleet.appendingPathComponent("near-miss-hyphen")
        for file in try FileManager.default.contentsOfDirectory(atPath: hyphen.path) where file.hasPrefix("manifest") {
            try FileManager.default.removeItem(at: hyphen.appendingPathComponent(file))
        }
        try FileManager.default.copyItem(at: clean, to: hyphen.appendingPathComponent("manifest.json"))
        let after = out.appendingPathComponent("after.jsonl")
        let result = try MGAuditBinary.run(["batch", fleet.path, "--jsonl", after.path, "--baseline", before.path] + Self.fixed)
        #expect(result.status == 1, "\(result.stderr)")
        let lines = try Self.lines(after)
        let tenant = try #require(lines.first { $0["name"] as? String == "near-miss-hyphen" })
        let fixed = try #require(tenant["fixed"] as? [[String: Any]])
        #expect(fixed.contains { $0["rule"] as? String == "uri-near-miss" })
        let unchanged = lines.filter { $0["name"] as? String == "clean" || $0["name"] as? String == "secret-expired" }
        for line in unchanged {
            for finding in (line["findings"] as? [[String: Any]]) ?? [] { #expect(finding["change"] as? String == "unchanged") }
        }
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: after.path.replacingOccurrences(of: ".jsonl", with: ".summary.json")))) as? [String: Any])
        let counts = try #require(summary["summary"] as? [String: Any])
        #expect((counts["fixed"] as? Int ?? 0) >= 1)
        // --fail-on-new: what was there before does not fail the run; nothing is new here
        // (the replaced manifest brings the clean tenant's findings, which are new to this tenant).
        let failNew = try MGAuditBinary.run(["batch", fleet.path, "--jsonl", out.appendingPathComponent("again.jsonl").path,
                                             "--baseline", after.path, "--fail-on-new"] + Self.fixed)
        #expect(failNew.status == 0, "\(failNew.stderr)")
        // The baseline is an input: writing over it is refused.
        let over = try MGAuditBinary.run(["batch", fleet.path, "--jsonl", after.path, "--baseline", after.path] + Self.fixed)
        #expect(over.status == 2)
        #expect(over.stderr.contains("input of this run"))
    }

    @Test func aBrokenTenantIsReportedAndTheOthersGoOn() throws {
        let fleet = try Self.fleet(extra: ["zz-broken": ["manifest.json": "{\"appId\": \"truncated"]])
        let out = fleet.deletingLastPathComponent().appendingPathComponent("r.jsonl")
        let result = try MGAuditBinary.run(["batch", fleet.path, "--jsonl", out.path] + Self.fixed)
        #expect(result.status == 2)
        #expect(result.stderr.contains("zz-broken/manifest.json"))
        let lines = try Self.lines(out)
        #expect(lines.count == (try FileManager.default.contentsOfDirectory(atPath: fleet.path).filter { !$0.hasPrefix(".") }.count))
        let broken = try #require(lines.last)
        let rules = ((broken["findings"] as? [[String: Any]]) ?? []).compactMap { $0["rule"] as? String }
        #expect(rules.contains("input-unreadable"))
    }

    /// `--max-input-size` holds on the workers' threads and on the read-ahead thread as on the
    /// calling one: a tenant file over the bound is refused, with one and with two jobs.
    @Test func theInputBoundHoldsOnEveryWorker() throws {
        let big = "{\"notes\": \"" + String(repeating: "x", count: 400 * 1024) + "\"}"
        let fleet = try Self.fleet(extra: ["aa-big": ["manifest.json": big]])
        for jobs in ["1", "2"] {
            let out = fleet.deletingLastPathComponent().appendingPathComponent("bound-\(jobs).jsonl")
            let result = try MGAuditBinary.run(["batch", fleet.path, "--jobs", jobs, "--max-input-size", "300K", "--jsonl", out.path] + Self.fixed)
            #expect(result.status == 2, "--jobs \(jobs): \(result.stderr)")
            #expect(result.stderr.contains("aa-big/manifest.json: refused: file larger than"), "--jobs \(jobs)")
            let first = try #require(try Self.lines(out).first)
            #expect(first["name"] as? String == "aa-big")
            let rules = ((first["findings"] as? [[String: Any]]) ?? []).compactMap { $0["rule"] as? String }
            #expect(rules.contains("input-unreadable"), "--jobs \(jobs)")
        }
    }

    @Test func nothingToAuditIsExitTwoNeverAnAllClear() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("mgaudit-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let result = try MGAuditBinary.run(["batch", empty.path] + Self.fixed)
        #expect(result.status == 2)
        #expect(result.stderr.contains("holds no tenant folders"))
        #expect(!result.stdout.contains("No problems"))
        let file = try MGAuditBinary.run(["batch", "Samples/tenants/clean/manifest.json"] + Self.fixed)
        #expect(file.status == 2)
        #expect(file.stderr.contains("not a folder"))
    }

    @Test func outputsInsideTheFleetAreRefused() throws {
        let fleet = try Self.fleet()
        let inside = try MGAuditBinary.run(["batch", fleet.path, "--out-dir", fleet.appendingPathComponent("out").path] + Self.fixed)
        #expect(inside.status == 2)
        #expect(inside.stderr.contains("next run would read it"))
        #expect(!FileManager.default.fileExists(atPath: fleet.appendingPathComponent("out/results.jsonl").path))
        // Not even the folder: an empty one in the fleet would be a tenant of the next run.
        #expect(!FileManager.default.fileExists(atPath: fleet.appendingPathComponent("out").path))
    }

    @Test func listAndShardOptionsAreChecked() throws {
        let fleet = try Self.fleet()
        let list = fleet.deletingLastPathComponent().appendingPathComponent("list.txt")
        try Data("# two tenants\nclean\n\nsecret-expired/\n".utf8).write(to: list)
        let out = fleet.deletingLastPathComponent().appendingPathComponent("l.jsonl")
        let result = try MGAuditBinary.run(["batch", fleet.path, "--list", list.path, "--jsonl", out.path] + Self.fixed)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(try Self.lines(out).compactMap { $0["name"] as? String } == ["clean", "secret-expired"])
        for bad in ["3/3", "1/0", "a/b", "-1/2"] {
            let shard = try MGAuditBinary.run(["batch", fleet.path, "--shard", bad] + Self.fixed)
            #expect(shard.status == 2, "--shard \(bad)")
        }
    }

    @Test func suppressionsAtTheRootHoldBackResurfaceAndAreReportedWhenUnused() throws {
        let fleet = try Self.fleet()
        try Data("""
        suppressions:
          - rule: consent-unknown
            tenant: "near-miss-*"
            reason: consent exports are collected quarterly
            until: 2027-03-31
          - rule: consent-unknown
            tenant: "secret-*"
            reason: collected last quarter
            until: 2026-11-30
          - rule: uri-whitespace
            tenant: "nobody-*"
            reason: matches nothing

        """.utf8).write(to: fleet.appendingPathComponent("mgaudit.yml"))
        let out = fleet.deletingLastPathComponent()
        let result = try MGAuditBinary.run(["batch", fleet.path, "--out-dir", out.appendingPathComponent("r").path] + Self.fixed)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("mgaudit.yml:10"), "\(result.stderr)")
        let lines = try Self.lines(out.appendingPathComponent("r/results.jsonl"))
        func rules(_ name: String, _ key: String) -> [String] {
            let line = lines.first { $0["name"] as? String == name }
            let items = (line?[key] as? [[String: Any]]) ?? []
            return items.compactMap { ($0["rule"] as? String) ?? (($0["finding"] as? [String: Any])?["rule"] as? String) }
        }
        // Active: held back, with its reason; not counted.
        #expect(rules("near-miss-hyphen", "suppressed") == ["consent-unknown"])
        #expect(!rules("near-miss-hyphen", "findings").contains("consent-unknown"))
        // Expired: the finding is back, with a warning naming the entry.
        #expect(rules("secret-expired", "findings").contains("consent-unknown"))
        #expect(rules("secret-expired", "findings").contains("suppression-expired"))
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("r/results.summary.json"))) as? [String: Any])
        let totals = try #require(summary["summary"] as? [String: Any])
        #expect((totals["suppressed"] as? Int ?? 0) >= 2)
        let unused = try #require(totals["unusedSuppressions"] as? [[String: Any]])
        #expect(unused.map { $0["rule"] as? String } == ["uri-whitespace"])
        // A suppression without a reason stops the run before anything is written.
        try Data("suppressions:\n  - rule: consent-unknown\n".utf8).write(to: fleet.appendingPathComponent("mgaudit.yml"))
        let broken = try MGAuditBinary.run(["batch", fleet.path, "--jsonl", out.appendingPathComponent("b.jsonl").path] + Self.fixed)
        #expect(broken.status == 2)
        #expect(broken.stderr.contains("mgaudit.yml"))
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("b.jsonl").path))
    }

    @Test func secretsInInputNeverReachAnyOutputFile() throws {
        let fleet = try Self.fleet()
        let clean = fleet.appendingPathComponent("clean/manifest.json")
        var manifest = try Self.read(clean)
        let secret = "Zq8Q~abcdefghijklmnopqrstuvwxyz0123456"
        // The web platform's list (the last one in the file) gets one more URI.
        let list = try #require(manifest.range(of: "\"redirectUris\": [\n", options: .backwards))
        manifest.replaceSubrange(list, with: "\"redirectUris\": [\"https://evil.example/cb?client_secret=\(secret)\",\n")
        try Data(manifest.utf8).write(to: clean)
        let out = fleet.deletingLastPathComponent().appendingPathComponent("s")
        let result = try MGAuditBinary.run(["batch", fleet.path, "--out-dir", out.path] + Self.fixed)
        #expect(result.status == 1, "\(result.stderr)")
        let jsonl = try Self.read(out.appendingPathComponent("results.jsonl"))
        #expect(jsonl.contains("evil.example"), "the URI is reported")
        for name in try FileManager.default.contentsOfDirectory(atPath: out.path) {
            let text = try Self.read(out.appendingPathComponent(name))
            #expect(!text.contains(secret), "\(name) holds the secret")
            #expect(!text.contains("abcdefghijklmnopqrstuvwxyz0123456"), "\(name) holds the secret")
        }
        #expect(!result.stderr.contains(secret))
    }

    /// On a terminal (a pseudo-terminal from util-linux's `script`), stderr shows the progress line;
    /// with `--quiet`, and when stderr is a pipe (every other test), nothing.
    @Test func progressOnATerminalOnly() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else { return }
        let fleet = try Self.fleet()
        let out = fleet.deletingLastPathComponent()
        func onTerminal(_ extra: String) throws -> String {
            let command = "\(MGAuditBinary.executable.path) batch \(fleet.path) --jsonl \(out.path)/p.jsonl --as-of 2026-12-01 \(extra)"
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
            process.arguments = ["-qec", command, "/dev/null"]
            process.currentDirectoryURL = MGAuditBinary.packageRoot
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = pipe
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return String(decoding: data, as: UTF8.self)
        }
        let shown = try onTerminal("")
        #expect(shown.contains("tenants, ") && shown.contains("/s, ETA"), "\(shown)")
        let total = try FileManager.default.contentsOfDirectory(atPath: fleet.path).filter { !$0.hasPrefix(".") }.count
        #expect(shown.contains("\(total)/\(total) tenants"))
        let quiet = try onTerminal("--quiet")
        #expect(!quiet.contains("ETA"), "\(quiet)")
        let piped = try MGAuditBinary.run(["batch", fleet.path, "--jsonl", out.appendingPathComponent("q.jsonl").path] + Self.fixed)
        #expect(piped.stderr.isEmpty, "\(piped.stderr)")
    }
}
