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
    public init(error: TriagedError, entry: CatalogEntry?, findings: [Finding] = [], notes: [LocalizedText] = []) {
        self.error = error
        self.entry = entry
        self.findings = findings
        self.notes = notes
    }
    public var known: Bool { entry != nil }
    public var cause: TriageCause { entry?.cause ?? TriageCause.fromOAuthError(error.oauthError) }
}

/// What `mgaudit triage` reports (JSON `schemaVersion` 1).
public struct TriageReport: Sendable, Codable, Hashable {
    public static let schemaVersion = 1
    public var errors: [TriageResult]
    public init(errors: [TriageResult]) { self.errors = errors }

    /// What a triage renderer's `end` (and `overview`) is told: how many errors the report holds.
    public struct Totals: Sendable, Hashable {
        public var errors: Int
        public init(errors: Int) { self.errors = errors }
    }

    public var totals: Totals { Totals(errors: errors.count) }
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
    /// `engine` (the rule pack of the same rules directory) judges the files; without it only the
    /// redirect URI and sign-in endpoint are correlated.
    /// - Throws: `NoOAuthErrorFound` when the text holds no error (exit 2).
    public static func run(text: String, source: String = "<input>", catalog: AADSTSCatalog,
                           bundle: TenantBundle? = nil, engine: RuleEngine? = nil, asOf: Date) throws -> TriageReport {
        report(errors: try OAuthErrorParser.parse(text, source: source, wordings: catalog.wordings), catalog: catalog,
               bundle: bundle, engine: engine, asOf: asOf)
    }

    /// Every string that came from the input is masked here, once (`Redaction.redact`), after the
    /// correlation has compared the real values: every renderer gets masked text.
    public static func report(errors: [TriagedError], catalog: AADSTSCatalog, bundle: TenantBundle?,
                              engine: RuleEngine? = nil, asOf: Date) -> TriageReport {
        // One correlator per report: the engine audits the bundle once.
        let correlator = TriageCorrelator(bundle: bundle, asOf: asOf, engine: engine, texts: catalog.wordings.notes.findings)
        return TriageReport(errors: errors.map { error in
            let entry = error.code.flatMap(catalog.entry(for:))
            let findings = correlator.findings(for: error, entry: entry)
            return TriageResult(error: TriageRedaction.redact(error), entry: entry, findings: findings.map(TriageRedaction.redact),
                                notes: notes(for: error, wordings: catalog.wordings))
        })
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
