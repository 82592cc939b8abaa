import ArgumentParser
import Foundation
import MGAuditCLI
import MGAuditCore

/// `mgaudit serve`: runs `mgaudit-serve` from the folder of this executable with the same
/// arguments (it replaces this process, so signals, stdout and the exit code are its own). The
/// desk is a program of its own so that the HTTP server's libraries load only for `serve`.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the triage desk on 127.0.0.1 (nothing leaves the machine).",
        discussion: """
        Options: --port N (default 8080; 0 picks a free port), --listen ADDRESS (one outside \
        127.0.0.0/8 and ::1 also needs --allow-remote; then a warning: nothing is authenticated), \
        --lang ja|en, --as-of YYYY-MM-DD, --rules DIR. Prints the URL on stdout, then answers until \
        interrupted. Runs mgaudit-serve, installed beside mgaudit ('mgaudit serve --help' shows its \
        help).
        """
    )

    static let programName = "mgaudit-serve"

    @Argument(parsing: .captureForPassthrough, help: "The options of mgaudit-serve.")
    var arguments: [String] = []

    func run() throws {
        guard let folder = Bundle.main.executableURL?.resolvingSymlinksInPath().deletingLastPathComponent() else {
            throw UsageError("serve: cannot tell where mgaudit is installed, so \(Self.programName) cannot be found")
        }
        let program = folder.appendingPathComponent(Self.programName).path
        guard FileManager.default.isExecutableFile(atPath: program) else {
            throw InputError(path: program, problem: "mgaudit serve needs \(Self.programName) installed beside mgaudit")
        }
        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        execv(program, argv)
        throw InputError(path: program, problem: "cannot run: \(String(cString: strerror(errno)))")
    }
}
