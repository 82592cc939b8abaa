import ArgumentParser
import Foundation
import MGAuditCLI
import MGAuditCore

struct CalendarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar",
        abstract: "Write renewal reminders for every client secret as an iCalendar (.ics) file.",
        discussion: """
        PATH is what `secrets` accepts. For each secret not yet expired: an all-day event on its \
        renewal day (the end minus --window days, or --as-of when that is past) with reminders 30 and \
        7 days before, and one on the end day. Texts come from rules/calendar.yaml. A secret without a \
        readable end, or already expired, gets no event (one stderr line each). Secret values are \
        never written. Exit 0: written; 2: usage error, or no app manifest could be read.
        """
    )

    @Argument(help: "Manifest files or tenant folders.")
    var paths: [String]

    @Option(help: "Renew this many days before the end.")
    var window: Int = 60

    @Option(help: "A rules folder holding calendar.yaml (default: the bundled rules/).")
    var rules: String?

    @OptionGroup var outputOption: OutputOption
    @OptionGroup var asOfOption: AsOfOption
    @OptionGroup var language: LanguageOption

    func run() throws {
        guard (0...3650).contains(window) else {
            throw UsageError("--window must be 0 to 3650 days, not \(window)")
        }
        let (asOfDate, _) = try asOfOption.resolve()
        let rulesDirectory = try RulesDirectory.resolve(rules)
        let calendar = RenewalCalendar(texts: try CalendarTexts.load(directory: rulesDirectory),
                                       language: language.language, window: window)
        let tenants = try ManifestTenants(paths: paths, extraInputs: RulesDirectory.files(rulesDirectory))
        let entries = SecretInventory.entries(of: tenants.bundles, asOf: asOfDate, expiringWithin: window)
        let (ics, skipped) = calendar.render(entries, asOf: asOfDate)
        try ReportWriter.emit(ics, to: outputOption.output, inputs: tenants.inputs)
        for line in skipped {
            Console.error("mgaudit: " + VisibleText.terminal(line))
        }
        try tenants.finish()
    }
}
