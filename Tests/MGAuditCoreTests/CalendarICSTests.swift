import Foundation
@testable import MGAuditCore
import Testing

@Suite struct CalendarICSTests {
    @Test func escapesText() {
        #expect(ICSWriter.escape("a\\b;c,d\ne\r\nf") == "a\\\\b\\;c\\,d\\ne\\nf")
    }

    /// Every physical line is at most 75 octets and whole UTF-8; unfolding gives the line back.
    @Test(arguments: [0, 1, 2, 3])
    func foldsWithoutSplittingCharacters(shift: Int) {
        let line = "DESCRIPTION:" + String(repeating: "x", count: shift) + String(repeating: "日本語Σé😀", count: 30)
        let folded = ICSWriter.fold(line)
        #expect(folded.hasSuffix("\r\n"))
        // "\r\n" is one Character.
        let physical = folded.dropLast().components(separatedBy: "\r\n")
        #expect(physical.count > 1)
        for (index, part) in physical.enumerated() {
            #expect(part.utf8.count <= 75)
            if index > 0 { #expect(part.hasPrefix(" ")) }
        }
        #expect(physical.enumerated().map { $0 == 0 ? $1 : String($1.dropFirst()) }.joined() == line)
    }

    @Test func bundledTextsHaveBothLanguagesAndKnownPlaceholders() throws {
        let directory = try #require(RulePackLocator.defaultDirectory())
        let texts = try CalendarTexts.load(directory: directory)
        let all = [texts.renewalSummary, texts.expirySummary, texts.details, texts.renewalIntro, texts.renewalIntroLate,
                   texts.expiryIntro, texts.steps, texts.alarm, texts.unknown, texts.noEvent.noReadableEnd, texts.noEvent.expired]
        let known: Set<String> = ["tenant", "appId", "keyId", "hint", "end", "due", "days", "window"]
        for text in all {
            #expect(!text.ja.isEmpty && !text.en.isEmpty)
            for name in MessageTemplate.placeholders(in: text.ja) + MessageTemplate.placeholders(in: text.en) {
                #expect(known.contains(name), "unknown placeholder {\(name)}")
            }
        }
    }

    /// A hint with a newline and an escape character: shown as code points, never raw in the file.
    @Test func controlCharactersNeverReachTheFile() throws {
        let directory = try #require(RulePackLocator.defaultDirectory())
        let calendar = RenewalCalendar(texts: try CalendarTexts.load(directory: directory), language: .en, window: 60)
        let asOf = try #require(EntraDate.calendarDay("2026-12-01"))
        let end = try #require(EntraDate.calendarDay("2027-06-20"))
        let entry = SecretEntry(tenant: "t\u{1B}[31m", appId: "app", keyId: "key", hint: "a\nb", displayName: nil,
                                start: "2025-01-01", end: "2027-06-20", daysLeft: 201, state: .valid, endDate: end)
        let (ics, skipped) = calendar.render([entry], asOf: asOf)
        #expect(skipped.isEmpty)
        #expect(ics.contains("hint a⟨U+000A⟩b"))
        #expect(ics.contains("t⟨U+001B⟩[31m"))
        #expect(!ics.unicodeScalars.contains { $0.value < 0x20 && $0 != "\r" && $0 != "\n" })
        #expect(ics.contains("DTSTART;VALUE=DATE:20270421\r\n"))
        #expect(ics.contains("DTSTAMP:20261201T000000Z\r\n"))
    }
}
