/// A Markdown summary to paste into a ticket or write to a GitHub job summary (docs/formats.md):
/// the totals first (`wantsOverviewFirst`), then a short table per tenant with findings.
///
/// GitHub caps a job summary at 1 MiB, and `tenant` cannot know how much came before it (it runs
/// on worker threads, out of order), so the bound is made of fixed parts: every cell is cut to a
/// fixed length, a tenant's section stops adding rows at `tenantByteLimit` and says how many it
/// left out, only the first `detailTenantLimit` tenants get a section (the end says how many did
/// not), and the overview's lists are bounded (`ReportTotals.listLimit`, the pack's rules).
///
/// Every input string is shown with invisible characters as `⟨U+3000⟩` and Markdown and HTML
/// punctuation escaped (`MarkdownText.escape`), on one line, so nothing can break a table, start
/// emphasis, or inject raw HTML.
public struct MarkdownReport: ReportRenderer {
    /// Tenants (by report position) that get a section of their own.
    public static let detailTenantLimit = 80
    /// UTF-8 bytes of one tenant's section, rows included, beyond which rows are left out.
    public static let tenantByteLimit = 10_000
    /// Characters of input kept in one cell before escaping (escaping can make each one longer).
    static let nameLimit = 100
    static let subjectLimit = 200
    static let messageLimit = 300
    /// Rows of the worst-tenant, soonest-secret and unused-suppression lists.
    static let listRows = 10

    public init() {}

    public var wantsOverviewFirst: Bool { true }

    public func begin(_ run: ReportRun) -> String {
        let labels = ReportLabels(language: run.language)
        return "# \(labels.reportTitle)\n\n\(labels.asOf): \(MarkdownText.escape(run.asOf))\n"
    }

    public func overview(_ totals: ReportTotals, run: ReportRun) -> String {
        let labels = ReportLabels(language: run.language)
        var out = "\n## \(labels.overview)\n\n"
        out += Self.table([labels.severityColumn, labels.countColumn], right: [1], rows: [
            [labels.severityHeading(.error), String(totals.counts.error)],
            [labels.severityHeading(.warning), String(totals.counts.warning)],
            [labels.severityHeading(.info), String(totals.counts.info)],
            [labels.total, String(totals.counts.error + totals.counts.warning + totals.counts.info)],
        ])
        out += "\n" + labels.tenantCount(totals.tenants) + "\n"
        if run.hasBaseline { out += "\n" + labels.changeCounts(new: totals.new, fixed: totals.fixed) + "\n" }
        out += "\n" + labels.suppressedCount(totals.suppressed) + "\n"

        if !totals.byRule.isEmpty {
            out += "\n## \(labels.findingsByRule)\n\n"
            out += Self.table([labels.rule, labels.severityColumn, labels.countColumn, labels.tenantsColumn], right: [2, 3],
                              rows: totals.rulesByCount.map { entry in
                                  [Self.cell(entry.rule, limit: Self.nameLimit), labels.severity(entry.tally.severity),
                                   String(entry.tally.findings), String(entry.tally.tenants)]
                              })
        }
        if !totals.worstTenants.isEmpty {
            out += "\n## \(labels.worstTenants)\n\n"
            out += Self.table([labels.tenant, labels.severityHeading(.error), labels.severityHeading(.warning),
                               labels.severityHeading(.info)], right: [1, 2, 3],
                              rows: totals.worstTenants.prefix(Self.listRows).map { tally in
                                  [Self.cell(tally.name, limit: Self.nameLimit), String(tally.counts.error),
                                   String(tally.counts.warning), String(tally.counts.info)]
                              })
        }
        if !totals.soonestSecrets.isEmpty {
            out += "\n## \(labels.soonestSecrets)\n\n"
            out += Self.table([labels.endsColumn, labels.tenant, labels.keyIdColumn, labels.secretNameColumn], right: [],
                              rows: totals.soonestSecrets.prefix(Self.listRows).map { entry in
                                  [Self.cell(entry.secret.ends, limit: Self.nameLimit), Self.cell(entry.tenant, limit: Self.nameLimit),
                                   Self.cell(entry.secret.keyId, limit: Self.nameLimit),
                                   Self.cell(entry.secret.displayName ?? "", limit: Self.nameLimit)]
                              })
        }
        if !totals.unusedSuppressions.isEmpty {
            out += "\n## \(labels.unusedSuppressions)\n\n"
            for note in totals.unusedSuppressions.prefix(Self.listRows) {
                out += "- " + labels.unusedSuppression(source: Self.cell(note.source, limit: Self.nameLimit),
                                                       rule: Self.cell(note.rule, limit: Self.nameLimit)) + "\n"
            }
            let left = totals.unusedSuppressions.count - Self.listRows
            if left > 0 { out += "\n" + labels.moreItems(left) + "\n" }
        }
        out += "\n## \(labels.tenantDetails)\n"
        if totals.tenantsWithFindings == 0 { out += "\n" + labels.noFindingsAnywhere + "\n" }
        return out
    }

    /// A tenant with findings, within the bounds above; "" otherwise.
    public func tenant(_ tenant: TenantResult, position: Int, run: ReportRun) -> String {
        guard position < Self.detailTenantLimit, !tenant.findings.isEmpty else { return "" }
        let labels = ReportLabels(language: run.language)
        let language = run.language
        let findings = ReportSupport.sorted(tenant.findings)
        var out = "\n### \(labels.tenant): \(Self.cell(tenant.name, limit: Self.nameLimit))\n\n"
            + labels.counts(SeverityCounts(findings)) + "\n\n"
            + Self.header([labels.severityColumn, labels.rule, labels.subject, labels.messageColumn], right: [])
        var shown = 0
        for finding in findings {
            let row = Self.row([
                labels.severity(finding.severity),
                Self.cell(finding.rule, limit: Self.nameLimit),
                Self.cell(finding.subject, limit: Self.subjectLimit),
                Self.prose(finding.message.text(language), limit: Self.messageLimit),
            ])
            guard out.utf8.count + row.utf8.count <= Self.tenantByteLimit else { break }
            out += row
            shown += 1
        }
        if shown < findings.count { out += "\n" + labels.moreFindings(findings.count - shown) + "\n" }
        return out
    }

    public func end(_ totals: ReportTotals, run: ReportRun) -> String {
        let labels = ReportLabels(language: run.language)
        var out = ""
        let left = totals.tenants - Self.detailTenantLimit
        if left > 0 { out += "\n" + labels.tenantsLeftOut(left, shown: Self.detailTenantLimit) + "\n" }
        return out + "\n---\n\n" + labels.generatedBy(version: MarkdownText.escape(run.generatorVersion)) + "\n"
    }

    // MARK: cells

    /// Input text in a cell: cut to `limit` characters, invisible characters shown, escaped.
    static func cell(_ text: String, limit: Int) -> String {
        MarkdownText.escape(VisibleText.escape(cut(text, limit: limit)))
    }

    /// Rule prose holding input (a message quoting a URI): line breaks become spaces.
    static func prose(_ text: String, limit: Int) -> String {
        MarkdownText.escape(ReportSupport.prose(cut(text, limit: limit)))
    }

    static func cut(_ text: String, limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit)) + "…"
    }

    static func table(_ columns: [String], right: Set<Int>, rows: [[String]]) -> String {
        header(columns, right: right) + rows.map(row).joined()
    }

    static func header(_ columns: [String], right: Set<Int>) -> String {
        row(columns) + "|" + columns.indices.map { right.contains($0) ? " ---: |" : " --- |" }.joined() + "\n"
    }

    static func row(_ cells: [String]) -> String {
        "| " + cells.joined(separator: " | ") + " |\n"
    }
}
