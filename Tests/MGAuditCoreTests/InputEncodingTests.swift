import Foundation
import Testing
@testable import MGAuditCore

@Suite struct InputEncodingTests {
    static let manifest = #"{"appId":"x","displayName":"MAILGATES Σ","web":{"redirectUris":["https://abc-mgf.cybermail.jp/mg-cgi/mg_login"]}}"#

    static func bytes(_ text: String, _ encoding: String.Encoding, bom: [UInt8] = []) throws -> Data {
        Data(bom) + (try #require(text.data(using: encoding)))
    }

    @Test(arguments: [
        (String.Encoding.utf16LittleEndian, [UInt8](), TextDecoding.Encoding.utf16LENoBOM),
        (.utf16BigEndian, [], .utf16BENoBOM),
        (.utf32LittleEndian, [], .utf32LENoBOM),
        (.utf32BigEndian, [], .utf32BENoBOM),
        (.utf32LittleEndian, [0xFF, 0xFE, 0x00, 0x00], .utf32LE),
        (.utf32BigEndian, [0x00, 0x00, 0xFE, 0xFF], .utf32BE),
        (.utf16LittleEndian, [0xFF, 0xFE], .utf16LE),
    ])
    func wideEncodingsAreFound(encoding: String.Encoding, bom: [UInt8], expected: TextDecoding.Encoding) throws {
        let data = try Self.bytes(Self.manifest, encoding, bom: bom)
        let (text, found) = try TextDecoding.decode(data, path: "m.json", allowShiftJIS: false)
        #expect(found == expected)
        #expect(text == Self.manifest)
        // Before: a BOM-less UTF-16 manifest was refused or read as "MAILGATES 뷯Σ".
        #expect(try ManifestParser.parse(data: data, path: "m.json").displayName == "MAILGATES Σ")
    }

    @Test func japaneseTextWithoutBOMStartingWithKanji() throws {
        let sheet = "開通通知書\r\nMicrosoft 365_リダイレクトURI1：https://abc-mgf.cybermail.jp/mg-cgi/mg_oauth\r\n　（全角スペース）\r\n"
        for encoding in [String.Encoding.utf16LittleEndian, .utf16BigEndian] {
            let (text, _) = try TextDecoding.decode(try Self.bytes(sheet, encoding), path: "s.txt")
            #expect(text == sheet.replacingOccurrences(of: "\r\n", with: "\n"))
        }
    }

    @Test func oddLengthUTF16IsNamedNotGuessed() throws {
        let data = try Self.bytes(Self.manifest, .utf16LittleEndian).dropLast()
        let error = try #require(throws: InputError.self) { try TextDecoding.decode(Data(data), path: "m.json") }
        #expect(error.problem.contains("odd number of bytes"))
    }

    @Test func eightBitTextIsUnchanged() throws {
        #expect(try TextDecoding.decode(Data("abc\r\nΣ".utf8), path: "a").encoding == .utf8)
        let sjis = try #require("開通通知書 URI1".data(using: .shiftJIS))
        #expect(try TextDecoding.decode(sjis, path: "a").encoding == .shiftJIS)
        // A lone NUL in UTF-8 text is not UTF-16.
        #expect(try TextDecoding.decode(Data("abcdefghijklmnopqrstuvwxyz\u{0}0123456789".utf8), path: "a").encoding == .utf8)
    }

    @Test func readDataRefusesFoldersAndOversizeFromTheSize() throws {
        let folder = try TenantLoaderTests.temporaryFolder([:])
        let error = try #require(throws: InputError.self) { try TextDecoding.readData(path: folder.path) }
        #expect(error.problem.contains("folder"))
        #expect(throws: InputError.self) { try TextDecoding.readData(path: folder.path + "/none") }
    }
}

@Suite struct CredentialDateTests {
    @Test(arguments: [
        ("2026-03-05T08:00:00Z", 1_772_697_600.0),
        ("2026-03-05T08:00:00.1234567Z", 1_772_697_600.0), // fractions are read, not kept: days are what count
        ("2026-03-05T17:00:00+09:00", 1_772_697_600.0),
        ("2026-03-05T08:00:00", 1_772_697_600.0),
        ("/Date(1772697600123)/", 1_772_697_600.123),
        ("/Date(1772697600123+0900)/", 1_772_697_600.123),
        ("/Date(-1000)/", -1.0),
    ])
    func acceptsWhatTheExportsWrite(text: String, epoch: Double) throws {
        let date = try #require(EntraDate.parseTimestamp(text))
        #expect(abs(date.timeIntervalSince1970 - epoch) < 0.000_5)
    }

    @Test(arguments: ["2026-13-45", "2026-03-05T08:00:00.123z", "2026-03-05T08:00Z", "2026-03-05", "2026-02-31T00:00:00Z",
                      "2026-03-05 08:00:00Z", "2026-03-05T08:00:00.Z", "/Date(99999999999999999999)/", "/Date(253402300800000)/",
                      "/Date()/", "/Date(12a)/", "/Date(1+09)/", "1772697600123"])
    func refusesTheRest(text: String) {
        #expect(EntraDate.parseTimestamp(text) == nil)
    }

    @Test func impossibleCalendarDaysAreRefused() {
        // Before: 2026-02-31 was read as 2026-03-03 (also for --as-of).
        #expect(EntraDate.parse("2026-02-31") == nil)
        #expect(EntraDate.parse("2025-02-29") == nil)
        #expect(EntraDate.parse("2024-02-29") != nil)
        #expect(EntraDate.parse("2100-02-29") == nil)
        #expect(EntraDate.parse("2000-02-29") != nil)
    }
}
