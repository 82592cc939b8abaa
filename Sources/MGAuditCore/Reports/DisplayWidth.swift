/// Terminal column widths, so caret lines sit under the right character even after full-width
/// (CJK) text. Invisible characters never reach this: renderers escape them first.
enum DisplayWidth {
    /// 2 for East Asian Wide and Fullwidth characters, 1 otherwise.
    static func of(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        for range in wideRanges where range.contains(value) { return 2 }
        return 1
    }

    static func of(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + of($1) }
    }

    /// The main Wide/Fullwidth blocks of Unicode's EastAsianWidth.txt; enough for Japanese text,
    /// full-width ASCII and common emoji.
    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x2E80...0x303E,
        0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F,
        0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60,
        0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]
}
