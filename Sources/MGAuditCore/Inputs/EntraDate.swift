import Foundation

/// Entra writes dates as ISO 8601 UTC with 0–7 fractional digits ("2025-04-01T02:03:04.1234567Z").
/// Parsed by hand: a date formatter per call was the slowest part of reading a manifest.
public enum EntraDate {
    /// A calendar day (`2025-04-01`) or a date and time (`T` or a space, `HH:MM:SS`, optional
    /// fraction, `Z`, `±HH:MM` or no zone = UTC). Impossible days (`2026-02-31`, `2026-13-45`) are nil.
    public static func parse(_ text: String) -> Date? { parse(text, requireTime: false) }

    /// A credential's `startDateTime`/`endDateTime` as the exports write them: ISO 8601 with `T`
    /// and seconds (`Z`, an offset, or no zone as PowerShell 7 writes an unspecified DateTime), or
    /// Windows PowerShell 5.1's `/Date(1709625600000)/` (milliseconds since 1970, an optional
    /// `+0900` that only says how it was displayed). Entra never writes a lower-case `z`, a time
    /// without seconds or a bare day there, so those are refused: a value read wrongly must not
    /// decide whether a secret is valid.
    public static func parseTimestamp(_ text: String) -> Date? {
        if text.hasPrefix("/Date(") || text.hasPrefix("\\/Date(") { return parseMicrosoftJSON(text) }
        return parse(text, requireTime: true)
    }

    /// Years an export can mean: 0001–9999 (.NET's DateTime range).
    static let millisecondRange: ClosedRange<Int64> = -62_135_596_800_000...253_402_300_799_999

    /// `/Date(ms)/` or `/Date(ms+hhmm)/` (also with JSON's `\/` left in). Checked arithmetic: the
    /// digits are bounded and every step reports overflow.
    static func parseMicrosoftJSON(_ text: String) -> Date? {
        var body = Substring(text)
        for (prefix, suffix) in [("/Date(", ")/"), ("\\/Date(", ")\\/")] where body.hasPrefix(prefix) && body.hasSuffix(suffix) {
            body = body.dropFirst(prefix.count).dropLast(suffix.count)
            var bytes = Array(body.utf8)
            var negative = false
            if bytes.first == 0x2D { negative = true; bytes.removeFirst() }
            // An offset after the digits (+0900 / -0500) is display only: the milliseconds are UTC.
            if let sign = bytes.firstIndex(where: { $0 == 0x2B || $0 == 0x2D }) {
                let zone = bytes[(sign + 1)...]
                guard zone.count == 4, zone.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
                bytes = Array(bytes[..<sign])
            }
            guard !bytes.isEmpty, bytes.count <= 18 else { return nil }
            var value: Int64 = 0
            for byte in bytes {
                guard byte >= 0x30 && byte <= 0x39 else { return nil }
                let (times, overflow) = value.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = times.addingReportingOverflow(Int64(byte - 0x30))
                guard !overflow, !overflow2 else { return nil }
                value = sum
            }
            if negative { value = -value }
            guard millisecondRange.contains(value) else { return nil }
            return Date(timeIntervalSince1970: TimeInterval(value) / 1000)
        }
        return nil
    }

    static func parse(_ text: String, requireTime: Bool) -> Date? {
        let bytes = Array(text.utf8.drop { $0 == 0x20 })
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[range] {
                guard byte >= 0x30 && byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        guard let year = number(0..<4), bytes.count >= 10, bytes[4] == 0x2D, bytes[7] == 0x2D,
              let month = number(5..<7), let day = number(8..<10), (1...12).contains(month),
              (1...daysInMonth(year: year, month: month)).contains(day)
        else { return nil }
        var seconds = 0
        var index = 10
        if requireTime && bytes.count <= 10 { return nil }
        if bytes.count > 10 {
            // A time must follow as THH:MM:SS (or " HH:MM:SS", as in error descriptions).
            guard bytes[10] == 0x54 || (bytes[10] == 0x20 && !requireTime), let hour = number(11..<13), bytes.count > 13, bytes[13] == 0x3A,
                  let minute = number(14..<16), bytes.count > 16, bytes[16] == 0x3A, let second = number(17..<19),
                  hour < 24, minute < 60, second < 61
            else { return nil }
            seconds = hour * 3600 + minute * 60 + second
            index = 19
            if index < bytes.count, bytes[index] == 0x2E {
                index += 1
                let digits = index
                while index < bytes.count, bytes[index] >= 0x30 && bytes[index] <= 0x39 { index += 1 }
                guard index > digits else { return nil }
            }
            var offset = 0
            if index < bytes.count, bytes[index] == 0x5A {
                index += 1
            } else if index < bytes.count, bytes[index] == 0x2B || bytes[index] == 0x2D {
                let sign = bytes[index] == 0x2B ? 1 : -1
                guard let zoneHour = number(index + 1..<index + 3), zoneHour < 24 else { return nil }
                var next = index + 3
                if next < bytes.count, bytes[next] == 0x3A { next += 1 }
                guard let zoneMinute = number(next..<next + 2), zoneMinute < 60 else { return nil }
                offset = sign * (zoneHour * 3600 + zoneMinute * 60)
                index = next + 2
            }
            seconds -= offset
        }
        guard bytes[index...].allSatisfy({ $0 == 0x20 }) else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        return Date(timeIntervalSince1970: TimeInterval(days * 86_400 + seconds))
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// A calendar day written exactly `YYYY-MM-DD` (ASCII digits), at 00:00 UTC; nil for any other
    /// form and for a day that does not exist (`2026-02-31`): the day read back must be the day
    /// given. What `--as-of` and a suppression's `until` accept.
    public static func calendarDay(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count == 10 else { return nil }
        for (index, byte) in bytes.enumerated() {
            let isDigit = byte >= 0x30 && byte <= 0x39
            guard index == 4 || index == 7 ? byte == 0x2D : isDigit else { return nil }
        }
        guard let date = parse(text), day(date) == text else { return nil }
        return date
    }

    /// `YYYY-MM-DD` in UTC, the form every report uses.
    public static func day(_ date: Date) -> String {
        let days = Int((date.timeIntervalSince1970 / 86_400).rounded(.down))
        let (year, month, day) = civilFromDays(days)
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    // Howard Hinnant's days_from_civil / civil_from_days (proleptic Gregorian, day 0 = 1970-01-01).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp + (mp < 10 ? 3 : -9)
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
