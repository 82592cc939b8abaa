import Foundation
import Testing
@testable import MGAuditCore

/// Each check kind names the placeholders it fills (`Check.placeholders`); the loader refuses a
/// template using any other, naming the file, line, rule and placeholder.
@Suite struct RulesPlaceholderTests {
    /// Copies the shipped rules folder to a temporary one, applies `edit` to its pack and loads it.
    func loadEdited(_ edit: (String) -> String) throws -> Result<RulePack, InputError> {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("mgaudit-placeholders-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: copy) }
        try FileManager.default.copyItem(at: RulesFixture.rulesDirectory, to: copy)
        let pack = copy.appendingPathComponent(RulePackLoader.packFileName)
        let text = try String(contentsOf: pack, encoding: .utf8)
        let edited = edit(text)
        #expect(edited != text, "the edit applies")
        try edited.write(to: pack, atomically: true, encoding: .utf8)
        do {
            return .success(try RulePackLoader.load(directory: copy, examples: false))
        } catch let error as InputError {
            return .failure(error)
        }
    }

    @Test func anUnknownPlaceholderIsRefusedWithFileRuleAndName() throws {
        let original = "en: The app is single tenant (AzureADMyOrg) as the guide requires. The sign-in went to tenant \"{endpoint}\"."
        let result = try loadEdited { $0.replacingOccurrences(of: original, with: original.replacingOccurrences(of: "{endpoint}", with: "{endpont}")) }
        guard case .failure(let error) = result else {
            Issue.record("a pack with {endpont} loaded")
            return
        }
        #expect(error.path.hasSuffix("mailgates-m365.yaml"))
        #expect(error.line != nil)
        #expect(error.problem.contains("rule 'common-endpoint-single-tenant'"), "\(error)")
        #expect(error.problem.contains("message.en: unknown placeholder '{endpont}'"), "\(error)")
        #expect(error.problem.contains("check 'request-endpoint-tenant' provides {endpoint}"), "\(error)")
    }

    @Test func aFixTemplateIsCheckedToo() throws {
        let original = "en: Under Certificates & secrets, click Delete on the expired secret."
        let result = try loadEdited { $0.replacingOccurrences(of: original, with: "en: Under Certificates & secrets, click Delete on {keyId}.") }
        guard case .failure(let error) = result else {
            Issue.record("a pack with {keyId} in a fix loaded")
            return
        }
        #expect(error.problem.contains("rule 'secret-stale'") && error.problem.contains("fix.en: unknown placeholder '{keyId}'"), "\(error)")
    }

    @Test func theTypedFactsNameRuleFieldLanguageAndPlaceholder() {
        let unknown = RulePackLoader.unknownPlaceholders(
            rule: "my-rule", kind: SecretNoneCheck.self, message: LocalizedText(ja: "{secret} がありません", en: "no secret"),
            fix: LocalizedText(ja: "追加", en: "add {what}"))
        #expect(unknown == [
            UnknownPlaceholder(rule: "my-rule", kind: "secret-none", field: "message", language: "ja", placeholder: "secret", provided: []),
            UnknownPlaceholder(rule: "my-rule", kind: "secret-none", field: "fix", language: "en", placeholder: "what", provided: []),
        ])
        #expect(unknown.first?.description == "message.ja: unknown placeholder '{secret}': check 'secret-none' provides none")
    }

    /// The declarations are true: over every example of the pack, each hit fills only declared names.
    @Test func everyCheckFillsOnlyWhatItDeclares() throws {
        let pack = try RulesFixture.pack()
        var judged: Set<String> = []
        for rule in pack.rules {
            let check = try #require(try CheckRegistry.builtIn.make(kind: rule.check, params: rule.params, catalog: pack.catalog))
            let declared = type(of: check).placeholders
            for (index, example) in (rule.examples.trigger + rule.examples.pass).enumerated() {
                let (bundle, asOf) = try RulesFixture.bundle(for: example, pack: pack, label: "\(rule.id) #\(index + 1)")
                for hit in check.evaluate(AuditContext(bundle: bundle, asOf: asOf)) {
                    judged.insert(rule.check)
                    let extra = Set(hit.variables.keys).subtracting(declared)
                    #expect(extra.isEmpty, "\(rule.check) fills undeclared \(extra.sorted())")
                }
            }
        }
        #expect(judged.count > 20, "most check kinds were seen hitting")
    }
}
