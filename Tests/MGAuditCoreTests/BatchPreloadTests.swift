import Foundation
import Testing
@testable import MGAuditCore

/// Tenants read ahead while a run starts (`TenantPreloader`) are what a worker reading them gives,
/// are handed over once and only to their own place of the plan, and audit to the same results.
@Suite struct BatchPreloadTests {
    static func samplePlan() throws -> BatchPlan {
        try BatchPlan.folders(of: TenantLoaderTests.root.appendingPathComponent("Samples/tenants").path)
    }

    @Test func readAheadTenantsAreTheWorkersReads() throws {
        let plan = try Self.samplePlan()
        #expect(plan.tenants.count > 10)
        let preloader = TenantPreloader(plan: plan)
        preloader.waitUntilRead()
        #expect(preloader.readAhead == plan.tenants.count)
        for (position, tenant) in plan.tenants.enumerated() {
            // Not handed to another place of the plan, nor to another folder at this place.
            #expect(preloader.take(tenant, at: position + 1) == nil || plan.tenants[position + 1] == tenant)
            #expect(preloader.take(BatchPlan.Tenant(name: tenant.name, path: tenant.path + "-other"), at: position) == nil)
            let loaded = try #require(preloader.take(tenant, at: position), "\(tenant.name)")
            let direct = RunProblems.loadTenantKeepingSources(path: tenant.path)
            #expect(loaded.bundle == direct.bundle, "\(tenant.name)")
            #expect(loaded.sources.bytes == direct.sources.bytes, "\(tenant.name)")
            // Once.
            #expect(preloader.take(tenant, at: position) == nil)
        }
    }

    @Test func auditOfAReadAheadTenantIsTheAuditOfItsRead() throws {
        let plan = try Self.samplePlan()
        let root = TenantLoaderTests.root
        let engine = try RuleEngine(pack: RulePackLoader.load(directory: root.appendingPathComponent("rules")))
        let asOf = try #require(EntraDate.parse("2026-12-01"))
        let run = ReportRun(asOf: "2026-12-01", language: .ja, rules: engine.pack.rules)
        var audit = BatchRunner.Audit(engine: engine, asOf: asOf, run: run, renderers: [ReportFormat.jsonl.renderer()],
                                      fixTexts: try FixTexts.loadIfPresent(directory: root.appendingPathComponent("rules")))
        let direct = plan.tenants.map { audit.result(for: $0).result }
        audit.preloaded = TenantPreloader(plan: plan, limit: 5)
        audit.preloaded?.waitUntilRead()
        #expect(audit.preloaded?.readAhead == 5)
        for (position, tenant) in plan.tenants.enumerated() {
            #expect(audit.audited(tenant, position: position).result == direct[position], "\(tenant.name)")
        }
        #expect(plan.tenants.indices.allSatisfy { audit.preloaded?.take(plan.tenants[$0], at: $0) == nil })
    }

    /// The read-ahead thread reads under the bound of the thread that started it
    /// (`--max-input-size` is task-local, and a thread inherits none).
    @Test func readingAheadKeepsTheStartersInputBound() throws {
        let plan = try Self.samplePlan()
        let preloader = TextDecoding.$maximumInputBytes.withValue(64) { TenantPreloader(plan: plan) }
        preloader.waitUntilRead()
        for (position, tenant) in plan.tenants.enumerated() {
            let loaded = try #require(preloader.take(tenant, at: position))
            let bounded = TextDecoding.$maximumInputBytes.withValue(64) { RunProblems.loadTenantKeepingSources(path: tenant.path) }
            #expect(loaded.bundle == bounded.bundle, "\(tenant.name)")
        }
        // The bound did bite: the clean sample reads without a problem under the default bound
        // and is refused under 64 bytes, ahead as on this thread.
        let clean = try #require(plan.tenants.firstIndex { $0.name == "clean" })
        #expect(RunProblems.loadTenantKeepingSources(path: plan.tenants[clean].path).bundle.problems.isEmpty)
        let again = TextDecoding.$maximumInputBytes.withValue(64) { TenantPreloader(plan: plan) }
        again.waitUntilRead()
        let ahead = try #require(again.take(plan.tenants[clean], at: clean))
        #expect(ahead.bundle.problems.contains { $0.kind == .unreadable && $0.description.contains("refused") })
    }

    /// The byte bound stops the reading ahead after the tenant that passes it.
    @Test func readingAheadStopsAtTheByteBound() throws {
        let plan = try Self.samplePlan()
        let preloader = TenantPreloader(plan: plan, byteLimit: 0)
        preloader.waitUntilRead()
        #expect(preloader.readAhead >= 1 && preloader.readAhead < plan.tenants.count)
    }
}

extension BatchPreloadTests {
    /// Stopped at once (twice), it holds at most what it read, each the worker's read.
    @Test func stoppedAtOnceHoldsOnlyWhatItRead() throws {
        let plan = try Self.samplePlan()
        let preloader = TenantPreloader(plan: plan)
        preloader.stop()
        preloader.stop()
        var held = 0
        for (position, tenant) in plan.tenants.enumerated() {
            guard let loaded = preloader.take(tenant, at: position) else { continue }
            held += 1
            #expect(loaded.bundle == RunProblems.loadTenantKeepingSources(path: tenant.path).bundle)
        }
        #expect(held == preloader.readAhead)
    }
}
