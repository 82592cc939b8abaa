/// Text in which every scalar is a character (grapheme cluster) of its own: there a scalar, and
/// an ASCII byte, can be compared where the Character-level code compares characters, which is
/// what the byte-level fast paths of the sheet reader and the renderers rely on.
enum Graphemes {
    /// Scalars that never join another into one character (no combining mark, joiner, spacing
    /// mark, prepend or control among them): printable ASCII and Latin-1/Latin Extended, Greek
    /// (the Σ of 「MAILGATES Σ」) and Cyrillic without its combining marks, general punctuation
    /// without the joiners and format controls, box drawing and shapes, CJK symbols
    /// and kana without the combining marks, CJK ideographs, full-width forms and half-width
    /// katakana without the sound marks. In text made only of them every scalar is a character.
    static func isStandalone(_ value: UInt32) -> Bool {
        switch value {
        case 0x20...0x7E, 0xA0...0x2FF, 0x370...0x482, 0x2010...0x2027, 0x2030...0x205E, 0x2500...0x25FF, 0x3000...0x3029,
             0x3030...0x3098, 0x309B...0x30FF, 0x4E00...0x9FFF, 0xFF01...0xFF9D: true
        default: false
        }
    }

    /// Whether every scalar of the text is a character of its own (`isStandalone`, or a tab, which
    /// as a control never joins another): then a scalar, and an ASCII byte, is a character.
    static func isStandaloneText<S: StringProtocol>(_ text: S) -> Bool {
        if let answer = text.utf8.withContiguousStorageIfAvailable(standaloneBytes) { return answer }
        return text.unicodeScalars.allSatisfy { $0.value == 0x09 || isStandalone($0.value) }
    }

    /// `isStandaloneText` over UTF-8 bytes: ASCII by a range test, other scalars decoded in place.
    private static func standaloneBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        TextDecoding.allScalars(in: bytes, printableASCIIOr: 0x09, other: isStandalone)
    }
}
