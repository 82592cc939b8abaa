import ArgumentParser
import Foundation
import MGAuditCLI
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

// `triage` is run once per ticket, so its start-up counts (Benchmarks/startup.sh).
runMain(MGAuditCommand.self, name: "mgaudit", direct: [TriageCommand.self])
