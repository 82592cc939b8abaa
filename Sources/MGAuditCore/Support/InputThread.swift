import Foundation

/// Threads that read inputs. `TextDecoding.maximumInputBytes` (`--max-input-size`) is a task-local
/// value, and a `Thread` inherits no task-local value: a thread started here runs `body` under the
/// bound in force where it was started, as a read on the starting thread would be.
enum InputThread {
    @discardableResult
    static func start(stackSize: Int = 8 << 20, _ body: @escaping @Sendable () -> Void) -> Thread {
        let bound = TextDecoding.maximumInputBytes
        let thread = Thread { TextDecoding.$maximumInputBytes.withValue(bound) { body() } }
        thread.stackSize = stackSize
        thread.start()
        return thread
    }
}
