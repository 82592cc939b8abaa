import ArgumentParser
import Foundation
import MGAuditCLI
import MGAuditCore

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the rules of the pack: id, severity, title."
    )

    @OptionGroup var languageOption: LanguageOption

    @Option(help: "Folder of the rule pack to list instead of the bundled rules/.")
    var rules: String?

    func run() throws {
        let pack = try RulePackLoader.load(directory: RulesDirectory.resolve(rules))
        let language = languageOption.language
        let idWidth = pack.rules.map(\.id.count).max() ?? 0
        var text = ""
        for rule in pack.rules {
            let id = rule.id.padding(toLength: idWidth, withPad: " ", startingAt: 0)
            let severity = rule.severity.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0)
            text += "\(id)  \(severity)  \(rule.title.text(language))\n"
        }
        Console.out(text)
    }
}
