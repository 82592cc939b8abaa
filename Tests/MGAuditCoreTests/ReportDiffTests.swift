import Testing
@testable import MGAuditCore

@Suite struct ReportDiffTests {
    private func diffEvidence(_ segments: [(String, String)]) -> [String: EvidenceValue] {
        ["diff": .list(segments.map { .object(["op": .string($0.0), "text": .string($0.1)]) })]
    }

    @Test func readsAndRebuildsBothStrings() throws {
        let diff = try #require(NearMissDiff(evidence: diffEvidence([("equal", "ab"), ("missing", "-"), ("extra", "_"), ("equal", "c")])))
        #expect(diff.expected == "ab-c")
        #expect(diff.actual == "ab_c")
        #expect(NearMissDiff(evidence: diff.evidence) == diff)
    }

    @Test func rejectsMalformedOrInconsistentDiffs() {
        #expect(NearMissDiff(evidence: [:]) == nil)
        #expect(NearMissDiff(evidence: diffEvidence([("changed", "x")])) == nil)
        #expect(NearMissDiff(evidence: ["diff": .list([.string("x")])]) == nil)
        var wrong = diffEvidence([("equal", "abc")])
        wrong["expected"] = .string("abd")
        #expect(NearMissDiff(evidence: wrong) == nil)
    }

    @Test func caretMarksInsertionPointOfMissingText() {
        let diff = NearMissDiff(segments: [.init(.equal, "abc"), .init(.missing, "-"), .init(.equal, "def")])
        #expect(diff.caretLine == "   ^")
        let atEnd = NearMissDiff(segments: [.init(.equal, "abc"), .init(.missing, "/")])
        #expect(atEnd.caretLine == "   ^")
    }

    @Test func caretsSpanExtraTextAndWideCharacters() {
        let extra = NearMissDiff(segments: [.init(.equal, "ab"), .init(.extra, "--"), .init(.equal, "c")])
        #expect(extra.caretLine == "  ^^")
        // A CJK character before the difference takes two columns.
        let cjk = NearMissDiff(segments: [.init(.equal, "通知x"), .init(.extra, "y")])
        #expect(cjk.caretLine == "     ^")
        // Extra then missing (a substitution) marks only the extra text.
        let swap = NearMissDiff(segments: [.init(.equal, "a"), .init(.extra, "Ｂ"), .init(.missing, "b")])
        #expect(swap.caretLine == " ^^")
        #expect(NearMissDiff(segments: [.init(.equal, "same")]).caretLine == "")
    }

    @Test func differingSpacesAreEscapedAndMarked() {
        let diff = NearMissDiff(segments: [.init(.equal, "a b"), .init(.extra, " "), .init(.equal, "c")])
        #expect(diff.actualPieces.map(\.text).joined() == "a b⟨U+0020⟩c")
        #expect(diff.caretLine == "   " + String(repeating: "^", count: 8))
        let ideographic = NearMissDiff(segments: [.init(.equal, "x"), .init(.extra, "\u{3000}")])
        #expect(ideographic.actualPieces.map(\.text).joined() == "x⟨U+3000⟩")
    }

    @Test func displayWidth() {
        #expect(DisplayWidth.of("abc") == 3)
        #expect(DisplayWidth.of("期待値") == 6)
        #expect(DisplayWidth.of("ｍｇ") == 4)
        #expect(DisplayWidth.of("⟨U+3000⟩") == 8)
        #expect(DisplayWidth.of("Σ") == 1)
    }
}
