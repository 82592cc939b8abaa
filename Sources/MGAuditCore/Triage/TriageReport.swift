import Foundation

/// One triaged error with what the catalog says about it and what the tenant files show.
public struct TriageResult: Sendable, Codable, Hashable {
    public var error: TriagedError
    /// nil for a code the catalog does not know (`known: false`, cause `unknown`).
    public var entry: CatalogEntry?
    public var findings: [Finding]
    /// How the error was read, when that needs saying: a misspelt or inferred code, other codes in
    /// the same message (texts from `aadsts-wordings.yaml`).
    public var notes: [LocalizedText]
    /// Who fixes it, in words (`reply.yaml`'s `whoFixes`, the admin role filled in); nil only
    /// when the catalog was built in code without `reply.yaml`.
    public var routing: TriageRouting?
    public init(error: TriagedError, entry: CatalogEntry?, findings: [Finding] = [], notes: [LocalizedText] = [],
                routing: TriageRouting? = nil) {
        self.error = error
        self.entry = entry
        self.findings = findings
        self.notes = notes
        self.routing = routing
    }
    public var known: Bool { entry != nil }
    public var cause: TriageCause { entry?.cause ?? TriageCause.fromOAuthError(error.oauthError) }
}

/// Who fixes an error: the label (「誰が直すか」) and the value, both from `reply.yaml`.
public struct TriageRouting: Sendable, Codable, Hashable {
    public var label: LocalizedText
    public var who: LocalizedText
    /// nil for a code the catalog does not know.
    public var fixedBy: FixedBy?
    public init(label: LocalizedText, who: LocalizedText, fixedBy: FixedBy?) {
        self.label = label
        self.who = who
        self.fixedBy = fixedBy
    }
}

/// What `mgaudit triage` reports (JSON `schemaVersion` 1).
public struct TriageReport: Sendable, Codable, Hashable {
    public static let schemaVersion = 1
    public var errors: [TriageResult]
    public init(errors: [TriageResult]) { self.errors = errors }

    /// What a triage renderer's `end` (and `overview`) is told: how many errors the report holds.
    public struct Totals: Sendable, Hashable {
        public var errors: Int
        /// The errors grouped by who fixes them (`FixedBy` order, then unknown codes), with the
        /// group heading; empty when the results carry no routing.
        public var groups: [Group]
        public var groupLabel: LocalizedText?
        public init(errors: Int, groups: [Group] = [], groupLabel: LocalizedText? = nil) {
            self.errors = errors
            self.groups = groups
            self.groupLabel = groupLabel
        }

        public struct Group: Sendable, Hashable {
            public var who: LocalizedText
            /// The codes (or `error=` values) of the group, in report order.
            public var codes: [String]
        }
    }

    /// The heading of the grouping; set by `Triage.report` from `reply.yaml`.
    public var groupLabel: LocalizedText?

    public var totals: Totals {
        var groups: [Totals.Group] = []
        let order: [FixedBy?] = FixedBy.allCases.map { $0 } + [nil]
        for fixedBy in order {
            let members = errors.filter { $0.routing != nil && $0.routing?.fixedBy == fixedBy }
            guard let first = members.first?.routing else { continue }
            // One group per fixer; customer-admin errors needing different roles are listed under each role.
            var byWho: [(LocalizedText, [String])] = []
            for member in members {
                let who = member.routing?.who ?? first.who
                let code = member.error.code ?? member.error.oauthError.map { "error=\($0)" } ?? "?"
                if let index = byWho.firstIndex(where: { $0.0 == who }) { byWho[index].1.append(code) } else { byWho.append((who, [code])) }
            }
            groups += byWho.map { Totals.Group(who: $0.0, codes: $0.1) }
        }
        return Totals(errors: errors.count, groups: groups, groupLabel: groupLabel)
    }
}

/// A renderer of triage reports: one item per triaged error.
public typealias TriageRenderer = any ReportRenderer<TriageResult, TriageReport.Totals>

extension ReportRenderer where Item == TriageResult, Totals == TriageReport.Totals {
    /// The whole triage report as one string, before masking. Rendering a triage report only
    /// fails when no temporary file can be made for a spooled format; that is reported as text.
    public func render(_ report: TriageReport, language: Language) -> String {
        do {
            return try render(report.errors, totals: report.totals, run: ReportRun(asOf: "", language: language))
        } catch {
            return "mgaudit: \(error)\n"
        }
    }
}

public enum Triage {
    /// Parses `text`, looks every error up in the catalog and correlates it with the tenant files.
    /// `engine` (the rule pack of the same rules directory) judges the files and, through its
    /// request rules, each error's request; without it only the requested redirect URI is compared
    /// with the registered ones.
    /// - Throws: `NoOAuthErrorFound` when the text holds no error (exit 2).
    public static func run(text: String, source: String = "<input>", catalog: AADSTSCatalog,
                           bundle: TenantBundle? = nil, engine: RuleEngine? = nil, fixTexts: FixTexts? = nil,
                           asOf: Date) throws -> TriageReport {
        let errors = try OAuthErrorParser.parse(text, source: source, wordings: catalog.wordings)
        // The catalog decodes an entry when first asked for: an entry that cannot be read is an
        // error naming its file and line here, never an "unknown code" later.
        for number in errors.compactMap({ $0.code.flatMap(AADSTSCatalog.number(from:)) }) {
            _ = try catalog.decodedEntry(number: number)
        }
        return report(errors: errors, catalog: catalog, bundle: bundle, engine: engine, fixTexts: fixTexts, asOf: asOf)
    }

    /// Every string that came from the input is masked here, once (`Redaction.redact`), after the
    /// correlation has compared the real values: every renderer gets masked text.
    public static func report(errors: [TriagedError], catalog: AADSTSCatalog, bundle: TenantBundle?,
                              engine: RuleEngine? = nil, fixTexts: FixTexts? = nil, asOf: Date) -> TriageReport {
        // One correlator per report: the engine audits the bundle once.
        let correlator = TriageCorrelator(bundle: bundle, asOf: asOf, engine: engine,
                                          fixTexts: fixTexts)
        var report = TriageReport(errors: errors.map { error in
            let entry = error.code.flatMap(catalog.entry(for:))
            // Each finding with a character diff names its two strings (labels from YAML).
            let findings = correlator.findings(for: error, entry: entry).map { finding in
                var named = finding
                if NearMissDiff(evidence: finding.evidence) != nil { named.comparison = catalog.wordings.notes.findings?.comparison(for: finding.rule) }
                return named
            }
            let routing = catalog.reply.map { TriageRouting(label: $0.whoFixesLabel, who: $0.whoFixesShort(entry), fixedBy: entry?.fixedBy) }
            return TriageResult(error: TriageRedaction.redact(error), entry: entry, findings: findings.map(TriageRedaction.redact),
                                notes: notes(for: error, wordings: catalog.wordings), routing: routing)
        })
        report.groupLabel = catalog.reply?.groupLabel
        return report
    }

    /// What the report says about how the code was read.
    static func notes(for error: TriagedError, wordings: MessageWordings) -> [LocalizedText] {
        let notes = wordings.notes
        var out: [LocalizedText] = []
        if let code = error.code, let evidence = error.codeEvidence {
            let values = ["code": code, "written": VisibleText.escape(Redaction.redact(evidence)), "phrase": evidence]
            switch error.codeSource {
            case .stated: break
            case .inferred: out.append(notes.inferredCode.filled(values))
            case .misspelt: out.append(misspeltNote(evidence, notes: notes).filled(values))
            }
        }
        if !error.relatedCodes.isEmpty {
            out.append(notes.relatedCodes.filled(["codes": error.relatedCodes.joined(separator: ", ")]))
        }
        return out
    }

    /// Which slip a code written not quite as `AADSTS12345` shows: the prefix first, then a space, then full width.
    static func misspeltNote(_ written: String, notes: TriageNotes) -> LocalizedText {
        let letters = written.unicodeScalars.compactMap(AADSTSCodeScanner.letter)
        if AADSTSCodeScanner.editDistance(letters, AADSTSCodeScanner.prefix, atMost: 1) == 1 { return notes.misspeltPrefix }
        if written.unicodeScalars.contains(where: { $0 == " " || $0 == "\u{3000}" }) { return notes.spacedCode }
        return notes.fullWidthCode
    }
}
