import Foundation

/// Terminal output of `mgaudit triage` and `mgaudit explain`. Every input-derived string, the
/// heading and the findings' texts included, goes through `VisibleText.escape`: a stray space or
/// zero-width character can be seen, and ESC, CR, C0/C1 and bidi controls cannot reach the terminal.
public struct TriageTextRenderer: ReportRenderer {
    public init() {}

    public static func render(_ report: TriageReport, language: Language) -> String {
        TriageTextRenderer().render(report, language: language)
    }

    public func begin(_ run: ReportRun) -> String { "" }
    public func tenant(_ tenant: TriageResult, position: Int, run: ReportRun) -> String { Self.render(tenant, language: run.language) }
    public var separator: String { "\n" }
    public func end(_ totals: TriageReport.Totals, run: ReportRun) -> String {
        guard totals.errors > 1, let label = totals.groupLabel, !totals.groups.isEmpty else { return "" }
        return "\n" + label.text(run.language) + "\n" + totals.groups.map { group in
            "  \(group.who.text(run.language)): \(group.codes.count) (\(group.codes.map { VisibleText.escape($0) }.joined(separator: ", ")))\n"
        }.joined()
    }

    static func render(_ result: TriageResult, language: Language) -> String {
        let l = TriageLabels(language)
        let e = result.error
        var lines: [String] = []
        var heading = VisibleText.escape(e.code ?? (e.oauthError.map { "error=\($0)" } ?? "?"))
        if let name = result.entry?.name { heading += " (\(name))" }
        heading += " — \(result.cause.rawValue)"
        if !result.known { heading += " [\(l.unknownCode)]" }
        if e.occurrences > 1 { heading += "  ×\(e.occurrences)" }
        lines.append(heading)
        if let entry = result.entry {
            lines.append("  \(l.meaning): \(entry.summary.text(language))")
        }
        if let routing = result.routing { lines.append("  \(routing.label.text(language)): \(routing.who.text(language))") }
        for note in result.notes { lines.append("  \(l.note): \(VisibleText.escape(note.text(language)))") }
        for (label, value) in l.details(of: e) { lines.append("  \(label): \(VisibleText.escape(value))") }
        if let entry = result.entry {
            lines.append("  \(l.check): \(entry.check.text(language))")
            if let step = entry.guideStep { lines.append("  \(l.guideStep): \(step.text(language))") }
            if entry.retry { lines.append("  \(l.retry)") }
        }
        for finding in result.findings {
            lines.append("  [\(finding.severity.rawValue)] \(VisibleText.escape(finding.rule)): \(VisibleText.escape(finding.message.text(language)))")
            if let names = finding.comparison, let diff = NearMissDiff(evidence: finding.evidence) {
                lines += diffLines(diff, labels: (VisibleText.escape(names.expected.text(language)), VisibleText.escape(names.actual.text(language))))
            }
            if let fix = finding.fix {
                lines.append("      \(l.remedy): \(VisibleText.escape(fix.text(language)))")
            }
            lines.append("      → \(VisibleText.escape(finding.guideStep.text(language)))")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension TriageTextRenderer {
    /// The two strings under each other, with the check report's caret line under the second.
    static func diffLines(_ diff: NearMissDiff, labels: (expected: String, actual: String)) -> [String] {
        let width = max(DisplayWidth.of(labels.expected), DisplayWidth.of(labels.actual)) + 2
        func label(_ text: String) -> String {
            "      " + text + ":" + String(repeating: " ", count: width - DisplayWidth.of(text) - 1)
        }
        var lines = [label(labels.expected) + diff.expectedPieces.map(\.text).joined(),
                     label(labels.actual) + diff.actualPieces.map(\.text).joined()]
        let carets = diff.caretLine
        if !carets.isEmpty { lines.append(String(repeating: " ", count: 6 + width) + carets) }
        return lines
    }
}

/// `mgaudit explain AADSTS50011`.
public enum CatalogEntryTextRenderer {
    public static func render(_ entry: CatalogEntry, language: Language) -> String {
        let l = TriageLabels(language)
        var lines = ["\(entry.id)\(entry.name.map { " (\($0))" } ?? "") — \(entry.cause.rawValue)"]
        if let error = entry.error { lines.append("  error: \(error)") }
        lines.append("  \(l.meaning): \(entry.summary.text(language))")
        lines.append("  \(l.check): \(entry.check.text(language))")
        if let step = entry.guideStep { lines.append("  \(l.guideStep): \(step.text(language))") }
        if !entry.rules.isEmpty { lines.append("  \(l.rules): \(entry.rules.joined(separator: ", "))") }
        if entry.retry { lines.append("  \(l.retry)") }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Labels shared by the triage renderers (text, Markdown, HTML): one table, so a label reads the
/// same in every format.
struct TriageLabels {
    let language: Language
    init(_ language: Language) { self.language = language }
    private func t(_ ja: String, _ en: String) -> String { language == .ja ? ja : en }

    var meaning: String { t("意味", "Meaning") }
    var check: String { t("確認すること", "What to check") }
    var guideStep: String { t("手順書", "Setup guide") }
    var remedy: String { t("対処", "What to do") }
    var rules: String { t("関連ルール", "Related rules") }
    var retry: String { t("一時的なエラーです。時間をおいて再試行してください。", "Transient error: retrying later may be enough.") }
    var unknownCode: String { t("カタログにないコード", "not in the catalog") }
    var note: String { t("注記", "Note") }
    var cause: String { t("原因", "Cause") }
    var evidence: String { t("根拠", "Evidence") }
    var title: String { t("OAuth エラーの診断", "OAuth error triage") }
    func errorCount(_ count: Int) -> String { t("エラー \(count) 件", "\(count) error(s)") }
    /// What an error the catalog does not hold means to the reader.
    var notInCatalog: String {
        t("カタログにないエラーです。Microsoft のメッセージと ID を添えてお問い合わせください。",
          "This code is not in our catalog; please send us Microsoft's message and the ids below.")
    }
    /// The only step when nothing else can be said.
    var sendIds: String { t("要求 ID、相関 ID、タイムスタンプを添えてお問い合わせください。", "Send us the Request Id, Correlation Id and Timestamp.") }

    func details(of e: TriagedError) -> [(String, String)] {
        var out: [(String, String)] = []
        func add(_ label: String, _ value: String?) { if let value { out.append((label, value)) } }
        // Only text from Microsoft's error fields or page is Microsoft's message; when there is
        // none, the input's own words are shown as such.
        add(t("Microsoft のメッセージ", "Microsoft's message"), e.description)
        if e.description == nil, !e.excerpt.isEmpty, e.sourceKind != .redirectURL, e.sourceKind != .tokenResponse {
            add(t("入力の該当箇所", "From the input"), e.excerpt)
        }
        add(t("要求されたリダイレクト URI", "Requested redirect URI"), e.requestedRedirectUri)
        add(t("クライアント ID", "Client ID"), e.clientId)
        add(t("テナント", "Tenant"), e.tenant)
        add(t("ユーザ", "User"), e.user)
        add(t("要求 ID (Trace ID)", "Request Id (Trace ID)"), e.traceId)
        add(t("相関 ID", "Correlation Id"), e.correlationId)
        add(t("タイムスタンプ", "Timestamp"), e.timestamp)
        if e.occurrences > 1 {
            add(t("発生回数", "Occurrences"), "\(e.occurrences) (\(e.firstSeen ?? "?") – \(e.lastSeen ?? "?"))")
        }
        return out
    }
}
