import Foundation

/// The CLI's only way to talk: stdout for reports, stderr for messages.
enum Console {
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) != 0 }

    /// Colour on a terminal, unless NO_COLOR (no-color.org) is set or the terminal is dumb.
    static var wantsColour: Bool {
        let environment = ProcessInfo.processInfo.environment
        return stdoutIsTerminal && (environment["NO_COLOR"] ?? "").isEmpty && environment["TERM"] != "dumb"
    }
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) != 0 }
}
