import Foundation

/// A reply to paste into a support ticket, in the chosen language: the cause in one line, the
/// evidence (for a redirect URI mismatch both URIs in a code block with a caret under the
/// difference), numbered fix steps quoting the portal's labels, and the guide step.
public enum TriageMarkdownRenderer {
    public static func render(_ report: TriageReport, language: Language) -> String {
        report.errors.map { render($0, language: language) }.joined(separator: "\n---\n\n")
    }

    static func render(_ result: TriageResult, language: Language) -> String {
        let ja = language == .ja
        let l = TriageLabels(language)
        let e = result.error
        var out = "### \(e.code ?? e.oauthError ?? "?")"
        if let name = result.entry?.name { out += " (\(name))" }
        out += "\n\n"
        let cause = result.entry?.summary.text(language)
            ?? (ja ? "カタログにないエラーです。Microsoft のメッセージと ID を添えてお問い合わせください。"
                   : "This code is not in our catalog; please send us Microsoft's message and the ids below.")
        out += "**\(ja ? "原因" : "Cause"):** \(cause)\n\n"

        out += "**\(ja ? "根拠" : "Evidence")**\n\n"
        for (label, value) in l.details(of: e) {
            out += "- \(label): `\(code(VisibleText.escape(value)))`\n"
        }
        for finding in result.findings where finding.rule == "uri-near-miss" {
            out += "- \(finding.message.text(language))\n"
        }
        if let nearMiss = result.findings.first(where: { $0.rule == "uri-near-miss" }),
           case .string(let requested)? = nearMiss.evidence["requested"],
           case .string(let registered)? = nearMiss.evidence["registered"] {
            out += "\n" + uriBlock(requested: requested, registered: registered, language: language)
        }

        out += "\n**\(ja ? "対処" : "What to do")**\n\n"
        // The tenant files' specific fixes first, then the general check for the code.
        var steps = result.findings.map { fix(for: $0, language: language) }
        if let check = result.entry?.check.text(language) { steps.append(check) }
        if result.entry?.retry == true { steps.append(l.retry) }
        if steps.isEmpty {
            steps.append(ja ? "要求 ID、相関 ID、タイムスタンプを添えてお問い合わせください。"
                            : "Send us the Request Id, Correlation Id and Timestamp.")
        }
        for (index, step) in steps.enumerated() { out += "\(index + 1). \(step)\n" }
        if let step = result.entry?.guideStep {
            out += "\n**\(ja ? "手順書" : "Setup guide"):** \(step.text(language))\n"
        }
        return out
    }

    static func fix(for finding: Finding, language: Language) -> String {
        let step = finding.guideStep.text(language)
        if finding.rule == "uri-near-miss", case .string(let requested)? = finding.evidence["requested"],
           case .string(let registered)? = finding.evidence["registered"] {
            let from = code(VisibleText.escape(registered)), to = code(VisibleText.escape(requested))
            return language == .ja
                ? "「認証」の「Web」にある `\(from)` を `\(to)` に直し、「保存」をクリックしてください（\(step)）。"
                : "Under 「認証」 > 「Web」, change `\(from)` to `\(to)` and click 「保存」 (\(step))."
        }
        return language == .ja ? "\(finding.message.ja)（\(step)）" : "\(finding.message.en) (\(step))"
    }

    /// Both URIs, one per line, with a caret line under each differing character of the
    /// registered one. Invisible characters are shown as code points, so columns still line up.
    static func uriBlock(requested: String, registered: String, language: Language) -> String {
        let ja = language == .ja
        let difference = TriageCorrelator.compare(expected: requested, actual: registered)
        let columns = displayColumns(registered)
        var marks = Set<Int>()
        for edit in difference.edits {
            let count = max(1, edit.actualText.unicodeScalars.count)
            for offset in 0..<(edit.kind == .missing ? 1 : count) { marks.insert(edit.position + offset) }
        }
        var caret = ""
        for (index, width) in columns.enumerated() {
            caret += marks.contains(index) ? "^" + String(repeating: " ", count: max(0, width - 1)) : String(repeating: " ", count: width)
        }
        if marks.contains(columns.count) { caret += "^" }
        while caret.last == " " { caret.removeLast() }
        return """
        ```text
        # \(ja ? "要求された URI（MailGates が送信）" : "requested URI (sent by MailGates)")
        \(VisibleText.escape(requested))
        # \(ja ? "登録済みの URI（Entra ID）" : "registered URI (Entra ID)")
        \(VisibleText.escape(registered))
        \(caret)
        ```

        """
    }

    /// The display width of each scalar of `text` as `VisibleText.escape` shows it.
    static func displayColumns(_ text: String) -> [Int] {
        let scalars = Array(text.unicodeScalars)
        return scalars.enumerated().map { index, scalar in
            let atEdge = index == 0 || index == scalars.count - 1
            if scalar == " " { return atEdge ? VisibleText.codePoint(scalar).count : 1 }
            if VisibleText.isInvisible(scalar) { return VisibleText.codePoint(scalar).count }
            return isWide(scalar) ? 2 : 1
        }
    }

    static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6:
            true
        default:
            false
        }
    }

    /// Backticks would end an inline code span.
    static func code(_ text: String) -> String { text.replacingOccurrences(of: "`", with: "'") }
}
