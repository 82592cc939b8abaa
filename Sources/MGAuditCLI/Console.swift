import Foundation
import MGAuditCore

/// The CLI's only way to talk: stdout for reports, stderr for messages.
public enum Console {
    public static func out(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// One message, written as exactly one stderr line: secrets masked (`Redaction.redact`) and every
    /// control or invisible character shown as a code point (`VisibleText.terminal`), a line break
    /// inside the message included. Every stderr message goes through here, so no caller can forget.
    public static func error(_ message: String) {
        let body = message.hasSuffix("\n") ? String(message.dropLast()) : message
        FileHandle.standardError.write(Data((line(body) + "\n").utf8))
    }

    /// A multi-line text of our own (swift-argument-parser's usage message), each line made safe
    /// as `error` does, so a value the user typed is still escaped.
    public static func errorLines(_ text: String) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line(String($0)) }
        let trimmed = lines.last == "" ? lines.dropLast() : lines[...]
        FileHandle.standardError.write(Data((trimmed.joined(separator: "\n") + "\n").utf8))
    }

    /// The form of one stderr line.
    public static func line(_ text: String) -> String {
        VisibleText.terminal(Redaction.redact(text))
    }

    public static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) != 0 }

    /// Colour on a terminal, unless NO_COLOR (no-color.org) is set or the terminal is dumb.
    public static var wantsColour: Bool {
        let environment = ProcessInfo.processInfo.environment
        return stdoutIsTerminal && (environment["NO_COLOR"] ?? "").isEmpty && environment["TERM"] != "dumb"
    }

    public static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) != 0 }
}
