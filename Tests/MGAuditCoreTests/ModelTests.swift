import Foundation
import Testing
@testable import MGAuditCore

@Suite struct ModelTests {
    @Test func secretValueNeverEncodesItsValue() throws {
        let secret = SecretValue("abC8Q~verysecretvalue1234567890")
        let data = try JSONEncoder().encode(GatewaySettings(applicationId: "x", clientSecret: secret))
        let text = String(decoding: data, as: UTF8.self)
        #expect(!text.contains("verysecretvalue"))
        #expect(text.contains("abC"))
        #expect(!"\(secret)".contains("verysecret"))
    }

    @Test func languageFromLocale() {
        #expect(Language.fromEnvironment(["LANG": "ja_JP.UTF-8"]) == .ja)
        #expect(Language.fromEnvironment(["LC_ALL": "en_US.UTF-8", "LANG": "ja_JP.UTF-8"]) == .en)
        #expect(Language.fromEnvironment([:]) == .en)
    }
}

@Suite struct VisibleTextTests {
    @Test func escapesInvisibleCharacters() {
        #expect(VisibleText.escape("https://a\u{3000}b") == "https://a⟨U+3000⟩b")
        #expect(VisibleText.escape("x\u{200B}y") == "x⟨U+200B⟩y")
        #expect(VisibleText.escape(" a b ") == "⟨U+0020⟩a b⟨U+0020⟩")
        #expect(VisibleText.escape("a\u{00A0}b") == "a⟨U+00A0⟩b")
        #expect(VisibleText.escape("\u{FEFF}a") == "⟨U+FEFF⟩a")
        #expect(VisibleText.escape("ｍｇ") == "ｍｇ")
    }
}
