import ArgumentParser
import MGAuditCore

struct MGAuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mgaudit",
        abstract: "Audit the Microsoft Entra app registration of MailGates Σ, offline.",
        version: MGAudit.version
    )
}

MGAuditCommand.main()
