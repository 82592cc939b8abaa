import ArgumentParser
import Foundation
import MGAuditCore

/// Runs a root command and maps every failure to the linter-style exit codes: 2 for usage errors
/// and unreadable input (one line on stderr, never a stack trace). `mgaudit` and `mgaudit-serve`
/// both end here.
///
/// `direct` names subcommands parsed on their own when they are the first argument: swift-argument-parser
/// builds and reflects over the whole command tree for a root parse, which is a third of a `triage`'s
/// start-up. When the direct parse fails (a usage error, `--help`), the arguments are parsed again
/// from the root, so every message, usage line and help text is the root's, word for word.
public func runMain<Root: ParsableCommand>(_ root: Root.Type, name: String, direct: [any ParsableCommand.Type] = []) -> Never {
    do {
        var command = try directParse(direct) ?? root.parseAsRoot()
        try command.run()
        exit(0)
    } catch let error as ExitCode {
        exit(error.rawValue)
    } catch let error as InputError {
        Console.error("\(name): \(error)")
        exit(2)
    } catch let error as UsageError {
        Console.error("\(name): \(error)")
        exit(2)
    } catch {
        let code = root.exitCode(for: error)
        if code == .success {
            root.exit(withError: error)
        }
        Console.errorLines(root.fullMessage(for: error))
        exit(2)
    }
}

/// The first argument's subcommand parsed alone, or nil (not one of `direct`, or a parse error:
/// the caller then parses from the root and reports it there).
private func directParse(_ direct: [any ParsableCommand.Type]) -> (any ParsableCommand)? {
    let arguments = Array(CommandLine.arguments.dropFirst())
    // Help, version and completion requests are always the root's: parsed alone, swift-argument-parser
    // would print the subcommand's help under its own name (`USAGE: triage`).
    let rootOnly: Set<String> = ["-h", "--help", "-help", "help", "--version", "--experimental-dump-help", "--generate-completion-script"]
    guard let first = arguments.first, !arguments.contains(where: rootOnly.contains),
          let command = direct.first(where: { $0.configuration.commandName == first }) else { return nil }
    return try? command.parseAsRoot(Array(arguments.dropFirst()))
}
