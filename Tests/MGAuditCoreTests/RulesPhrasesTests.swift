import Foundation
import Testing
@testable import MGAuditCore

/// The shipped `rules/phrases.yaml`, loaded once for the tests that word a URI diff or build an
/// `AuditContext` directly (the engine takes the phrases from its pack).
enum PhrasesFixture {
    static let loaded = Result { try CheckPhrases.load(directory: RulesFixture.rulesDirectory) }
    static var shipped: CheckPhrases {
        switch loaded {
        case .success(let phrases): phrases
        case .failure(let error): fatalError("rules/phrases.yaml does not load: \(error)")
        }
    }
}

// The shipped phrases as the default of the tests' calls (the wording itself takes them as an argument).
extension URIComparison {
    func summary(_ language: Language) -> String { summary(language, phrases: PhrasesFixture.shipped.uriDiff) }
}

extension URIEdit {
    func explanation(_ language: Language, expected: String) -> String {
        explanation(language, expected: expected, phrases: PhrasesFixture.shipped.uriDiff)
    }
}

extension AuditContext {
    convenience init(bundle: TenantBundle, asOf: Date) { self.init(bundle: bundle, asOf: asOf, phrases: PhrasesFixture.shipped) }
}

extension RulePackLoader {
    static func parse(text: String, path: String, catalog: PermissionCatalog) throws -> RulePack {
        try parse(text: text, path: path, catalog: catalog, phrases: { PhrasesFixture.shipped })
    }
}

@Suite struct RulesPhrasesTests {
    /// The pack's phrases are one shared object: each tenant's context holds that object, not a
    /// copy, and setting the pack's phrases replaces it (an old context keeps what it had).
    @Test func contextsShareThePacksPhrases() throws {
        var pack = try RulesFixture.pack()
        let shared = pack.sharedPhrases
        let bundle = TenantBundle(name: "t")
        let context = AuditContext(bundle: bundle, asOf: Date(timeIntervalSince1970: 0), phrases: pack.sharedPhrases)
        #expect(context.sharedPhrases === shared)
        #expect(context.withOutcome(SuppressionOutcome()).sharedPhrases === shared)
        #expect(context.phrases == pack.phrases)
        var edited = pack.phrases
        edited.secretIdPasted.which = LocalizedText(ja: "別", en: "other")
        pack.phrases = edited
        #expect(pack.sharedPhrases !== shared)
        #expect(pack.phrases.secretIdPasted.which.en == "other")
        #expect(context.phrases.secretIdPasted.which.en != "other")
    }

    /// Copies the shipped rules folder, applies `edit` to its phrases.yaml (nil: deletes it) and loads the pack.
    func loadEdited(_ edit: ((String) -> String)?) throws -> Result<RulePack, InputError> {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("mgaudit-phrases-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: copy) }
        try FileManager.default.copyItem(at: RulesFixture.rulesDirectory, to: copy)
        let file = copy.appendingPathComponent(CheckPhrases.fileName)
        if let edit {
            let text = try String(contentsOf: file, encoding: .utf8)
            let edited = edit(text)
            #expect(edited != text, "the edit applies")
            try edited.write(to: file, atomically: true, encoding: .utf8)
        } else {
            try FileManager.default.removeItem(at: file)
        }
        do {
            return .success(try RulePackLoader.load(directory: copy, examples: false))
        } catch let error as InputError {
            return .failure(error)
        }
    }

    @Test func theShippedPhrasesLoadWithoutProblems() throws {
        let phrases = try PhrasesFixture.loaded.get()
        #expect(CheckPhrases.problems(phrases).isEmpty)
        #expect(try RulesFixture.pack().phrases == phrases)
    }

    @Test func anUnknownPlaceholderIsRefusedWithFileKeyAndName() throws {
        let original = #"after: {ja: '"{context}" の後（{position} 文字目）に', en: "after '{context}' (character {position})"}"#
        let result = try loadEdited { $0.replacingOccurrences(of: original, with: original.replacingOccurrences(of: "(character {position})", with: "(character {postion}) {position}")) }
        guard case .failure(let error) = result else {
            Issue.record("phrases with {postion} loaded")
            return
        }
        #expect(error.path.hasSuffix("phrases.yaml"))
        #expect(error.line != nil)
        #expect(error.problem == "uriDiff.after.en: unknown placeholder '{postion}': its use provides {context}, {position}", "\(error)")
    }

    @Test func aRequiredPlaceholderLeftOutIsRefused() throws {
        let original = #"missingHyphen: {ja: "{at}ハイフン{expected}が足りません""#
        let result = try loadEdited { $0.replacingOccurrences(of: original, with: #"missingHyphen: {ja: "{at}ハイフンが足りません""#) }
        guard case .failure(let error) = result else {
            Issue.record("phrases without {expected} loaded")
            return
        }
        #expect(error.problem == "uriDiff.missingHyphen.ja: placeholder '{expected}' is required (its use provides {at}, {expected})", "\(error)")
    }

    @Test func aMissingEntryIsRefused() throws {
        let result = try loadEdited { text in
            text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("  changedText:") }.joined(separator: "\n")
        }
        guard case .failure(let error) = result else {
            Issue.record("phrases without changedText loaded")
            return
        }
        #expect(error.path.hasSuffix("phrases.yaml"))
        #expect(error.problem.contains("'changedText' is missing"), "\(error)")
    }

    @Test func aMissingLanguageIsRefused() throws {
        let result = try loadEdited { $0.replacingOccurrences(of: #"identical: {ja: 完全に一致しています。, en: Identical.}"#, with: "identical: {ja: 完全に一致しています。}") }
        guard case .failure(let error) = result else {
            Issue.record("phrases without identical.en loaded")
            return
        }
        #expect(error.problem.contains("'en' is missing") && error.problem.contains("identical"), "\(error)")
    }

    @Test func aRulesFolderWithoutPhrasesIsRefusedInOneLine() throws {
        guard case .failure(let error) = try loadEdited(nil) else {
            Issue.record("a rules folder without phrases.yaml loaded")
            return
        }
        #expect(error.problem.hasPrefix("is not a complete rules folder: phrases.yaml is missing"), "\(error)")
        #expect(!error.description.contains("\n"))
    }

    /// The wording is the YAML's: an edited phrase shows in the diff.
    @Test func theDiffIsWordedByThePhrasesPassedIn() throws {
        var phrases = try PhrasesFixture.loaded.get().uriDiff
        phrases.identical = LocalizedText(ja: "同じです。", en: "Same.")
        let same = URIExplainer.compare(expected: "https://a.example/x", actual: "https://a.example/x")
        #expect(same.summary(.en, phrases: phrases) == "Same.")
        let slip = URIExplainer.compare(expected: "https://a.example/x", actual: "https://a.example/x/")
        #expect(slip.summary(.ja, phrases: phrases) == slip.summary(.ja))
        #expect(!slip.summary(.en, phrases: phrases).isEmpty)
    }

    /// The moved phrases say what the Swift literals said (these are not all in a golden).
    @Test func inputNamesKeepTheirWording() throws {
        let names = try PhrasesFixture.loaded.get().input
        #expect(names.found(.bool, value: "true") == LocalizedText(ja: "真偽値 true", en: "true"))
        #expect(names.found(.bool, value: nil) == LocalizedText(ja: "真偽値", en: "a boolean"))
        #expect(names.found(.string, value: "x") == LocalizedText(ja: "文字列 'x'", en: "the string 'x'"))
        #expect(names.found(.number, value: nil) == LocalizedText(ja: "数値", en: "the number"))
        #expect(names.found(.null, value: "x") == LocalizedText(ja: "値なし", en: "no value"))
        #expect(names.expected(.stringList) == LocalizedText(ja: "文字列の配列（[\"…\"]）", en: "a list of strings ([\"…\"])"))
        #expect(names.kind(nil) == LocalizedText(ja: "どの入力形式とも判別できないファイル", en: "a file of no known input format"))
    }

    @Test func sheetCharactersKeepTheirWording() throws {
        let phrases = try PhrasesFixture.loaded.get().characters
        let space = try #require(Unicode.Scalar(0x200B))
        let wide = try #require(Unicode.Scalar(0xFF4D))
        let hidden = VisibleText.codePoint(space)
        let shown = "「ｍ」(\(URIText.codePoint(wide)))"
        let described = SheetValueCheck.describe([.init(position: 3, scalar: 0x200B, replacement: nil),
                                                  .init(position: 12, scalar: 0xFF4D, replacement: "m")], phrases)
        #expect(described.ja == "3 文字目 \(hidden) ZERO WIDTH SPACE（取り除いて比較）、12 文字目 \(shown) → 半角「m」")
        #expect(described.en == "\(hidden) ZERO WIDTH SPACE at position 3 (left out when comparing), \(shown) FULLWIDTH LATIN SMALL LETTER M at position 12 → ASCII \"m\"")
    }

    /// Phrases no golden shows, against the literals they replaced.
    @Test func phrasesNoGoldenShowsKeepTheirWording() throws {
        let phrases = try PhrasesFixture.loaded.get()
        #expect(phrases.permissionNote.notInCatalog == LocalizedText(ja: "この ID はカタログにありません（写し間違いの可能性があります）。", en: "This ID is not in the catalog (possibly mistyped). "))
        #expect(phrases.uriMissing.noDomain == LocalizedText(ja: "（ドメインの記載なし）", en: "(no domain given)"))
        #expect(phrases.audience("AzureADMultipleOrgs") == LocalizedText(ja: "任意の組織ディレクトリ内のアカウント (マルチテナント)", en: "Accounts in any organizational directory (multitenant)"))
        #expect(phrases.audience("Other") == .same("Other"))
        #expect(MessageTemplate.fill(phrases.wrongPlatform.nearSheetURI, with: ["label": LocalizedText(ja: "「L」", en: "\"L\"")])
                == LocalizedText(ja: "開通通知書の「L」に似た URI", en: "A URI close to the notification sheet's \"L\""))
        #expect(phrases.consent.noAppId == LocalizedText(ja: "<アプリケーションID>", en: "<application-id>"))
    }
}
