import Foundation

/// `mgaudit triage --format reply`: a plain-text answer to the customer in the chosen language —
/// what happened, what to change and where in the portal (the catalog's `check` and the rule
/// pack's `fix` texts, which quote the portal's labels as the setup guide prints them), who must
/// do it (`fixedBy` and the admin role), and what to send back if it persists. No Markdown
/// markers; every sentence and label is from `reply.yaml`. Input-derived strings are escaped with
/// `VisibleText.escape`; secrets are masked by the sink, as for every format.
///
/// Another command (a web desk) gets the same reply from `TriageReplyRenderer(texts: catalog.reply)`
/// and the same `TriageResult`s.
public struct TriageReplyRenderer: ReportRenderer {
    public var texts: ReplyTexts

    public init(texts: ReplyTexts) {
        self.texts = texts
    }

    public func begin(_ run: ReportRun) -> String { texts.opening.text(run.language) + "\n\n" }

    public func tenant(_ tenant: TriageResult, position: Int, run: ReportRun) -> String {
        let language = run.language
        let result = tenant
        let e = result.error
        func t(_ text: LocalizedText) -> String { text.text(language) }
        func visible(_ text: String) -> String { VisibleText.escape(text) }
        var lines: [String] = []

        lines.append(t(texts.happenedLabel))
        let code = visible(e.code ?? e.oauthError ?? "?")
        var happened = t(texts.happened.filled(["code": code]))
        happened += result.entry.map { t($0.summary) } ?? t(texts.unknownCode)
        lines.append(happened)
        for note in result.notes { lines.append(visible(t(note))) }
        for finding in result.findings { lines.append(visible(t(finding.message))) }

        lines.append("")
        lines.append(t(texts.changeLabel))
        // The tenant files' specific fixes first, then the catalog's check for the code.
        var steps = result.findings.compactMap { $0.fix.map { visible(t($0)) } }
        if let entry = result.entry {
            steps.append(t(entry.check))
            if entry.retry { steps.append(t(texts.retry)) }
        }
        if steps.isEmpty { steps.append(t(texts.noChange)) }
        for (index, step) in steps.enumerated() { lines.append("\(index + 1). \(step)") }
        if let step = result.entry?.guideStep { lines.append(t(texts.guideStep.filled(["step": t(step)]))) }

        lines.append("")
        lines.append(t(texts.whoLabel))
        lines.append(t(texts.fixedBySentence(result.entry)))

        lines.append("")
        lines.append(t(texts.persistsLabel))
        lines.append(t(texts.persists))
        for (label, value) in [(texts.requestId, e.traceId), (texts.correlationId, e.correlationId), (texts.timestamp, e.timestamp)] {
            lines.append(t(texts.field.filled(["label": t(label), "value": value.map(visible) ?? t(texts.notShown)])))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public var separator: String { "\n" }

    public func end(_ totals: TriageReport.Totals, run: ReportRun) -> String { "\n" + texts.closing.text(run.language) + "\n" }
}
