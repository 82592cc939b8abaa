import Foundation

/// A reply to paste into a support ticket, in the chosen language: the cause in one line, the
/// evidence (for a redirect URI mismatch both URIs in a code block with a caret under the
/// difference), numbered fix steps quoting the portal's labels, and the guide step.
public struct TriageMarkdownRenderer: ReportRenderer {
    public init() {}

    public static func render(_ report: TriageReport, language: Language) -> String {
        TriageMarkdownRenderer().render(report, language: language)
    }

    public func begin(_ run: ReportRun) -> String { "" }
    public func tenant(_ tenant: TriageResult, position: Int, run: ReportRun) -> String { Self.render(tenant, language: run.language) }
    public var separator: String { "\n---\n\n" }
    public func end(_ totals: TriageReport.Totals, run: ReportRun) -> String {
        guard totals.errors > 1, let label = totals.groupLabel, !totals.groups.isEmpty else { return "" }
        return "\n---\n\n**\(label.text(run.language))**\n\n" + totals.groups.map { group in
            "- \(Self.prose(group.who.text(run.language))): \(group.codes.count) (\(group.codes.map { Self.prose($0) }.joined(separator: ", ")))\n"
        }.joined()
    }

    static func render(_ result: TriageResult, language: Language) -> String {
        let l = TriageLabels(language)
        let e = result.error
        var out = "### " + MarkdownText.codeSpan(VisibleText.escape(e.code ?? e.oauthError ?? "?"), bareWhenPlain: true)
        if let name = result.entry?.name { out += " (\(MarkdownText.escape(name)))" }
        out += "\n\n"
        let cause = result.entry?.summary.text(language) ?? l.notInCatalog
        out += "**\(l.cause):** \(cause)\n\n"
        if let routing = result.routing { out += "**\(routing.label.text(language)):** \(prose(routing.who.text(language)))\n\n" }

        for note in result.notes { out += "**\(l.note):** \(prose(note.text(language)))\n\n" }
        out += "**\(l.evidence)**\n\n"
        for (label, value) in l.details(of: e) {
            out += "- \(label): \(MarkdownText.codeSpan(VisibleText.escape(value)))\n"
        }
        // What the tenant files show is evidence too: each finding's message, then for those that
        // carry a character diff the two strings with a caret line under what differs.
        for finding in result.findings {
            out += "- \(prose(finding.message.text(language)))\n"
        }
        // The finding names its two strings (`comparison`); a diff without names is not drawn.
        for finding in result.findings {
            guard let names = finding.comparison, let diff = NearMissDiff(evidence: finding.evidence) else { continue }
            out += "\n" + diffBlock(diff, expectedLabel: VisibleText.escape(names.expectedLong.text(language)), actualLabel: VisibleText.escape(names.actualLong.text(language)))
        }

        out += "\n**\(l.remedy)**\n\n"
        // The tenant files' specific fixes first, then the general check for the code.
        var steps = result.findings.map { fix(for: $0, language: language) }
        if let check = result.entry?.check.text(language) { steps.append(check) }
        if result.entry?.retry == true { steps.append(l.retry) }
        if steps.isEmpty {
            steps.append(l.sendIds)
        }
        for (index, step) in steps.enumerated() { out += "\(index + 1). \(step)\n" }
        // (Steps from the findings are escaped in `fix(for:)`; the catalog's `check` is our own text.)
        if let step = result.entry?.guideStep {
            out += "\n**\(l.guideStep):** \(step.text(language))\n"
        }
        return out
    }

    static func fix(for finding: Finding, language: Language) -> String {
        let step = prose(finding.guideStep.text(language))
        // The rule's own fix is the action; its message is already listed as evidence.
        let action = prose((finding.fix ?? finding.message).text(language))
        return language == .ja ? "\(action)（\(step)）" : "\(action) (\(step))"
    }

    /// Both strings, one per line, with the check report's caret line (`NearMissDiff.caretLine`)
    /// under each differing character of the second. Invisible characters are shown as code
    /// points, and so are spaces that differ, so the columns still line up.
    static func diffBlock(_ diff: NearMissDiff, expectedLabel: String, actualLabel: String) -> String {
        // The pieces already show invisible characters and differing spaces as code points.
        let expected = diff.expectedPieces.map(\.text).joined()
        let actual = diff.actualPieces.map(\.text).joined()
        // A fence longer than any run of backticks inside, so the block cannot be closed early.
        let fence = String(repeating: "`", count: max(3, MarkdownText.longestBacktickRun(expected + "\n" + actual) + 1))
        var lines = [fence + "text", "# \(expectedLabel)", expected, "# \(actualLabel)", actual]
        let carets = diff.caretLine
        if !carets.isEmpty { lines.append(carets) }
        lines.append(fence)
        return lines.joined(separator: "\n") + "\n"
    }

    /// A requested and a registered URI in a diff block under the given names.
    static func uriBlock(requested: String, registered: String, expectedLabel: String, actualLabel: String) -> String {
        let diff = NearMissDiff(segments: URIExplainer.compare(expected: requested, actual: registered).diff)
        return diffBlock(diff, expectedLabel: expectedLabel, actualLabel: actualLabel)
    }

    /// Prose that holds input (a finding's message quotes URIs and ids): invisible characters as
    /// code points, Markdown and HTML characters escaped.
    static func prose(_ text: String) -> String { MarkdownText.escape(VisibleText.escape(text)) }
}
