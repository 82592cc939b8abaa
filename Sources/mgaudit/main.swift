import ArgumentParser
import Foundation
import MGAuditCore

struct MGAuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mgaudit",
        abstract: "Audit the Microsoft Entra app registration of MailGates Σ, offline.",
        discussion: "Exit codes: 0 nothing at or above --fail-on, 1 findings, 2 usage or unreadable input.",
        version: MGAudit.version,
        subcommands: [CheckCommand.self, BatchCommand.self, ReportCommand.self, RulesCommand.self, TriageCommand.self, ExplainCommand.self, FixCommand.self, SecretsCommand.self, CalendarCommand.self, ServeCommand.self]
    )
}

/// Runs the command and maps every failure to the linter-style exit codes: 2 for usage errors
/// and unreadable input (one line on stderr, never a stack trace).
func runMain() -> Never {
    do {
        var command = try MGAuditCommand.parseAsRoot()
        try command.run()
        exit(0)
    } catch let error as ExitCode {
        exit(error.rawValue)
    } catch let error as InputError {
        Console.error("mgaudit: \(error)")
        exit(2)
    } catch let error as UsageError {
        Console.error("mgaudit: \(error)")
        exit(2)
    } catch {
        let code = MGAuditCommand.exitCode(for: error)
        if code == .success {
            MGAuditCommand.exit(withError: error)
        }
        Console.errorLines(MGAuditCommand.fullMessage(for: error))
        exit(2)
    }
}

runMain()
