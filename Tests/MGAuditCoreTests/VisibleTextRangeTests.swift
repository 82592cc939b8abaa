import Testing
@testable import MGAuditCore

@Suite struct VisibleTextRangeTests {
    /// The fast path of `isInvisible` must agree with the category lookup on every code point it skips.
    @Test func printableRangesAreVisible() throws {
        for range in VisibleText.printableRanges {
            for code in range {
                let scalar = try #require(Unicode.Scalar(code))
                #expect(!VisibleText.isInvisibleByCategory(scalar), "U+\(String(code, radix: 16))")
            }
        }
        // The switch in `isInvisible` covers exactly these ranges (all in the BMP; above it the
        // category decides either way).
        for code: UInt32 in 0...0xFFFF {
            guard let scalar = Unicode.Scalar(code) else { continue }
            let listed = VisibleText.printableRanges.contains { $0.contains(code) }
            if listed || !VisibleText.isInvisibleByCategory(scalar) { continue }
            #expect(VisibleText.isInvisible(scalar), "U+\(String(code, radix: 16))")
        }
        for range in VisibleText.printableRanges {
            for code in [range.lowerBound, range.upperBound] {
                #expect(!VisibleText.isInvisible(try #require(Unicode.Scalar(code))))
            }
        }
        // And the neighbours that must stay invisible are outside them.
        for code: UInt32 in [0x20, 0x7F, 0x3000, 0x302A, 0xFEFF, 0x200B] {
            let scalar = try #require(Unicode.Scalar(code))
            #expect(VisibleText.isInvisible(scalar), "U+\(String(code, radix: 16))")
        }
    }
}
