/// The terminal report: grouped by tenant, errors first, each finding with its fix step.
/// ANSI colour only when asked (the CLI passes isatty); golden files hold the colourless form.
/// Every input-derived string (tenant and file names, subjects, evidence) is shown through
/// `VisibleText.escape`, rule prose through `ReportSupport.prose`, so no input can put a control
/// character on the terminal. Secret values and tokens are masked by `ReportRenderer.output`.
public struct TextReport: ReportRenderer {
    public var colour: Bool
    /// Only the totals (`batch` on a terminal with no output file), not every finding.
    public var summaryOnly: Bool

    public init(colour: Bool = false, summaryOnly: Bool = false) {
        self.colour = colour
        self.summaryOnly = summaryOnly
    }

    public func begin(_ run: ReportRun) -> String {
        let labels = ReportLabels(language: run.language)
        let heading = run.language == .ja
            ? "\(labels.reportTitle)（\(labels.asOf): \(run.asOf)）"
            : "\(labels.reportTitle) (\(labels.asOf.lowercased()) \(run.asOf))"
        return style(heading, .bold) + "\n"
    }

    public func tenant(_ tenant: TenantResult, position: Int, run: ReportRun) -> String {
        if summaryOnly { return "" }
        return "\n" + tenantLines(tenant, labels: ReportLabels(language: run.language)).joined(separator: "\n") + "\n"
    }

    public func end(_ totals: ReportTotals, run: ReportRun) -> String {
        let labels = ReportLabels(language: run.language)
        let separator = run.language == .ja ? "、" : ", "
        var lines = [""]
        if summaryOnly { lines += summaryLines(totals, labels: labels, run: run) }
        lines.append("\(labels.total): \(labels.tenantCount(totals.tenants))\(separator)\(labels.counts(totals.counts))")
        return lines.joined(separator: "\n") + "\n"
    }

    /// `batch` with no output file: the worst tenants, the rules that fired most, new/fixed and
    /// suppressed counts, the secrets ending soonest.
    private func summaryLines(_ totals: ReportTotals, labels: ReportLabels, run: ReportRun) -> [String] {
        var lines: [String] = []
        if run.hasBaseline {
            lines.append(labels.changeCounts(new: totals.new, fixed: totals.fixed))
        }
        if totals.suppressed > 0 { lines.append(labels.suppressedCount(totals.suppressed)) }
        if !totals.worstTenants.isEmpty {
            lines.append("\(labels.worstTenants):")
            lines += totals.worstTenants.prefix(10).map { "  \(VisibleText.escape($0.name))  \(labels.counts($0.counts))" }
        }
        if !totals.byRule.isEmpty {
            lines.append("\(labels.findingsByRule):")
            lines += totals.rulesByCount.map { "  \(VisibleText.escape($0.rule))  \($0.tally.findings) (\(labels.tenantCount($0.tally.tenants)))" }
        }
        if !totals.soonestSecrets.isEmpty {
            lines.append("\(labels.soonestSecrets):")
            lines += totals.soonestSecrets.prefix(10).map {
                "  \($0.secret.ends)  \(VisibleText.escape($0.tenant))  \(VisibleText.escape($0.secret.keyId))"
            }
        }
        for note in totals.unusedSuppressions {
            lines.append(labels.unusedSuppression(source: VisibleText.escape(note.source), rule: VisibleText.escape(note.rule)))
        }
        return lines.isEmpty ? [] : lines + [""]
    }

    private func tenantLines(_ tenant: TenantResult, labels: ReportLabels) -> [String] {
        var lines = [
            style("== \(labels.tenant): \(VisibleText.escape(tenant.name)) ==", .bold)
                + "  " + labels.counts(SeverityCounts(tenant.findings)),
            "\(labels.inputs):",
        ]
        if tenant.inputs.isEmpty { lines.append("  \(labels.noInputs)") }
        for input in tenant.inputs {
            lines.append("  \(VisibleText.escape(input.path)) (\(input.kind.rawValue))")
        }
        let findings = ReportSupport.sorted(tenant.findings)
        if findings.isEmpty {
            lines += ["", labels.noFindings]
        }
        for finding in findings {
            lines.append("")
            lines += findingLines(finding, labels: labels)
        }
        if !tenant.suppressed.isEmpty {
            lines += ["", "\(labels.suppressedHeading):"]
            for held in tenant.suppressed {
                lines.append("  \(VisibleText.escape(held.finding.rule))  \(VisibleText.escape(held.finding.subject))")
                lines.append("    \(labels.suppressionReason(VisibleText.escape(held.reason), source: VisibleText.escape(held.source), until: held.until))")
            }
        }
        return lines
    }

    private func findingLines(_ finding: Finding, labels: ReportLabels) -> [String] {
        let language = labels.language
        let severity = style("[\(labels.severity(finding.severity))]", Style(finding.severity))
        var lines = ["\(severity) \(VisibleText.escape(finding.rule))  \(ReportSupport.prose(finding.title.text(language)))"]
        lines.append("  \(labels.subject): \(VisibleText.escape(finding.subject))")
        lines += ReportSupport.prose(finding.message.text(language)).split(separator: "\n", omittingEmptySubsequences: false)
            .map { "  " + $0 }
        if let comparison = ReportSupport.comparison(finding) {
            lines += comparisonLines(comparison, labels: labels)
        }
        let evidence = ReportSupport.listedEvidence(finding)
        if !evidence.isEmpty {
            lines.append("  \(labels.evidence):")
            lines += evidence.map { "    \(VisibleText.escape($0.key)): \(ReportSupport.visible($0.value))" }
        }
        if let fix = finding.fix {
            lines.append("  \(labels.remedy): \(ReportSupport.prose(fix.text(language)))")
        }
        lines.append("  \(labels.fix): \(ReportSupport.prose(finding.guideStep.text(language)))")
        if let commands = finding.commands {
            lines.append("  \(labels.fixCommands):")
            for tool in labels.commandTools {
                lines.append("    \(tool.name):")
                lines += commands[keyPath: tool.key].text(language).split(separator: "\n", omittingEmptySubsequences: false)
                    .map { $0.isEmpty ? "" : "      " + ReportSupport.prose(String($0)) }
            }
        }
        return lines
    }

    /// `expected:`/`actual:` lines with a caret line under the columns that differ.
    private func comparisonLines(_ comparison: ReportSupport.Comparison, labels: ReportLabels) -> [String] {
        let width = max(DisplayWidth.of(labels.expected), DisplayWidth.of(labels.actual)) + 2
        func label(_ text: String) -> String {
            "    " + text + ":" + String(repeating: " ", count: width - DisplayWidth.of(text) - 1)
        }
        var lines = [
            label(labels.expected) + comparison.expectedPieces.map(\.text).joined(),
            label(labels.actual) + comparison.actualPieces.map(\.text).joined(),
        ]
        let carets = comparison.caretLine
        if !carets.isEmpty {
            let lead = carets.prefix { $0 == " " }
            lines.append(String(repeating: " ", count: 4 + width) + lead + style(String(carets.dropFirst(lead.count)), .caret))
        }
        return lines
    }

    // MARK: - Colour

    private enum Style {
        case bold, error, warning, info, caret
        init(_ severity: Severity) {
            switch severity {
            case .error: self = .error
            case .warning: self = .warning
            case .info: self = .info
            }
        }
        var code: String {
            switch self {
            case .bold: "1"
            case .error: "1;31"
            case .warning: "1;33"
            case .info: "36"
            case .caret: "31"
            }
        }
    }

    private func style(_ text: String, _ style: Style) -> String {
        colour ? "\u{1B}[\(style.code)m\(text)\u{1B}[0m" : text
    }
}
