import Dispatch
import Foundation

/// Runs the CPU-bound part of a request (triage, check, rendering) on Dispatch threads, at most
/// `width` at a time, so that the cooperative pool stays free for sockets: a burst of requests
/// waits in a queue here instead of starving the reads of other clients' bodies, and memory stays
/// bounded by `width` requests in work.
actor WorkLimiter {
    let width: Int
    private var running = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []
    private let queue = DispatchQueue(label: "mgaudit.serve.work", attributes: .concurrent)

    init(width: Int = max(1, ProcessInfo.processInfo.activeProcessorCount)) {
        self.width = max(1, width)
    }

    /// `work` off the cooperative pool, once a slot is free.
    nonisolated func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        await acquire()
        let result: Result<T, any Error> = await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: Result { try work() }) }
        }
        await release()
        return try result.get()
    }

    private func acquire() async {
        if running < width {
            running += 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func release() {
        if waiting.isEmpty {
            running -= 1
        } else {
            // The slot passes straight to the next waiter.
            waiting.removeFirst().resume()
        }
    }
}
