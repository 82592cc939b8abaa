import Foundation
import Testing
@testable import MGAuditCore

/// The byte-level helpers of `TextDecoding` give what the Character-level and Foundation code gives.
@Suite struct TextDecodingFastPathTests {
    @Test func linesCutAsSplitDoes() {
        var generator = MutatedInputTests.Seeded(state: 20261205)
        let pieces = ["a", "URI1", "\n", "\n\n", "\r\n", "\r", "ドメイン", "\u{301}", "\u{3000}", " ", ""]
        for _ in 0..<3_000 {
            let count = Int.random(in: 0...8, using: &generator)
            let text = (0..<count).map { _ in pieces[Int.random(in: 0..<pieces.count, using: &generator)] }.joined()
            for omitting in [false, true] {
                let expected = text.split(separator: "\n", omittingEmptySubsequences: omitting).map(String.init)
                #expect(TextDecoding.lines(text, omittingEmpty: omitting).map(String.init) == expected, "\(text.debugDescription) \(omitting)")
            }
        }
    }

    @Test func utf8IsValidatedAsFoundationDoes() {
        let samples: [[UInt8]] = [[], Array("abc".utf8), Array("日本語\u{0}x".utf8), [0xFF], [0xC3], [0xE3, 0x81], [0xED, 0xA0, 0x80],
                                  [0xF4, 0x90, 0x80, 0x80], [0xC0, 0xAF], Array("ok".utf8) + [0x80]]
        for bytes in samples {
            #expect(TextDecoding.utf8String(Data(bytes)) == String(data: Data(bytes), encoding: .utf8), "\(bytes)")
        }
    }

    @Test func utf16IsDecodedAsFoundationDoes() {
        let samples: [[UInt8]] = [[], [0x41, 0x00], [0x00, 0xD8], [0x00, 0xD8, 0x41, 0x00], [0x00, 0xDC, 0x41, 0x00], [0x3D, 0xD8, 0x00, 0xDE],
                                  [0x41], [0x41, 0x00, 0x42], [0x00, 0x00], [0xFF, 0xFE, 0x41, 0x00], [0xFE, 0xFF, 0x00, 0x41],
                                  Array("お客様名：株式会社\u{3000}例".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })]
        for bytes in samples {
            #expect(TextDecoding.utf16String(Data(bytes), bigEndian: false) == String(data: Data(bytes), encoding: .utf16LittleEndian), "LE \(bytes)")
            #expect(TextDecoding.utf16String(Data(bytes), bigEndian: true) == String(data: Data(bytes), encoding: .utf16BigEndian), "BE \(bytes)")
        }
    }

    @Test func trimmedEndsCutsAsFoundationDoes() {
        let samples = ["", " ", "  a ", "\ta\t", "\u{3000}値\u{3000}", " \u{301}a ", "a", " 😀 ", "\u{A0}x\u{A0}", "\n a \n", " \u{200B} "]
        for text in samples {
            for set in [CharacterSet.whitespaces, .whitespacesAndNewlines, CharacterSet(charactersIn: "・*■●◆-")] {
                #expect(text.trimmedEnds(in: set) == text.trimmingCharacters(in: set), "\(text.debugDescription)")
            }
        }
    }

    @Test func standaloneTextIsJudgedTheSameOverBytes() {
        var samples = ["", "abc", "a\tb", "a\nb", "日本語", "ﾄﾞ", "e\u{301}", "😀", "\u{3000}", "\u{FEFF}x", "ａｂ", "\u{7F}", "é", "\u{2028}", "MAILGATES Σ", "\u{483}"]
        // Each of them at each place of longer plain text (the eight-byte words).
        let plain = "https://abc-mgf.cybermail.jp/mg-cgi/"
        for piece in samples where !piece.isEmpty {
            for place in stride(from: 0, through: plain.count, by: 3) {
                samples.append(String(plain.prefix(place)) + piece + String(plain.dropFirst(place)))
            }
        }
        for text in samples {
            let expected = text.unicodeScalars.allSatisfy { $0.value == 0x09 || Graphemes.isStandalone($0.value) }
            #expect(Graphemes.isStandaloneText(text) == expected, "\(text.debugDescription)")
        }
    }

    /// Every scalar `isStandalone` admits is a character of its own beside any other of them: alone,
    /// doubled, and between ASCII, kana, ideographs and the Greek of 「MAILGATES Σ」. The Unicode rules
    /// that join scalars (extend, spacing marks, prepend, Hangul, regional indicators) would all
    /// show here as a count below the number of scalars.
    @Test func standaloneScalarsNeverJoin() {
        let neighbours: [Unicode.Scalar] = ["a", " ", "ア", "漢", "Σ", "（", "\u{3000}", "é", "Ж", "ｱ"]
        let scalars = (UInt32(0)...0xFFFF).compactMap { Graphemes.isStandalone($0) ? Unicode.Scalar($0) : nil }
        #expect(scalars.count > 20_000)
        // One text per neighbour, `n s s` for every scalar s: a join anywhere shows as a count short
        // of three per scalar; only then is each scalar tried alone, to name it.
        for neighbour in neighbours {
            var text = String.UnicodeScalarView()
            for scalar in scalars {
                text.append(neighbour)
                text.append(scalar)
                text.append(scalar)
            }
            text.append(neighbour)
            guard String(text).count != 3 * scalars.count + 1 else { continue }
            for scalar in scalars {
                var piece = String.UnicodeScalarView()
                piece.append(contentsOf: [neighbour, scalar, scalar, neighbour])
                if String(piece).count != 4 {
                    Issue.record("U+\(String(scalar.value, radix: 16, uppercase: true)) joins \(neighbour) or itself")
                }
            }
        }
    }

    /// A tenant folder is named as the standardized URL names it.
    @Test(arguments: ["/tmp/gen300/tenant-00001", "/tmp/gen300/tenant-00001/", "tenant", "a/b//", "./x", "a/./b", "a/../b", "/a/b/..",
                      "/a/b/.", ".", "..", "/", "//", "a b/c d", "a%20b", "テナント/株式会社", "x;y", "q?r", "#h", "~", "~/x", "a/~", "e\u{301}"])
    func folderNamesAsTheURLGives(_ path: String) {
        #expect(TenantLoader.folderName(path) == URL(fileURLWithPath: path, isDirectory: true).standardizedFileURL.lastPathComponent)
    }

    /// JSON string escaping over bytes gives the scalar-by-scalar escaping.
    @Test func jsonEscapingOverBytesMatchesTheScalarPath() {
        var generator = MutatedInputTests.Seeded(state: 20261206)
        let pieces = ["a", "\"", "\\", "\n", "\r", "\t", "\u{8}", "\u{C}", "\u{1}", "\u{7F}", "日本語", "\u{3000}", "\u{200B}",
                      "\u{FEFF}", "\u{301}", "é", "😀", "\u{E000}", "\u{2028}", "ｱ", "https://x/y?a=b"]
        for _ in 0..<2_000 {
            let count = Int.random(in: 0...10, using: &generator)
            let text = (0..<count).map { _ in pieces[Int.random(in: 0..<pieces.count, using: &generator)] }.joined()
            var fast: [UInt8] = []
            var slow: [UInt8] = []
            Array(text.utf8).withUnsafeBufferPointer { JSONWriter.escape($0, into: &fast) }
            JSONWriter.escapeByScalar(text, into: &slow)
            #expect(fast == slow, "\(text.debugDescription)")
        }
    }

    /// The word-at-a-time look of JSON escaping: each byte it stops at, at each place of longer
    /// plain text, escaped as the scalar path escapes it; and the word test itself on every byte.
    @Test func jsonEscapingFindsEachSpecialByteAtEachPlace() {
        let specials: [String] = ["\"", "\\", "\n", "\u{1}", "\u{1F}", "\u{7F}", "\u{0}", "é", "日", "\u{3000}", "\u{200B}", "😀"]
        let plain = "abcdefghijklmnopqrstuvwxyz 0123456789~!"
        for special in specials {
            for place in 0...plain.count {
                let text = String(plain.prefix(place)) + special + String(plain.dropFirst(place))
                var fast: [UInt8] = []
                var slow: [UInt8] = []
                Array(text.utf8).withUnsafeBufferPointer { JSONWriter.escape($0, into: &fast) }
                JSONWriter.escapeByScalar(text, into: &slow)
                #expect(fast == slow, "\(text.debugDescription)")
            }
        }
        for byte in 0...255 {
            for place in 0..<8 {
                var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 8)
                bytes[place] = UInt8(byte)
                let word = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
                let plainByte = byte >= 0x20 && byte < 0x7F && byte != 0x22 && byte != 0x5C
                #expect(JSONWriter.isPlainWord(word) == plainByte, "byte \(byte) at \(place)")
            }
        }
    }

    /// The word tests against the bytes, on random words and on words of one byte value each.
    @Test func wordTestsAreTheByteTests() {
        var generator = MutatedInputTests.Seeded(state: 20261204)
        var words: [[UInt8]] = (0...255).map { [UInt8](repeating: UInt8($0), count: 8) }
        for _ in 0..<20_000 {
            words.append((0..<8).map { _ in
                Int.random(in: 0..<4, using: &generator) == 0 ? UInt8.random(in: 0...255, using: &generator) : UInt8.random(in: 0x20...0x7E, using: &generator)
            })
        }
        for bytes in words {
            let word = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
            #expect(TextDecoding.wordIsPrintableASCII(word) == bytes.allSatisfy { $0 >= 0x20 && $0 <= 0x7E }, "\(bytes)")
            for probe: UInt8 in [0x00, 0x0A, 0x22, 0x26, 0x3C, 0x3E, 0x5C, 0x7F, 0x80, 0xFF] {
                #expect(TextDecoding.wordHasByte(word, probe) == bytes.contains(probe), "\(bytes) \(probe)")
            }
        }
    }

    /// `afterWords` stops at the first whole word that fails, or where fewer than eight bytes are left.
    @Test func afterWordsStopsAtTheFirstFailingWord() {
        let bytes = Array("abcdefgh ijklmno\npqrstuvwxyz0123456789".utf8)
        bytes.withUnsafeBufferPointer { buffer in
            for start in 0...buffer.count + 2 {
                var expected = max(0, start)
                while expected + 8 <= buffer.count, !buffer[expected..<(expected + 8)].contains(0x0A) { expected += 8 }
                #expect(TextDecoding.afterWords(in: buffer, from: start, while: TextDecoding.wordIsPrintableASCII) == expected, "\(start)")
            }
        }
        #expect([UInt8]().withUnsafeBufferPointer { TextDecoding.afterWords(in: $0, from: 0) { _ in true } } == 0)
    }

    /// Markdown escaping scalar by scalar gives the Character-level escaping, on text where it is used.
    @Test func markdownEscapingByScalarMatchesTheCharacterPath() {
        var generator = MutatedInputTests.Seeded(state: 20261207)
        let pieces = ["a", "_", "__", "mg_login", "<", ">", "&", "\\", "`", "*", "[", "]", "|", "~", "#", "一", "５", "Ⅻ",
                      "日本語", "\u{3000}", " ", "é", "ｱ", "1", "(", "。", "💡", "Σ", "Ж", "ʹ"]
        var checked = 0
        for _ in 0..<3_000 {
            let count = Int.random(in: 0...10, using: &generator)
            let text = (0..<count).map { _ in pieces[Int.random(in: 0..<pieces.count, using: &generator)] }.joined()
            guard Graphemes.isStandaloneText(text) else { continue }
            checked += 1
            #expect(MarkdownText.escapeByScalar(text) == MarkdownText.escapeByCharacter(text), "\(text.debugDescription)")
        }
        #expect(checked > 1_000)
    }

    /// Files are read in place into a buffer of their size and one byte: every size around the
    /// old chunk, an empty file, and a file that reports no size (`/proc`) read whole.
    @Test func filesReadWholeAtEverySize() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mgaudit-read-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for size in [0, 1, 2, 4095, 4096, 4097, 8193, 100_000] {
            let bytes = Data((0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
            let file = folder.appendingPathComponent("f\(size)")
            try bytes.write(to: file)
            #expect(try TextDecoding.readData(path: file.path) == bytes, "\(size)")
        }
        let proc = "/proc/self/cmdline"
        if FileManager.default.fileExists(atPath: proc) {
            #expect(try !TextDecoding.readData(path: proc).isEmpty)
        }
    }
}
