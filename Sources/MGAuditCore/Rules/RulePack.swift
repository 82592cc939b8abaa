import Foundation

/// One rule of a pack: a typed check plus the texts a finding carries.
public struct Rule: Sendable, Hashable {
    public var id: String
    public var severity: Severity
    public var check: String
    public var params: RuleParams
    public var title: LocalizedText
    /// A template: `{name}` is filled from the hit's variables.
    public var message: LocalizedText
    /// What to do, quoting the portal's labels.
    public var fix: LocalizedText
    public var guideStep: LocalizedText
    public var description: LocalizedText
    public var examples: RuleExamples
    /// Rules whose finding about the same subject is the same problem seen less fully: the engine
    /// drops theirs and names them in this rule's finding (`Finding.related`). One problem, one finding.
    public var supersedes: [String] = []
    /// 1-based line of the rule in the pack file, for error messages.
    public var line: Int?
}

public struct RuleExamples: Sendable, Hashable, Decodable {
    public var trigger: [RuleExample]
    public var pass: [RuleExample]
    public init(trigger: [RuleExample] = [], pass: [RuleExample] = []) {
        self.trigger = trigger
        self.pass = pass
    }
    enum CodingKeys: String, CodingKey { case trigger, pass }
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        trigger = try container.decodeIfPresent([RuleExample].self, forKey: .trigger) ?? []
        pass = try container.decodeIfPresent([RuleExample].self, forKey: .pass) ?? []
    }
}

/// An example tenant for a rule: fragments over the pack's golden inputs. Open for more inputs:
/// every field is optional and the test harness builds the bundle from whatever is given.
public struct RuleExample: Sendable, Hashable, Decodable {
    /// Shown in test output.
    public var name: String?
    /// `graph` (default): merge over the Microsoft Graph golden manifest; `aad`: over the AAD
    /// Graph one; `none`: the fragment is the whole manifest.
    public var base: String?
    public var manifest: YAMLValue?
    /// `true`: the tenant has no manifest at all.
    public var withoutManifest: Bool?
    /// `YYYY-MM-DD`; default the pack's `exampleAsOf`.
    public var asOf: String?
    public var sheet: YAMLValue?
    public var settings: YAMLValue?
    public var consent: YAMLValue?
    /// Input problems of the bundle: `[{path, kind, detail}]`, `kind` any `InputProblem.Kind` (rules/README.md).
    public var problems: YAMLValue?
    /// Suppressions of the tenant: `[{rule, tenant?, subject?, reason, until?, scope?, line?, path?}]`
    /// (`scope` `tenant` by default, `path` `mgaudit.yml`, `line` the entry's 1-based position).
    public var suppressions: YAMLValue?
    /// The sign-in request (`RequestContext` in its field names: `redirectURI`, `clientId`,
    /// `tenant`, `endpoint`, `responseType`, `scopes`, `errorCodes`, `cause`), as triage gives it.
    public var request: YAMLValue?
    /// For a trigger example: what must have fired, beyond "something".
    public var expect: ExampleExpectation?
}

/// What a trigger example's findings of its rule must show: how many, about what, with which
/// evidence (compared as plain text), and which rules were folded in (`related`).
public struct ExampleExpectation: Sendable, Hashable, Decodable, CustomStringConvertible {
    public var count: Int?
    public var subject: String?
    public var evidence: [String: YAMLValue]?
    public var related: [String]?

    /// Whether one finding shows the subject, evidence and related rules expected (not `count`).
    public func matches(_ finding: Finding) -> Bool {
        if let subject, finding.subject != subject { return false }
        if let related, finding.related != related { return false }
        return (evidence ?? [:]).allSatisfy { key, value in finding.evidence[key]?.plainText == Self.plainText(value) }
    }

    /// The same text `EvidenceValue.plainText` gives.
    static func plainText(_ value: YAMLValue) -> String {
        switch value {
        case .null: ""
        case .bool(let flag): flag ? "true" : "false"
        case .int(let number): String(number)
        case .double(let number): String(number)
        case .string(let text): text
        case .list(let items): items.map(plainText).joined(separator: ", ")
        case .map(let object): object.keys.sorted().map { "\($0)=\(object[$0].map(plainText) ?? "")" }.joined(separator: ", ")
        }
    }

    public var description: String {
        "count \(count.map(String.init) ?? "any"), subject \(subject ?? "any"), related \(related ?? []), evidence \((evidence ?? [:]).mapValues(Self.plainText))"
    }
}

/// The golden inputs examples are merged over.
public struct ExampleBase: Sendable, Hashable, Decodable {
    public var graph: YAMLValue
    public var aad: YAMLValue
}

/// A loaded, validated rule pack (`rules/mailgates-m365.yaml`) and the catalog next to it.
public struct RulePack: Sendable, Hashable {
    public var name: String
    public var version: String
    public var rules: [Rule]
    /// The pack file the rules came from.
    public var sourcePath: String
    public var catalog: PermissionCatalog
    /// The phrases of the checks (`phrases.yaml`), for `AuditContext.phrases`.
    public var phrases: CheckPhrases {
        get { sharedPhrases.phrases }
        set { sharedPhrases = CheckPhrasesBox(newValue) }
    }
    /// The phrases held once, handed to each tenant's `AuditContext` by reference.
    private(set) var sharedPhrases: CheckPhrasesBox
    public var exampleAsOf: String?
    public var exampleBase: ExampleBase?

    public init(name: String, version: String, rules: [Rule], sourcePath: String, catalog: PermissionCatalog, phrases: CheckPhrases,
                exampleAsOf: String? = nil, exampleBase: ExampleBase? = nil) {
        self.name = name
        self.version = version
        self.rules = rules
        self.sourcePath = sourcePath
        self.catalog = catalog
        sharedPhrases = CheckPhrasesBox(phrases)
        self.exampleAsOf = exampleAsOf
        self.exampleBase = exampleBase
    }

    public func rule(id: String) -> Rule? { rules.first { $0.id == id } }
}
