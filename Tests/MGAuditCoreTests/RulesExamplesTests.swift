import Foundation
import Testing
@testable import MGAuditCore

/// One case per example of every rule in the shipped pack: a `trigger` example must produce at
/// least one finding of that rule, a `pass` example none.
struct RuleExampleCase: Sendable, CustomTestStringConvertible {
    var ruleId: String
    var expectTrigger: Bool
    var index: Int
    var example: RuleExample

    var testDescription: String {
        "\(ruleId) \(expectTrigger ? "trigger" : "pass") #\(index + 1)\(example.name.map { ": \($0)" } ?? "")"
    }

    static func all() throws -> [RuleExampleCase] {
        try RulesFixture.pack().rules.flatMap { rule in
            rule.examples.trigger.enumerated().map { RuleExampleCase(ruleId: rule.id, expectTrigger: true, index: $0, example: $1) }
                + rule.examples.pass.enumerated().map { RuleExampleCase(ruleId: rule.id, expectTrigger: false, index: $0, example: $1) }
        }
    }
}

@Suite struct RulesExamplesTests {
    @Test(arguments: try RuleExampleCase.all())
    func example(_ testCase: RuleExampleCase) throws {
        let pack = try RulesFixture.pack()
        let engine = try RuleEngine(pack: pack)
        let (bundle, asOf) = try RulesFixture.bundle(for: testCase.example, pack: pack, label: testCase.testDescription)
        let findings = engine.audit(bundle, asOf: asOf).filter { $0.rule == testCase.ruleId }
        if testCase.expectTrigger {
            #expect(!findings.isEmpty, "expected \(testCase.ruleId) to fire")
            for finding in findings {
                // Every placeholder of the message was filled.
                #expect(MessageTemplate.placeholders(in: finding.message.ja).isEmpty, "\(finding.message.ja)")
                #expect(MessageTemplate.placeholders(in: finding.message.en).isEmpty, "\(finding.message.en)")
                #expect(!finding.subject.isEmpty)
            }
            if let expect = testCase.example.expect {
                if let count = expect.count { #expect(findings.count == count, "findings: \(findings.map(\.subject))") }
                // Some finding of the rule shows everything the example expects.
                #expect(findings.contains { expect.matches($0) },
                        "no finding shows \(expect); got \(findings.map { "\($0.subject) \($0.related) \($0.evidence.mapValues(\.plainText))" })")
            }
        } else {
            #expect(findings.isEmpty, "unexpected: \(findings.map { "\($0.subject): \($0.message.en)" })")
        }
    }

    @Test func everyRuleHasATriggerAndAPassExample() throws {
        for rule in try RulesFixture.pack().rules {
            #expect(!rule.examples.trigger.isEmpty, "\(rule.id) has no trigger example")
            #expect(!rule.examples.pass.isEmpty, "\(rule.id) has no pass example")
        }
    }

    @Test func goldenManifestsPassEveryRuleButConsentUnknown() throws {
        let pack = try RulesFixture.pack()
        let engine = try RuleEngine(pack: pack)
        for base in ["graph", "aad"] {
            let example = RuleExample(name: base, base: base)
            let (bundle, asOf) = try RulesFixture.bundle(for: example, pack: pack, label: base)
            #expect(engine.audit(bundle, asOf: asOf).map(\.rule) == ["consent-unknown"])
        }
    }
}
