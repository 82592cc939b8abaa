import Foundation

/// Entra writes dates as ISO 8601 UTC with 0–7 fractional digits ("2025-04-01T02:03:04.1234567Z").
public enum EntraDate {
    public static func parse(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        // Drop fractional seconds: ISO8601DateFormatter accepts at most milliseconds.
        var base = trimmed
        if let dot = trimmed.firstIndex(of: "."), let zone = trimmed[dot...].firstIndex(where: { $0 == "Z" || $0 == "+" || $0 == "-" }) {
            base = String(trimmed[..<dot]) + String(trimmed[zone...])
        }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: base) { return date }
        formatter.formatOptions = [.withFullDate]
        return formatter.date(from: base)
    }

    /// `YYYY-MM-DD` in UTC, the form every report uses.
    public static func day(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}
