import XCTest
@testable import MGAuditCore

final class RedactionTests: XCTestCase {
    let jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlc2lnbmF0dXJl"
    let secret = "abc8Q~Zq1xY2wV3uT4sR5qP6oN7mL8kJ9iH0gF_e"

    func testQueryAndFormParameters() {
        XCTAssertEqual(Redaction.redact("grant_type=client_credentials&client_secret=s3cr3t-value&scope=x"),
                       "grant_type=client_credentials&client_secret=[REDACTED]&scope=x")
        XCTAssertEqual(Redaction.redact("https://a/cb#access_token=\(jwt)&token_type=Bearer"),
                       "https://a/cb#access_token=[REDACTED]&token_type=Bearer")
        XCTAssertEqual(Redaction.redact("?code=0.AXoAabcdefghijklmnopqrstuvwxyz0123&state=1"), "?code=[REDACTED]&state=1")
    }

    func testJSONAndLogForms() {
        XCTAssertEqual(Redaction.redact(#"{"client_secret": "hunter2hunter2", "a": 1}"#), #"{"client_secret": "[REDACTED]", "a": 1}"#)
        XCTAssertEqual(Redaction.redact("2026-01-01 POST refresh_token: 0.ARwAxyz"), "2026-01-01 POST refresh_token: [REDACTED]")
    }

    /// Redacting JSON output must leave valid JSON: a value ends at a backslash (an escaped quote).
    func testStopsAtABackslashSoJSONStaysValid() {
        XCTAssertEqual(Redaction.redact(#""text": "client_secret=abc\"x\" y""#), #""text": "client_secret=[REDACTED]\"x\" y""#)
        XCTAssertEqual(Redaction.redact(#"{"m": "password: \"hunter2\""}"#), #"{"m": "password: \"[REDACTED]\""}"#)
    }

    func testBareTokensAndSecretValues() {
        XCTAssertEqual(Redaction.redact("Bearer \(jwt) end"), "Bearer [REDACTED] end")
        XCTAssertEqual(Redaction.redact("value \(secret)."), "value [REDACTED].")
        XCTAssertTrue(Redaction.looksLikeSecret(secret))
        XCTAssertFalse(Redaction.looksLikeSecret("11111111-2222-3333-4444-555555555555"))
    }

    func testLeavesOrdinaryTextAlone() {
        for text in ["error code: 50011", "AADSTS50011: The redirect URI", "https://abc-mgf.cybermail.jp/mg-cgi/mg_login",
                     "error_codes=[50011]", "client_id=11111111-2222-3333-4444-555555555555", "passwords are fine", "サインイン中に問題が発生しました"] {
            XCTAssertEqual(Redaction.redact(text), text)
        }
    }

    func testPercentEncodedInsideAnotherParameter() {
        XCTAssertEqual(Redaction.redact("?error_description=bad+client_secret%3Dhunter2hunter2%26scope%3Dx&state=1"),
                       "?error_description=bad+client_secret%3D[REDACTED]%26scope%3Dx&state=1")
        XCTAssertEqual(Redaction.redact("a=client_secret%3dhunter2+more"), "a=client_secret%3d[REDACTED]+more")
        XCTAssertEqual(Redaction.redact("value%3A%20\(secret)%0D%0A"), "value%3A%20[REDACTED]%0D%0A")
        XCTAssertEqual(Redaction.redact("%7B%22refresh_token%22%3A%220.ARwAxyz%22%7D"), "%7B%22refresh_token%22%3A%22[REDACTED]%22%7D")
    }

    /// Masking only the lines that hold a candidate gives what one masking pass over the whole
    /// text gives: random texts of names, separators, values, tokens, escapes and line breaks
    /// (among them a `%` two bytes before a break, which the pass looks back at across it).
    func testLineByLineMaskingEqualsTheWholePass() {
        var generator = MutatedInputTests.Seeded(state: 20261210)
        let pieces = ["client_secret", "code", "password", "id_token", "=", ":", ": ", "\"", "'", " ", "\n", "\r\n", "%", "%3D", "%22",
                      "%26", "+", "&", "hunter2hunter2", "0.AXoAabcdefghijklmnopqrstuvwxyz0123", jwt, secret, "eyJ", "Q~", "x", "A", "1",
                      "<code>", "日本語", ".", "-", "\\\"", "_", "\t"]
        var masked = 0
        for _ in 0..<4_000 {
            let count = Int.random(in: 0...14, using: &generator)
            let text = (0..<count).map { _ in pieces[Int.random(in: 0..<pieces.count, using: &generator)] }.joined()
            let bytes = Array(text.utf8)
            var whole: [UInt8] = []
            bytes.withUnsafeBufferPointer { Redaction.maskLine($0, from: 0, to: $0.count, into: &whole) }
            let expected = bytes.count >= 8 ? String(decoding: whole, as: UTF8.self) : text
            let redacted = Redaction.redact(text)
            if redacted != text { masked += 1 }
            XCTAssertEqual(redacted, expected, text.debugDescription)
            // The byte form masks the same, and hands back what it was given when nothing is masked.
            XCTAssertEqual(Redaction.redact(bytes: bytes), Array(expected.utf8), text.debugDescription)
        }
        XCTAssertGreaterThan(masked, 500)
        for text in ["ab%\nAcode=0123456789abcdefghijXYZ", "x%2\nAcode=0123456789abcdefghijXYZ\nok", "line\n\(secret)\nend"] {
            let bytes = Array(text.utf8)
            var whole: [UInt8] = []
            bytes.withUnsafeBufferPointer { Redaction.maskLine($0, from: 0, to: $0.count, into: &whole) }
            XCTAssertEqual(Redaction.redact(text), String(decoding: whole, as: UTF8.self), text.debugDescription)
        }
    }

    /// The pair-table look finds what asking at every byte finds, from every place, on random
    /// texts of the names' pieces in both cases, and on every byte pair after every byte.
    func testPairTableFindsWhatEveryByteFinds() {
        var generator = MutatedInputTests.Seeded(state: 20261204)
        let pieces = ["client_secret", "CLIENT_ASSERTION", "Code", "pAssword", "Id_Token", "refresh_token", "assertion", "access_token",
                      "=", ":", "\"", " ", "%", "%3D", "\n", "eyJ", "EYj", "ey", "Q~", "q~", "q", "~", "c", "a", "i", "r", "p", "e",
                      "x", "_", "1", "日本語", jwt, secret, "<code>"]
        var found = 0
        for _ in 0..<6_000 {
            let count = Int.random(in: 0...12, using: &generator)
            let bytes = Array((0..<count).map { _ in pieces[Int.random(in: 0..<pieces.count, using: &generator)] }.joined().utf8)
            bytes.withUnsafeBufferPointer { buffer in
                for from in 0...buffer.count + 1 {
                    let expected = Redaction.firstCandidateByByte(in: buffer, from: from)
                    if expected != nil { found += 1 }
                    XCTAssertEqual(Redaction.firstCandidate(in: buffer, from: from), expected, "\(bytes) from \(from)")
                }
            }
        }
        XCTAssertGreaterThan(found, 5_000)
        for first in 0...255 {
            for second in 0...255 {
                let bytes: [UInt8] = [0x20, UInt8(first), UInt8(second), UInt8(ascii: "j"), UInt8(ascii: "=")]
                bytes.withUnsafeBufferPointer { buffer in
                    XCTAssertEqual(Redaction.firstCandidate(in: buffer, from: 0), Redaction.firstCandidateByByte(in: buffer, from: 0), "\(bytes)")
                }
            }
        }
    }

    func testLinearOnLongInput() {
        let text = String(repeating: "client_secret=x&", count: 50_000)
        XCTAssertEqual(Redaction.redact(text), String(repeating: "client_secret=[REDACTED]&", count: 50_000))
    }
}
