import Foundation

/// Runs every rule of a pack over a tenant bundle.
public struct RuleEngine: Sendable {
    public let pack: RulePack
    private let compiled: [CompiledRule]
    /// Rule id -> whether a suppression may name it (not the rules about suppressions), so that
    /// checking a run's thousands of entries per tenant is one lookup each.
    let suppressible: [String: Bool]
    /// `compiled` split once: the checks of the inputs, and those about the suppressions applied.
    private let inputChecks: [CompiledRule]
    private let outcomeChecks: [CompiledRule]
    /// The checks of the sign-in request (`RequestCheck`), for `requestFindings`.
    private let requestChecks: [CompiledRule]
    /// Ids of the rules that pair the sheet's redirect URIs with the registered ones (`RedirectPairingCheck`).
    public let redirectPairingRuleIds: Set<String>
    /// Rule id -> its place in the pack (first occurrence).
    private let packPosition: [String: Int]
    /// The rules that `supersedes` others (id, superseded ids), in pack order, for `grouped`.
    private let superseding: [(id: String, supersedes: [String])]

    /// Builds the checks of every rule. A pack from `RulePackLoader` was already validated, so
    /// this only throws for a pack built by hand (`InputError` naming the pack and rule).
    public init(pack: RulePack, catalog: PermissionCatalog? = nil, registry: CheckRegistry = .builtIn) throws {
        self.pack = pack
        let catalog = catalog ?? pack.catalog
        var compiled: [CompiledRule] = []
        for rule in pack.rules {
            let check: (any Check)?
            do {
                check = try registry.make(kind: rule.check, params: rule.params, catalog: catalog)
            } catch {
                throw InputError(path: pack.sourcePath, problem: "rule '\(rule.id)': \(error)", line: rule.line)
            }
            guard let check else {
                throw InputError(path: pack.sourcePath, problem: "rule '\(rule.id)': unknown check kind '\(rule.check)'", line: rule.line)
            }
            compiled.append(CompiledRule(rule: rule, check: check))
        }
        self.compiled = compiled
        var suppressible: [String: Bool] = [:]
        for entry in compiled where suppressible[entry.rule.id] == nil {
            suppressible[entry.rule.id] = !entry.roles.contains(.suppressionOutcome)
        }
        self.suppressible = suppressible
        inputChecks = compiled.filter { !$0.roles.contains(.suppressionOutcome) }
        outcomeChecks = compiled.filter { $0.roles.contains(.suppressionOutcome) }
        requestChecks = compiled.filter { $0.roles.contains(.request) }
        redirectPairingRuleIds = Set(compiled.filter { $0.roles.contains(.redirectPairing) }.map(\.rule.id))
        var position: [String: Int] = [:]
        for (index, rule) in pack.rules.enumerated() where position[rule.id] == nil { position[rule.id] = index }
        packPosition = position
        superseding = pack.rules.filter { !$0.supersedes.isEmpty }.map { ($0.id, $0.supersedes) }
    }

    /// The findings that count (not suppressed), in pack order, then by subject. Deterministic
    /// for the same bundle and `asOf`. `assess` also says what suppressions held back.
    public func audit(_ bundle: TenantBundle, asOf: Date) -> [Finding] {
        assess(bundle, asOf: asOf).findings
    }

    /// Runs every check and applies `bundle.suppressions` (`Assessment`, `docs/suppressions.md`).
    public func assess(_ bundle: TenantBundle, asOf: Date) -> Assessment {
        let bundle = validated(bundle)
        let context = AuditContext(bundle: bundle, asOf: asOf, phrases: pack.sharedPhrases)
        var findings = grouped(evaluate(inputChecks, context))
        // Before suppressing, so a held-back finding keeps the identity it has when reported.
        Fingerprint.assign(&findings, tenant: bundle.name)
        let applied = SuppressionStep.apply(bundle.suppressions, to: findings, tenant: bundle.name, day: EntraDate.day(asOf))
        var about = evaluate(outcomeChecks, context.withOutcome(applied.outcome))
        Fingerprint.assign(&about, tenant: bundle.name)
        return Assessment(findings: inPackOrder(applied.kept + about), suppressed: applied.suppressed, usedSuppressions: applied.used)
    }

    /// The findings of the request checks alone (`RequestCheck`) for a bundle carrying a sign-in
    /// request, in pack order: what triage adds per error to the files' findings (`audit`, once).
    /// Not suppressed: they are about one request, not about the tenant's files.
    public func requestFindings(_ bundle: TenantBundle, asOf: Date) -> [Finding] {
        guard bundle.request != nil else { return [] }
        return grouped(evaluate(requestChecks, AuditContext(bundle: bundle, asOf: asOf, phrases: pack.sharedPhrases, pairing: false)))
    }

    /// The findings of some rules' checks, in the order given, each rule's sorted by subject.
    private func evaluate(_ checks: [CompiledRule], _ context: AuditContext) -> [Finding] {
        var findings: [Finding] = []
        for entry in checks {
            let hits = entry.check.evaluate(context)
            guard !hits.isEmpty else { continue }
            let sorted = hits.count == 1 ? hits : hits.enumerated()
                .sorted { ($0.element.subject, $0.offset) < ($1.element.subject, $1.offset) }
                .map(\.element)
            for hit in sorted { findings.append(Self.finding(entry.rule, hit: hit)) }
        }
        return findings
    }

    /// Pack order, stable within a rule (the suppression rules' findings are made last).
    private func inPackOrder(_ findings: [Finding]) -> [Finding] {
        // Each finding's place looked up once, not in every comparison.
        let keys = findings.indices.map { (position: packPosition[findings[$0].rule] ?? .max, offset: $0) }
        return keys.sorted { ($0.position, $0.offset) < ($1.position, $1.offset) }.map { findings[$0.offset] }
    }

    /// One problem, one finding: a finding of a rule that another rule `supersedes` is dropped
    /// when the superseding rule has a finding with the same subject, which then names it in
    /// `related`. Order is otherwise kept.
    func grouped(_ findings: [Finding]) -> [Finding] {
        guard !superseding.isEmpty else { return findings }
        // (superseded rule, subject) -> the rule ids that fold it in.
        var foldedInto: [String: [String: [String]]] = [:]
        for rule in superseding {
            for finding in findings where finding.rule == rule.id {
                for id in rule.supersedes { foldedInto[id, default: [:]][finding.subject, default: []].append(rule.id) }
            }
        }
        var related: [String: [String: Set<String>]] = [:]  // folding rule -> subject -> folded ids
        var kept: [Finding] = []
        for finding in findings {
            if let into = foldedInto[finding.rule]?[finding.subject] {
                for id in into { related[id, default: [:]][finding.subject, default: []].insert(finding.rule) }
                continue
            }
            kept.append(finding)
        }
        return kept.map { finding in
            guard let ids = related[finding.rule]?[finding.subject] else { return finding }
            var merged = finding
            merged.related = Array(Set(finding.related).union(ids)).sorted()
            return merged
        }
    }

    /// A rule and its check, built once. A class: the engine hands each one to every tenant, and
    /// the tuple it replaces copied the rule's texts (each retained and released) per evaluation.
    private final class CompiledRule: Sendable {
        let rule: Rule
        let check: any Check
        /// `Check.roles` of its kind.
        let roles: CheckRoles
        init(rule: Rule, check: any Check) {
            self.rule = rule
            self.check = check
            roles = type(of: check).roles
        }
    }

    /// The finding a rule makes of a hit: the rule's texts filled with the hit's variables.
    /// Triage uses it for hits about the request itself (the client id quoted in an error).
    public static func finding(_ rule: Rule, hit: CheckHit) -> Finding {
        Finding(rule: rule.id, severity: hit.severity ?? rule.severity, subject: hit.subject, title: rule.title,
                message: MessageTemplate.fill(rule.message, with: hit.variables),
                evidence: hit.evidence, guideStep: hit.guideStep ?? rule.guideStep,
                fix: MessageTemplate.fill(rule.fix, with: hit.variables))
    }
}

/// Fills `{name}` placeholders. An unknown name stays as written, so a typo in a copied pack shows.
public enum MessageTemplate {
    public static func fill(_ template: LocalizedText, with variables: [String: LocalizedText]) -> LocalizedText {
        LocalizedText(ja: fill(template.ja) { variables[$0]?.ja }, en: fill(template.en) { variables[$0]?.en })
    }

    public static func fill(_ template: String, _ variables: [String: String]) -> String {
        fill(template) { variables[$0] }
    }

    /// Over UTF-8 bytes: `{` and `}` are ASCII, so they never fall inside a multi-byte character;
    /// the text between placeholders is copied in runs.
    static func fill(_ template: String, lookup: (String) -> String?) -> String {
        guard TextDecoding.contains(UInt8(ascii: "{"), in: template) else { return template }
        var template = template
        return template.withUTF8 { bytes -> String in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 64)
            var copied = 0
            forEachPlaceholder(in: bytes) { open, close in
                out.append(contentsOf: bytes[copied..<open])
                // A check that gives no value leaves the placeholder visible; the example test catches it.
                if let value = lookup(String(decoding: bytes[(open + 1)..<close], as: UTF8.self)) {
                    out.append(contentsOf: value.utf8)
                } else {
                    out.append(contentsOf: bytes[open...close])
                }
                copied = close + 1
            }
            out.append(contentsOf: bytes[copied...])
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// Placeholder names used in a template: the ones `fill` fills, found the same way.
    public static func placeholders(in template: String) -> [String] {
        guard TextDecoding.contains(UInt8(ascii: "{"), in: template) else { return [] }
        var template = template
        return template.withUTF8 { bytes in
            var names: [String] = []
            forEachPlaceholder(in: bytes) { open, close in names.append(String(decoding: bytes[(open + 1)..<close], as: UTF8.self)) }
            return names
        }
    }

    /// Each placeholder of a template's UTF-8, in order: a `{` and the first `}` after it.
    private static func forEachPlaceholder(in bytes: UnsafeBufferPointer<UInt8>, _ body: (_ open: Int, _ close: Int) -> Void) {
        var index = 0
        while let open = bytes[index...].firstIndex(of: UInt8(ascii: "{")),
              let close = bytes[(open + 1)...].firstIndex(of: UInt8(ascii: "}")) {
            body(open, close)
            index = close + 1
        }
    }
}
