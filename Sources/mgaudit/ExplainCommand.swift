import ArgumentParser
import Foundation
import MGAuditCLI
import MGAuditCore

/// `mgaudit explain AADSTS50011`: one entry of the AADSTS catalog.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Print what an AADSTS code means in this setup and which guide step fixes it.",
        discussion: "Exit codes: 0 the code is in the catalog, 2 unknown code or usage error."
    )

    @Argument(help: "The code: AADSTS50011 or 50011.")
    var code: String

    @OptionGroup var language: LanguageOption

    @Option(help: "A rules folder holding aadsts.yaml (default: the bundled rules/).")
    var rules: String?

    func run() throws {
        guard AADSTSCatalog.number(from: code) != nil else {
            throw UsageError("'\(VisibleText.escape(code))' is not an AADSTS code (give AADSTS50011 or 50011)")
        }
        let directory = try RulesDirectory.resolve(rules)
        let catalog = try AADSTSCatalog.load(directory: directory)
        guard let entry = catalog.entry(for: code) else {
            throw UsageError("\(VisibleText.escape(code)) is not in the catalog (\(directory.appendingPathComponent(AADSTSCatalog.fileName).path)); "
                + "see https://learn.microsoft.com/entra/identity-platform/reference-error-codes")
        }
        Console.out(CatalogEntryTextRenderer.render(entry, language: language.language))
    }
}
