import Foundation

/// Audits the tenants of a plan on `jobs` threads and hands each tenant's result, in plan order,
/// to every output as soon as it and all before it are done. Workers run ahead of the writer by at
/// most `window` tenants (the bounded reorder window), so memory does not grow with the fleet;
/// what spans tenants is only `ReportTotals`.
public struct BatchRunner: Sendable {
    /// What is done to one tenant, on a worker thread: load, audit, compare, render.
    public struct Audit: Sendable {
        public var engine: RuleEngine
        public var asOf: Date
        public var run: ReportRun
        /// One per output, in the order of `BatchRunner.run`'s streams.
        public var renderers: [AuditRenderer] { didSet { sharing = Self.sharing(renderers) } }
        /// Each renderer as `TenantBytesSharing`, or nil: cast once per run, not per tenant.
        private var sharing: [(any TenantBytesSharing)?] = []
        public var baseline: Baseline?
        /// `DIR/mgaudit.yml` and `--suppressions FILE` (the tenant folders' own files come with each bundle).
        public var suppressions: RunSuppressions?
        /// `--ics`: each tenant's renewal events, written to `run`'s `calendar` sink.
        public var calendar: RenewalCalendar?
        /// `rules/fixes.yaml`: with it, each finding a command fixes carries the commands (`FixCommands`).
        public var fixTexts: FixTexts?
        /// The plan's first tenants, read while the run was starting (`TenantPreloader`).
        public var preloaded: TenantPreloader?

        public init(engine: RuleEngine, asOf: Date, run: ReportRun, renderers: [AuditRenderer], baseline: Baseline? = nil,
                    suppressions: RunSuppressions? = nil, calendar: RenewalCalendar? = nil, fixTexts: FixTexts? = nil) {
            self.calendar = calendar
            self.fixTexts = fixTexts
            self.engine = engine
            self.asOf = asOf
            self.run = run
            self.renderers = renderers
            sharing = Self.sharing(renderers)
            self.baseline = baseline
            self.suppressions = suppressions
        }

        /// One tenant's result. Never throws: a tenant that cannot be read is a result saying so.
        public func result(for tenant: BatchPlan.Tenant) -> (result: TenantResult, problems: [String], used: Set<String>) {
            let (result, problems, used, _) = audited(tenant, position: nil)
            return (result, problems, used)
        }

        /// `position`: the tenant's place in the plan, for a tenant read ahead (`preloaded`).
        func audited(_ tenant: BatchPlan.Tenant, position: Int?)
            -> (result: TenantResult, problems: [String], used: Set<String>, bundle: TenantBundle) {
            let (loaded, sources) = position.flatMap { preloaded?.take(tenant, at: $0) }
                ?? RunProblems.loadTenantKeepingSources(path: tenant.path)
            var bundle = engine.validated(loaded)
            bundle.name = tenant.name
            bundle.suppressions += suppressions?.forTenant(tenant.path) ?? []
            let assessment = engine.assess(bundle, asOf: asOf)
            var findings = assessment.findings
            SourceLocator.locate(&findings, inputs: bundle.inputs, sources: sources)
            if let fixTexts { FixCommands.attach(to: &findings, bundle: bundle, catalog: engine.pack.catalog, texts: fixTexts, asOf: asOf,
                                                   language: run.language) }
            var result = TenantResult(bundle, assessment, findings: findings)
            baseline?.compare(&result)
            var problems = RunProblems()
            problems.record(bundle)
            return (result, problems.lines, assessment.usedSuppressions, bundle)
        }

        static func sharing(_ renderers: [AuditRenderer]) -> [(any TenantBytesSharing)?] {
            renderers.map { $0 as? any TenantBytesSharing }
        }

        func item(for tenant: BatchPlan.Tenant, position: Int) -> Item {
            let (result, problems, used, bundle) = audited(tenant, position: position)
            let shared = TenantRenderings()
            let pieces = zip(renderers, sharing).map { renderer, sharing in
                ReportStream.maskedPieces(renderer, sharing: sharing, tenant: result, position: position, run: run, shared: shared)
            }
            let events = calendar?.eventText(of: bundle, asOf: asOf) ?? (text: "", skipped: [])
            return Item(result: result, pieces: pieces, problems: problems, used: used, calendar: events.text, notes: events.skipped)
        }
    }

    struct Item: Sendable {
        var result: TenantResult
        var pieces: [ReportStream.Pieces]
        var problems: [String]
        var used: Set<String>
        /// The tenant's `--ics` events, and a line for each of its secrets that got none.
        var calendar = ""
        var notes: [String] = []
    }

    /// What a run ends with.
    public struct Outcome: Sendable {
        public var totals: ReportTotals
        /// How many tenants had input problems that make the exit code 2 (each was reported to `progress`).
        public var tenantsWithProblems: Int
    }

    public var jobs: Int
    public var window: Int

    public init(jobs: Int, window: Int? = nil) {
        self.jobs = max(1, jobs)
        self.window = max(self.jobs * 2, window ?? self.jobs * 16)
    }

    /// Audits `plan` into `streams` (one per renderer of `audit`, same order), calling `progress`
    /// on the calling thread after each tenant written, with the stderr lines of that tenant's
    /// input problems (so they are shown as they come, not held) and the calendar's notes.
    /// `calendar`: where `audit.calendar`'s .ics goes, begun, filled in plan order and finished
    /// here. Throws only what a stream throws (a disk full, say); tenants never make it throw.
    public func run(_ plan: BatchPlan, audit: Audit, streams: [ReportStream], calendar: (any ReportSink)? = nil,
                    progress: (_ done: Int, _ total: Int, _ problems: [String]) -> Void = { _, _, _ in },
                    notes: (_ lines: [String]) -> Void = { _ in }) throws -> Outcome {
        let total = plan.tenants.count
        let queue = ReorderQueue(window: window)
        let workers = min(jobs, max(1, total))
        for _ in 0..<workers {
            InputThread.start {
                while let position = queue.claim(limit: total) {
                    queue.deliver(audit.item(for: plan.tenants[position], position: position), at: position)
                }
            }
        }
        var totals = ReportTotals()
        var tenantsWithProblems = 0
        var used: Set<String> = []
        do {
            try calendar?.write(ICSWriter.begin())
            var position = 0
            while position < total {
                for item in queue.takeReady(from: position, total: total) {
                    for (stream, pieces) in zip(streams, item.pieces) { try stream.append(pieces) }
                    if let calendar, !item.calendar.isEmpty { try calendar.write(item.calendar) }
                    if !item.notes.isEmpty { notes(item.notes) }
                    totals.add(item.result, position: position)
                    if !item.problems.isEmpty { tenantsWithProblems += 1 }
                    used.formUnion(item.used)
                    position += 1
                    progress(position, total, item.problems)
                }
            }
            try calendar?.write(ICSWriter.end())
            try calendar?.finish()
        } catch {
            queue.cancel()
            for stream in streams { stream.abandon() }
            calendar?.abandon()
            throw error
        }
        if var suppressions = audit.suppressions {
            suppressions.used = used
            totals.unusedSuppressions = suppressions.unused
        }
        return Outcome(totals: totals, tenantsWithProblems: tenantsWithProblems)
    }
}

/// The hand-over between workers and the writer: positions are claimed in order, results are
/// kept until the writer takes them in order, and no worker claims a position more than `window`
/// ahead of the writer.
///
/// Nobody is woken for nothing: a worker's delivery wakes the writer only when the writer is
/// waiting and a run of `batch` results from its next position is ready (or the last ones are);
/// the writer then takes the whole run at once and wakes workers only when one is waiting for
/// room in the window. Per tenant that was a broadcast each way (two futex calls and a context
/// switch or two on each side).
final class ReorderQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private var nextClaim = 0
    private var nextTake = 0
    private var ready: [Int: BatchRunner.Item] = [:]
    /// How many results from `nextTake` on are ready without a gap.
    private var readyRun = 0
    private var cancelled = false
    /// While the writer waits: the run of ready results it waits for (0 when it does not wait).
    private var writerWants = 0
    private var workersWaiting = 0
    private let window: Int
    /// The run of ready results the writer is woken for (a quarter of the window).
    let batch: Int

    init(window: Int) {
        self.window = max(1, window)
        batch = max(1, self.window / 4)
    }

    func claim(limit: Int) -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while !cancelled, nextClaim < limit, nextClaim >= nextTake + window {
            workersWaiting += 1
            condition.wait()
            workersWaiting -= 1
        }
        guard !cancelled, nextClaim < limit else { return nil }
        defer { nextClaim += 1 }
        return nextClaim
    }

    func deliver(_ item: BatchRunner.Item, at position: Int) {
        condition.lock()
        defer { condition.unlock() }
        ready[position] = item
        guard position == nextTake + readyRun else { return }
        while ready[nextTake + readyRun] != nil { readyRun += 1 }
        if writerWants > 0, readyRun >= writerWants { condition.broadcast() }
    }

    /// The results from `position` (the writer's next) on that are ready without a gap, at least
    /// one: waits until `batch` of them are (or all that are left, of `total`).
    func takeReady(from position: Int, total: Int) -> [BatchRunner.Item] {
        condition.lock()
        defer { condition.unlock() }
        let wanted = max(1, min(batch, total - position))
        while readyRun < wanted {
            writerWants = wanted
            condition.wait()
            writerWants = 0
        }
        var items: [BatchRunner.Item] = []
        items.reserveCapacity(readyRun)
        for taken in position..<(position + readyRun) {
            if let item = ready.removeValue(forKey: taken) { items.append(item) }
        }
        nextTake = position + items.count
        readyRun = 0
        while ready[nextTake + readyRun] != nil { readyRun += 1 }
        if workersWaiting > 0 { condition.broadcast() }
        return items
    }

    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }
}
