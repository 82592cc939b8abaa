import Foundation

/// `calendar.yaml`: every sentence of the renewal calendar, in ja and en.
public struct CalendarTexts: Sendable, Codable, Hashable {
    public static let fileName = "calendar.yaml"

    public struct NoEvent: Sendable, Codable, Hashable {
        public var noReadableEnd: LocalizedText
        public var expired: LocalizedText
    }

    public var renewalSummary: LocalizedText
    public var expirySummary: LocalizedText
    public var details: LocalizedText
    public var renewalIntro: LocalizedText
    /// When the renewal day is already past on the audit day (the event is then on the audit day).
    public var renewalIntroLate: LocalizedText
    public var expiryIntro: LocalizedText
    public var steps: LocalizedText
    public var alarm: LocalizedText
    public var unknown: LocalizedText
    public var noEvent: NoEvent

    public static func load(directory: URL) throws -> CalendarTexts {
        try YAMLFile.decode(CalendarTexts.self, from: directory.appendingPathComponent(fileName))
    }
}

/// A display alarm some days before an event's start.
public struct ICSAlarm: Sendable, Hashable {
    public var days: Int
    public var description: String
    public init(days: Int, description: String) {
        self.days = days
        self.description = description
    }
}

/// One all-day event of an iCalendar file.
public struct ICSEvent: Sendable, Hashable {
    public var uid: String
    /// `YYYYMMDD`.
    public var day: String
    public var summary: String
    public var description: String
    /// Days before the start, with the alarm's text.
    public var alarms: [ICSAlarm]

    public init(uid: String, day: String, summary: String, description: String, alarms: [ICSAlarm]) {
        self.uid = uid
        self.day = day
        self.summary = summary
        self.description = description
        self.alarms = alarms
    }
}

/// RFC 5545 output: CRLF line ends, lines folded at 75 octets (never inside a UTF-8 character,
/// continuation lines start with one space), TEXT values escaped.
public enum ICSWriter {
    public static let productId = "-//MailGates mgaudit//renewal calendar//EN"
    public static let maximumOctets = 75

    /// TEXT escaping: `\` `;` `,` and a newline become `\\` `\;` `\,` `\n`; a CR is dropped
    /// (CRLF and CR alike end a line of the source text).
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n": out += "\\n"
            case "\r": continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// One content line, folded, with its CRLF.
    public static func fold(_ line: String) -> String {
        var out = ""
        var octets = 0
        for scalar in line.unicodeScalars {
            let width = String(scalar).utf8.count
            if octets + width > maximumOctets {
                out += "\r\n "
                octets = 1
            }
            out.unicodeScalars.append(scalar)
            octets += width
        }
        return out + "\r\n"
    }

    /// The calendar; `stamp` is `YYYYMMDD` (DTSTAMP at 00:00:00 UTC of that day).
    public static func calendar(_ events: [ICSEvent], stamp: String) -> String {
        begin() + events.map { event($0, stamp: stamp) }.joined() + end()
    }

    /// The calendar's opening lines (a stream writes `begin`, each `event`, then `end`).
    public static func begin() -> String {
        ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:" + productId, "CALSCALE:GREGORIAN", "METHOD:PUBLISH"].map(fold).joined()
    }

    public static func end() -> String { fold("END:VCALENDAR") }

    /// One VEVENT with its alarms.
    public static func event(_ event: ICSEvent, stamp: String) -> String {
        var lines = ["BEGIN:VEVENT", "UID:" + event.uid, "DTSTAMP:" + stamp + "T000000Z",
                     "DTSTART;VALUE=DATE:" + event.day, "DTEND;VALUE=DATE:" + nextDay(event.day),
                     "SUMMARY:" + escape(event.summary), "DESCRIPTION:" + escape(event.description), "TRANSP:TRANSPARENT"]
        for alarm in event.alarms {
            lines += ["BEGIN:VALARM", "ACTION:DISPLAY", "TRIGGER;RELATED=START:-P\(alarm.days)D",
                      "DESCRIPTION:" + escape(alarm.description), "END:VALARM"]
        }
        lines.append("END:VEVENT")
        return lines.map(fold).joined()
    }

    /// `YYYYMMDD` of the day after (DTEND of an all-day event is exclusive).
    static func nextDay(_ day: String) -> String {
        guard let date = EntraDate.calendarDay(dashed(day)) else { return day }
        return compact(date.addingTimeInterval(86_400))
    }

    static func dashed(_ day: String) -> String {
        let chars = Array(day)
        guard chars.count == 8 else { return day }
        return String(chars[0..<4]) + "-" + String(chars[4..<6]) + "-" + String(chars[6..<8])
    }

    /// `YYYYMMDD` (UTC).
    public static func compact(_ date: Date) -> String {
        EntraDate.day(date).replacingOccurrences(of: "-", with: "")
    }
}

/// The renewal calendar of a secret inventory: for each secret not yet expired with a readable
/// end, a renewal event `window` days before the end (or on the audit day when that is already
/// past) with alarms 30 and 7 days before it, and an event on the end day.
public struct RenewalCalendar: Sendable {
    public static let alarmDays = [30, 7]

    public var texts: CalendarTexts
    public var language: Language
    public var window: Int

    public init(texts: CalendarTexts, language: Language, window: Int) {
        self.texts = texts
        self.language = language
        self.window = window
    }

    /// The .ics text and one line per secret that got no event.
    public func render(_ entries: [SecretEntry], asOf: Date) -> (ics: String, skipped: [String]) {
        let (events, skipped) = events(entries, asOf: asOf)
        return (ICSWriter.calendar(events, stamp: ICSWriter.compact(asOf)), skipped)
    }

    /// The events of `entries`, in their order, and one line per secret that got no event.
    public func events(_ entries: [SecretEntry], asOf: Date) -> (events: [ICSEvent], skipped: [String]) {
        var events: [ICSEvent] = []
        var skipped: [String] = []
        var seen: [String: Int] = [:]
        for entry in entries {
            let values = placeholders(entry)
            switch entry.state {
            case .unreadableDate, .noEndDate:
                skipped.append(fill(texts.noEvent.noReadableEnd, values))
                continue
            case .expired:
                skipped.append(fill(texts.noEvent.expired, values))
                continue
            case .valid, .expiring, .notYetValid:
                break
            }
            guard let end = entry.endDate else {
                skipped.append(fill(texts.noEvent.noReadableEnd, values))
                continue
            }
            let subject = (entry.appId ?? "") + "\u{1F}" + (entry.keyId ?? "")
            let key = entry.tenant + "\u{1F}" + subject
            let occurrence = (seen[key] ?? 0) + 1
            seen[key] = occurrence
            let planned = end.addingTimeInterval(-Double(window) * 86_400)
            let dueDate = max(planned, asOf)
            let intro = planned < asOf ? texts.renewalIntroLate : texts.renewalIntro
            var withDue = values
            withDue["due"] = EntraDate.day(dueDate)
            let details = fill(texts.details, withDue)
            events.append(ICSEvent(
                uid: Fingerprint.of(tenant: entry.tenant, rule: "calendar-renewal", subject: subject, occurrence: occurrence) + "@mgaudit",
                day: ICSWriter.compact(dueDate), summary: fill(texts.renewalSummary, withDue),
                description: [fill(intro, withDue), details, fill(texts.steps, withDue)].joined(separator: "\n\n"),
                alarms: Self.alarmDays.map { days in
                    var withDays = withDue
                    withDays["days"] = String(days)
                    return ICSAlarm(days: days, description: fill(texts.alarm, withDays))
                }))
            events.append(ICSEvent(
                uid: Fingerprint.of(tenant: entry.tenant, rule: "calendar-expiry", subject: subject, occurrence: occurrence) + "@mgaudit",
                day: ICSWriter.compact(end), summary: fill(texts.expirySummary, withDue),
                description: [fill(texts.expiryIntro, withDue), details, fill(texts.steps, withDue)].joined(separator: "\n\n"),
                alarms: []))
        }
        return (events, skipped)
    }

    /// The events of one tenant as text, for a stream (`batch --ics`), and the lines of the secrets without one.
    public func eventText(of bundle: TenantBundle, asOf: Date) -> (text: String, skipped: [String]) {
        let (events, skipped) = events(SecretInventory.entries(of: [bundle], asOf: asOf, expiringWithin: window), asOf: asOf)
        let stamp = ICSWriter.compact(asOf)
        return (events.map { ICSWriter.event($0, stamp: stamp) }.joined(), skipped)
    }

    /// Input text shown as mgaudit shows it (invisible characters as code points), so no control
    /// character reaches the file.
    func placeholders(_ entry: SecretEntry) -> [String: String] {
        let unknown = texts.unknown.text(language)
        func shown(_ value: String?) -> String {
            guard let value, !value.isEmpty else { return unknown }
            return VisibleText.escape(value)
        }
        return ["tenant": shown(entry.tenant), "appId": shown(entry.appId), "keyId": shown(entry.keyId),
                "hint": shown(entry.hint), "end": entry.end ?? unknown, "window": String(window)]
    }

    func fill(_ template: LocalizedText, _ values: [String: String]) -> String {
        MessageTemplate.fill(template.text(language), values)
    }
}
