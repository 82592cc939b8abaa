import Testing
@testable import MGAuditCore

@Suite struct ReportTextTests {
    private func render(_ language: Language, colour: Bool = false) throws -> String {
        try TextReport(colour: colour).render(ReportFixture.report, language: language)
    }

    @Test func nearMissShowsCaretUnderTheMissingHyphen() throws {
        let lines = try render(.en).components(separatedBy: "\n")
        let index = try #require(lines.firstIndex { $0.hasPrefix("    expected: https://abc-mgf") })
        #expect(lines[index + 1] == "    actual:   https://abcmgf.cybermail.jp/mg-cgi/mg_login")
        #expect(lines[index + 2] == "                         ^")
    }

    @Test func japaneseLabelsAlignByDisplayWidth() throws {
        let lines = try render(.ja).components(separatedBy: "\n")
        let index = try #require(lines.firstIndex { $0.contains("期待値:") && $0.contains("abc-mgf") })
        // 期待値 is 6 columns, 実際の値 8: both values start at column 4 + 10.
        #expect(lines[index] == "    期待値:   https://abc-mgf.cybermail.jp/mg-cgi/mg_login")
        #expect(lines[index + 1] == "    実際の値: https://abcmgf.cybermail.jp/mg-cgi/mg_login")
        #expect(lines[index + 2] == String(repeating: " ", count: 14 + 11) + "^")
    }

    @Test func fullWidthLetterGetsTwoCarets() throws {
        let lines = try render(.en).components(separatedBy: "\n")
        let index = try #require(lines.firstIndex { $0.hasPrefix("    actual:   https://xyz-mgf.cybermail.jp/ｍg") })
        #expect(lines[index + 1] == String(repeating: " ", count: 14 + 29) + "^^")
    }

    @Test func invisibleCharactersAreShownAsCodePoints() throws {
        let text = try render(.ja)
        #expect(text.contains("対象: https://xyz-mgf.cybermail.jp/mg-cgi/mg_login⟨U+3000⟩"))
        #expect(text.contains("    character: ⟨U+3000⟩"))
        #expect(!text.contains("\u{3000}"))
    }

    @Test func findingsSortedBySeverityThenRule() throws {
        let text = try render(.en)
        let order = ["[error] implicit-id-token-disabled", "[error] uri-near-miss", "[warning] secret-expiring",
                     "[info] display-name-differs"].compactMap { text.range(of: $0)?.lowerBound }
        #expect(order.count == 4)
        #expect(order == order.sorted())
    }

    @Test func labelsFollowTheLanguage() throws {
        let ja = try render(.ja)
        #expect(ja.contains("[エラー] uri-near-miss"))
        #expect(ja.contains("修正手順: OAuth クライアントID作成手順 7"))
        #expect(ja.contains("合計: テナント 3 件、エラー 4 件、警告 2 件、情報 1 件"))
        #expect(ja.contains("問題は見つかりませんでした。"))
        let en = try render(.en)
        #expect(en.contains("Guide step: OAuth client ID setup, step 7"))
        #expect(en.contains("What to do: Under Implicit grant and hybrid flows, tick ID tokens and click Save."))
        #expect(en.hasSuffix("Total: 3 tenants, 4 errors, 2 warnings, 1 info\n"))
        #expect(!en.contains("エラー"))
    }

    @Test func colourOnlyWhenAsked() throws {
        #expect(!(try render(.en)).contains("\u{1B}["))
        let coloured = try render(.en, colour: true)
        #expect(coloured.contains("\u{1B}[1;31m[error]\u{1B}[0m"))
        #expect(coloured.contains("\u{1B}[31m^\u{1B}[0m"))
    }

    @Test func plainExpectedActualHasNoCarets() throws {
        let lines = try render(.en).components(separatedBy: "\n")
        let index = try #require(lines.firstIndex { $0 == "    expected: MAILGATES Σ" })
        #expect(lines[index + 1] == "    actual:   MAILGATES Σ test")
        #expect(!lines[index + 2].contains("^"))
    }

    @Test func controlCharactersCannotDriveTheTerminal() throws {
        let finding = Finding(
            rule: "uri-whitespace", severity: .error, subject: "https://a\u{1B}[2Jb",
            title: LocalizedText(ja: "t", en: "t"),
            message: LocalizedText(ja: "m", en: "line one\nURI https://a\u{200B}b\u{1B}]0;x\u{07}"),
            evidence: ["raw": .string("\u{1B}[31mred")], guideStep: LocalizedText(ja: "g", en: "g"))
        let report = AuditReport(asOf: "2025-04-01", tenants: [TenantResult(name: "t\u{1B}", inputs: [], findings: [finding])])
        let text = try TextReport(colour: false).render(report, language: .en)
        #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x200B })
        #expect(text.contains("Subject: https://a⟨U+001B⟩[2Jb"))
        #expect(text.contains("  line one\n  URI https://a⟨U+200B⟩b⟨U+001B⟩]0;x⟨U+0007⟩"))
        #expect(text.contains("raw: ⟨U+001B⟩[31mred"))
    }
}
