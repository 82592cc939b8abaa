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
}
