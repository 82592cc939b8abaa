import Foundation

/// How triage shows the times of an error (the error page's Timestamp, a log's first and last
/// occurrence): in UTC as Microsoft prints them, in Japan time, or both (`--tz`). Only for
/// people: JSON keeps the UTC value as read.
public enum TriageTimeZone: String, Sendable, Hashable, CaseIterable {
    case utc
    case jst
    case both

    /// Japan time: UTC+9, no daylight saving time.
    static let jstOffset = 9 * 3600

    /// `both` when the environment's `TZ` names Japan time (`Asia/Tokyo`, `Japan`, `JST-9`),
    /// otherwise `utc`.
    public static func fromEnvironment(_ environment: [String: String]) -> TriageTimeZone {
        let zone = (environment["TZ"] ?? "").trimmingCharacters(in: .whitespaces).trimmingPrefix(":")
        return ["Asia/Tokyo", "Japan", "JST-9", "JST"].contains(String(zone)) ? .both : .utc
    }

    /// `2025-03-10T09:25:13Z` as this zone shows it: itself (`utc`), `2025-03-10T18:25:13+09:00 (JST)`
    /// (`jst`), or both, UTC first. A time that is not ISO 8601 UTC stays as written.
    public func display(_ timestamp: String) -> String {
        guard self != .utc, let date = Self.utcDate(timestamp) else { return timestamp }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(secondsFromGMT: Self.jstOffset)
        let jst = formatter.string(from: date) + " (JST)"
        return self == .jst ? jst : "\(timestamp) / \(jst)"
    }

    /// The date of `2025-03-10T09:25:13Z` (fractional seconds allowed); nil for anything else.
    static func utcDate(_ text: String) -> Date? {
        guard text.hasSuffix("Z") else { return nil }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }
}

extension TriageReport {
    /// The report with every error's times shown in `zone` (text, Markdown, HTML, reply).
    public func showingTimes(in zone: TriageTimeZone) -> TriageReport {
        guard zone != .utc else { return self }
        var shown = self
        for index in shown.errors.indices {
            shown.errors[index].error.timestamp = shown.errors[index].error.timestamp.map(zone.display)
            shown.errors[index].error.firstSeen = shown.errors[index].error.firstSeen.map(zone.display)
            shown.errors[index].error.lastSeen = shown.errors[index].error.lastSeen.map(zone.display)
        }
        return shown
    }
}
