import Foundation

/// Reads the first tenants of a plan on one thread while the run is still starting (the rule
/// pack, suppressions and outputs are made on the calling thread): reading and parsing a tenant
/// needs no rule, and on a machine of two cores the second one is otherwise idle until the
/// workers start. `BatchRunner.Audit` takes each tenant read ahead (`take`) instead of reading it
/// again; one not read ahead is read by its worker as before, so the results are the same.
///
/// Bounded: at most `limit` tenants and `byteLimit` bytes of kept sources are held, each dropped
/// when taken. `stop` ends the reading (after the tenant being read) before the workers start.
public final class TenantPreloader: @unchecked Sendable {
    public typealias Loaded = (bundle: TenantBundle, sources: SourceFiles)

    private let lock = NSCondition()
    private var slots: [Loaded?]
    /// The tenant each slot is for.
    private let tenants: [BatchPlan.Tenant]
    private var stopping = false
    private var finished = false
    private var readCount = 0

    /// How many tenants were read ahead in all (tests).
    public var readAhead: Int {
        lock.lock()
        defer { lock.unlock() }
        return readCount
    }

    /// Starts reading `plan`'s first tenants, in plan order.
    public init(plan: BatchPlan, limit: Int = 256, byteLimit: Int = 16 << 20) {
        let tenants = Array(plan.tenants.prefix(max(0, limit)))
        self.tenants = tenants
        slots = Array(repeating: nil, count: tenants.count)
        InputThread.start { [self] in
            var bytes = 0
            for (position, tenant) in tenants.enumerated() {
                guard !isStopping, bytes <= byteLimit else { break }
                let loaded = RunProblems.loadTenantKeepingSources(path: tenant.path)
                bytes += loaded.sources.keptBytes
                lock.lock()
                slots[position] = loaded
                readCount += 1
                lock.unlock()
            }
            lock.lock()
            finished = true
            lock.broadcast()
            lock.unlock()
        }
    }

    private var isStopping: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopping
    }

    /// Ends the reading ahead and waits for the thread (at most the tenant it is reading).
    public func stop() {
        lock.lock()
        stopping = true
        lock.unlock()
        waitUntilRead()
    }

    /// Waits until every tenant it may read is read (`stop`, tests).
    func waitUntilRead() {
        lock.lock()
        while !finished { lock.wait() }
        lock.unlock()
    }

    /// `tenant`, at `position` of the plan, if it was read ahead: once (the slot is emptied), and
    /// only when that place of the plan read ahead holds that folder.
    public func take(_ tenant: BatchPlan.Tenant, at position: Int) -> Loaded? {
        lock.lock()
        defer { lock.unlock() }
        guard slots.indices.contains(position), tenants[position] == tenant, let loaded = slots[position] else { return nil }
        slots[position] = nil
        return loaded
    }
}
