import ArgumentParser
import Foundation
import MGAuditCLI
import MGAuditCore

extension SecretInventoryFormat: ExpressibleByArgument {}

struct SecretsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "secrets",
        abstract: "List every client secret of every tenant, soonest end first.",
        discussion: """
        PATH is what `check` accepts: tenant folders or manifest files. Columns: tenant, app id, key id, \
        hint, display name, start, end, days left (from --as-of), state (valid, expiring, expired, \
        not-yet-valid, unreadable-date, no-end-date). Secret values are never in a manifest and never \
        printed. Exit 0: listed; 2: usage error, or no app manifest could be read (one stderr line each).
        """
    )

    @Argument(help: "Manifest files or tenant folders.")
    var paths: [String]

    @Option(name: .customLong("expiring-within"), help: "A valid secret ending within this many days is 'expiring'.")
    var expiringWithin: Int = 30

    @Option(help: "Output format.")
    var format: SecretInventoryFormat = .text

    @OptionGroup var outputOption: OutputOption
    @OptionGroup var asOfOption: AsOfOption

    func run() throws {
        guard (0...3650).contains(expiringWithin) else {
            throw UsageError("--expiring-within must be 0 to 3650 days, not \(expiringWithin)")
        }
        let (asOfDate, asOfDay) = try asOfOption.resolve()
        let tenants = try ManifestTenants(paths: paths)
        let entries = SecretInventory.entries(of: tenants.bundles, asOf: asOfDate, expiringWithin: expiringWithin)
        try ReportWriter.emit(format.render(entries, asOf: asOfDay), to: outputOption.output, inputs: tenants.inputs)
        try tenants.finish()
    }
}
