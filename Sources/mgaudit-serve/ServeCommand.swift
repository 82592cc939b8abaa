import ArgumentParser
import Foundation
import MGAuditCLI
import MGAuditCore
import MGAuditServe

/// `mgaudit serve` (this executable, `mgaudit-serve`, which `mgaudit serve` runs): the local triage
/// desk on 127.0.0.1; prints its URL, runs until stopped. A program of its own so that the HTTP
/// server's libraries (FlyingFox, and through it FoundationNetworking, libcurl and TLS) are loaded
/// by `serve` alone, not at every start of `mgaudit`.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mgaudit serve",
        abstract: "Serve the triage desk on 127.0.0.1 (nothing leaves the machine).",
        discussion: """
        Prints the URL on stdout, then answers until interrupted. --port 0 picks a free port. \
        --listen binds another address; one outside 127.0.0.0/8 and ::1 also needs --allow-remote \
        (then a warning: nothing is authenticated).
        """
    )

    @Option(help: "The port on 127.0.0.1 (0: a free port).")
    var port: UInt16 = 8080

    @Option(help: "Listen on this address instead of 127.0.0.1 (an address outside 127.0.0.0/8 and ::1 needs --allow-remote).")
    var listen: String?

    @Flag(help: "Allow --listen on an address other machines can reach. Nothing is authenticated.")
    var allowRemote = false

    @OptionGroup var language: LanguageOption
    @OptionGroup var asOf: AsOfOption

    @Option(help: "A rules folder holding aadsts.yaml and the rule pack (default: the bundled rules/).")
    var rules: String?

    func run() throws {
        let address = listen ?? "127.0.0.1"
        if !ServeServer.isLoopback(address), !allowRemote {
            throw UsageError("--listen \(address) is not a loopback address (127.0.0.0/8, ::1): add --allow-remote to serve it")
        }
        let (date, day) = try asOf.resolve()
        let desk = try ServeDesk(rulesDirectory: try RulesDirectory.resolve(rules), language: language.language, asOf: date, asOfDay: day)
        let server: ServeServer
        do {
            server = try ServeServer(desk: desk, address: address, port: port)
        } catch {
            throw UsageError("--listen \(address): not an IPv4 or IPv6 address (\(error))")
        }
        if allowRemote {
            Console.error("mgaudit: warning: --allow-remote: serving on \(address), nothing is authenticated; anyone who can reach the port can use the desk and read what it answers")
        }
        // main.swift is synchronous: the server runs in a task and this thread waits for its end.
        let done = DispatchSemaphore(value: 0)
        let failure = FailureBox()
        let port = port
        Task {
            do { try await server.start() } catch { failure.error = error }
            done.signal()
        }
        Task {
            do {
                let bound = try await server.waitUntilListening()
                Console.out("http://\(ServeServer.hostName(address)):\(bound ?? port)/\n")
            } catch {
                failure.error = error
                done.signal()
            }
        }
        done.wait()
        if let error = failure.error { throw InputError(path: "\(ServeServer.hostName(address)):\(port)", problem: "cannot serve: \(error)") }
    }
}

/// The error that ended the server task, handed to the waiting thread.
final class FailureBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: (any Error)?
    var error: (any Error)? {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
