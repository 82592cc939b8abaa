import ArgumentParser
import Foundation
import MGAuditCore

extension Language: ExpressibleByArgument {}
extension Severity: ExpressibleByArgument {}
extension ReportFormat: ExpressibleByArgument {}

/// Options every reporting command shares.
public struct LanguageOption: ParsableArguments {
    public init() {}

    @Option(help: "Report language (default: ja for a ja_* locale, otherwise en).")
    public var lang: Language?

    public var language: Language { lang ?? Language.fromEnvironment() }
}

public struct AsOfOption: ParsableArguments {
    public init() {}

    @Option(name: .customLong("as-of"), help: "Audit as of this day, YYYY-MM-DD (UTC). Default: today.")
    public var asOf: String?

    /// The day as a date at 00:00 UTC, and as the string reports print.
    public func resolve() throws -> (date: Date, day: String) {
        guard let asOf else {
            let now = Date()
            let day = EntraDate.day(now)
            return (EntraDate.parse(day) ?? now, day)
        }
        // A real calendar day: the day read back must be the day given (2026-02-31 is not).
        guard let date = EntraDate.calendarDay(asOf) else {
            throw UsageError("--as-of must be a calendar day YYYY-MM-DD, not '\(asOf)'")
        }
        return (date, asOf)
    }
}

/// `--fail-on`: the lowest severity that makes the exit code 1.
public enum FailOn: String, ExpressibleByArgument, CaseIterable, Sendable {
    case error, warning, info, never

    public func fails(_ counts: SeverityCounts) -> Bool {
        switch self {
        case .error: counts.error > 0
        case .warning: counts.error + counts.warning > 0
        case .info: counts.error + counts.warning + counts.info > 0
        case .never: false
        }
    }
}

public struct OutputOption: ParsableArguments {
    public init() {}

    @Option(name: [.short, .long], help: """
        Write the report to this file (atomically) instead of stdout; '-' is stdout. Refused when it \
        is an input of the run or not a regular file.
        """)
    public var output: String?
}

/// A size in bytes on the command line: `65536`, `64K`, `64M`, `1G` (binary units; `KiB`, `MiB`,
/// `GiB` and a trailing `B` are accepted too).
public struct ByteCount: ExpressibleByArgument, Sendable {
    public var bytes: Int

    public init(bytes: Int) { self.bytes = bytes }

    public init?(argument: String) {
        var text = argument.uppercased()
        if text.hasSuffix("IB") { text.removeLast(2) } else if text.hasSuffix("B") { text.removeLast() }
        let units: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30]
        var factor = 1
        if let last = text.last, let unit = units[last] {
            factor = unit
            text.removeLast()
        }
        guard !text.isEmpty, text.allSatisfy(\.isASCII), let number = Int(text), number > 0 else { return nil }
        let (bytes, overflow) = number.multipliedReportingOverflow(by: factor)
        guard !overflow else { return nil }
        self.bytes = bytes
    }

    public var defaultValueDescription: String { TextDecoding.describe(bytes) }
}

/// `--max-input-size`: the largest file (or standard input) a command reads.
public struct InputLimitOption: ParsableArguments {
    public init() {}

    @Option(name: .customLong("max-input-size"),
            help: ArgumentHelp("Largest input file or standard input read, e.g. 64M (default: 32 MiB; triage: 64 MiB).", valueName: "size"))
    public var maxInputSize: ByteCount?

    /// Runs `body` with the bound in force for every read (`TextDecoding.maximumInputBytes`).
    public func apply<T>(default fallback: Int = TextDecoding.defaultMaximumInputBytes, _ body: () throws -> T) rethrows -> T {
        try TextDecoding.$maximumInputBytes.withValue(maxInputSize?.bytes ?? fallback, operation: body)
    }
}
