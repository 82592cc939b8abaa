import ArgumentParser
import Foundation
import MGAuditCore

/// Runs a root command and maps every failure to the linter-style exit codes: 2 for usage errors
/// and unreadable input (one line on stderr, never a stack trace). `mgaudit` and `mgaudit-serve`
/// both end here.
public func runMain<Root: ParsableCommand>(_ root: Root.Type, name: String) -> Never {
    do {
        var command = try root.parseAsRoot()
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
