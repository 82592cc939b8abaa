import Foundation
import Testing
@testable import MGAuditCore

@Suite struct FingerprintTests {
    static func finding(_ rule: String, _ subject: String, message: String = "m", severity: Severity = .error) -> Finding {
        Finding(rule: rule, severity: severity, subject: subject, title: .same("t"), message: .same(message),
                evidence: ["k": .string(message)], guideStep: .same("g"))
    }

    @Test func onlyTenantRuleAndSubjectCount() {
        var a = [Self.finding("uri-near-miss", "https://a/"), Self.finding("secret-expired", "key")]
        var b = [Self.finding("secret-expired", "key", message: "reworded", severity: .warning),
                 Self.finding("uri-near-miss", "https://a/", message: "other")]
        Fingerprint.assign(&a, tenant: "t1")
        Fingerprint.assign(&b, tenant: "t1")
        #expect(a[0].fingerprint == b[1].fingerprint)
        #expect(a[1].fingerprint == b[0].fingerprint)
        #expect(a[0].fingerprint != a[1].fingerprint)
        var c = [Self.finding("uri-near-miss", "https://a/")]
        Fingerprint.assign(&c, tenant: "t2")
        #expect(c[0].fingerprint != a[0].fingerprint, "another tenant, another identity")
        #expect(a[0].fingerprint.count == 16 && a[0].fingerprint.allSatisfy(\.isHexDigit))
    }

    @Test func theSameRuleAndSubjectTwiceGetTwoIdentities() {
        var twice = [Self.finding("r", "s"), Self.finding("r", "s")]
        Fingerprint.assign(&twice, tenant: "t")
        #expect(twice[0].fingerprint != twice[1].fingerprint)
    }

    @Test func separatorsKeepPartsApart() {
        #expect(Fingerprint.of(tenant: "ab", rule: "c", subject: "d") != Fingerprint.of(tenant: "a", rule: "bc", subject: "d"))
        // A fixed value: the fingerprint is part of the baseline file format.
        #expect(Fingerprint.of(tenant: "t", rule: "r", subject: "s") == Fingerprint.of(tenant: "t", rule: "r", subject: "s"))
    }
}

@Suite struct ShardTests {
    @Test func everyNameInExactlyOneShard() throws {
        let names = (0..<2000).map { "tenant-\($0)" }
        for count in [1, 2, 3, 7] {
            var seen = Set<String>()
            var sizes: [Int] = []
            for index in 0..<count {
                let shard = try #require(Shard("\(index)/\(count)"))
                let mine = names.filter(shard.contains)
                sizes.append(mine.count)
                #expect(seen.isDisjoint(with: mine))
                seen.formUnion(mine)
            }
            #expect(seen.count == names.count)
            // Roughly even: no shard holds less than half its share.
            #expect(sizes.allSatisfy { $0 * count * 2 >= names.count }, "\(sizes)")
        }
    }

    @Test func badSpellingsAreRefused() {
        for bad in ["", "1", "1/", "/2", "2/2", "-1/2", "0/0", "a/b", "1/2/3", "0/1000001"] {
            #expect(Shard(bad) == nil, "\(bad)")
        }
        #expect(Shard("0/1") != nil)
    }
}

@Suite struct ReportTotalsTests {
    static func tenant(_ name: String, errors: Int, ends: String? = nil) -> TenantResult {
        TenantResult(name: name, inputs: [], findings: (0..<errors).map { FingerprintTests.finding("r\($0 % 3)", "s\($0)") },
                     secrets: ends.map { [SecretEnd(keyId: "k-\(name)", ends: $0)] } ?? [])
    }

    @Test func listsStayBoundedAndOrdered() {
        var totals = ReportTotals()
        for index in 0..<500 {
            totals.add(Self.tenant("t\(index)", errors: index % 37, ends: "2027-\(String(format: "%02d", index % 12 + 1))-01"), position: index)
        }
        #expect(totals.tenants == 500)
        #expect(totals.worstTenants.count == ReportTotals.listLimit)
        #expect(totals.soonestSecrets.count == ReportTotals.listLimit)
        let errors = totals.worstTenants.map(\.counts.error)
        #expect(errors == errors.sorted(by: >))
        #expect(errors.first == 36)
        #expect(totals.soonestSecrets.allSatisfy { $0.secret.ends == "2027-01-01" })
        #expect(totals.byRule.count == 3)
        #expect(totals.byRule.values.map(\.findings).reduce(0, +) == totals.counts.error)
    }
}

@Suite struct JSONWriterTests {
    @Test func escapesControlsQuotesAndInvisiblesAndRoundTrips() throws {
        let hostile = "a\"b\\c\n\t\u{1B}[31m\u{7F}\u{3000}\u{200B}\u{202E}😀日本語 x"
        var json = JSONWriter(pretty: false)
        json.beginObject()
        json.field("k", hostile)
        json.endObject()
        #expect(!json.text.unicodeScalars.contains { $0.value < 0x20 || $0 == "\u{3000}" || $0 == "\u{200B}" || $0 == "\u{202E}" })
        #expect(json.text.contains("\\u3000") && json.text.contains("\\u001b") && json.text.contains("\\u007f"))
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.text.utf8)) as? [String: String])
        #expect(parsed["k"] == hostile)
    }

    @Test func prettyAndCompactLayouts() {
        var pretty = JSONWriter(pretty: true)
        pretty.beginObject()
        pretty.key("a")
        pretty.beginArray()
        pretty.int(1)
        pretty.int(2)
        pretty.endArray()
        pretty.key("b")
        pretty.beginArray()
        pretty.endArray()
        pretty.endObject()
        #expect(pretty.text == "{\n  \"a\" : [\n    1,\n    2\n  ],\n  \"b\" : []\n}")
        var compact = JSONWriter(pretty: false)
        compact.beginArray()
        compact.string("x")
        compact.null()
        compact.endArray()
        #expect(compact.text == "[\"x\",null]")
    }
}

@Suite struct ReorderQueueTests {
    /// Workers finish out of order; the writer still takes every position once, in order, in
    /// runs of at most the window, whatever the window (a run of one included).
    @Test(arguments: [1, 2, 8, 32])
    func positionsComeOutInOrderWhateverTheFinishingOrder(window: Int) async {
        let queue = ReorderQueue(window: window)
        let total = 400
        let threads = (0..<4).map { worker in
            Thread {
                while let position = queue.claim(limit: total) {
                    if (position + worker) % 5 == 0 { usleep(200) }
                    queue.deliver(BatchRunner.Item(result: TenantResult(name: "t\(position)", inputs: [], findings: []),
                                                   pieces: [], problems: [], used: []), at: position)
                }
            }
        }
        threads.forEach { $0.start() }
        var names: [String] = []
        var runs: [Int] = []
        while names.count < total {
            let items = queue.takeReady(from: names.count, total: total)
            runs.append(items.count)
            names += items.map(\.result.name)
        }
        #expect(names == (0..<total).map { "t\($0)" })
        #expect(runs.allSatisfy { $0 >= 1 && $0 <= window })
        #expect(queue.claim(limit: total) == nil)
    }

    /// The writer is handed a run once `batch` results are ready from its position, and the last
    /// results of the plan even when fewer.
    @Test func theWriterTakesARunOnceItIsReady() {
        let queue = ReorderQueue(window: 16)
        #expect(queue.batch == 4)
        let total = 6
        func item(_ position: Int) -> BatchRunner.Item {
            BatchRunner.Item(result: TenantResult(name: "t\(position)", inputs: [], findings: []), pieces: [], problems: [], used: [])
        }
        for position in 0..<total { #expect(queue.claim(limit: total) == position) }
        // Out of order: nothing from 0 until 0 is there, then 0...4 without a gap.
        for position in [4, 2, 1, 3, 0] { queue.deliver(item(position), at: position) }
        #expect(queue.takeReady(from: 0, total: total).map(\.result.name) == ["t0", "t1", "t2", "t3", "t4"])
        queue.deliver(item(5), at: 5)
        #expect(queue.takeReady(from: 5, total: total).map(\.result.name) == ["t5"])
    }
}

@Suite struct BatchOutputsTests {
    @Test func outDirNamesAndSummaryBesideJSONLines() throws {
        #expect(BatchOutputs.summaryPath(besideJSONLines: "out/results.jsonl") == "out/results.summary.json")
        #expect(BatchOutputs.summaryPath(besideJSONLines: "out/r") == "out/r.summary.json")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mgaudit-out-\(UUID().uuidString)").path
        let outputs = try BatchOutputs.make(explicit: [(.csv, "/tmp/elsewhere.csv")], outDir: folder)
        #expect(outputs.targets.count == 7)
        #expect(outputs.targets.first { $0.format == .csv }?.path == "/tmp/elsewhere.csv")
        #expect(outputs.paths.contains(folder + "/results.summary.json"))
        #expect(throws: InputError.self) { try BatchOutputs(targets: [.init(format: .json, path: folder + "/a.json"),
                                                                   .init(format: .html, path: folder + "/a.json")]).check(inputs: [], folders: []) }
        #expect(throws: InputError.self) { try outputs.check(inputs: [], folders: [folder]) }
    }
}
