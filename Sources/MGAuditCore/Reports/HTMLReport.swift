import Foundation
import Plot

/// One self-contained HTML file, an operations dashboard: the run's totals first (severities,
/// rules, new and fixed since the baseline, suppressions, the worst tenants, the secrets ending
/// soonest), a table of every tenant linked to its section, then one section per tenant.
///
/// Inline CSS and one small inline script (sorting and filtering the tenant table), both allowed
/// by hash in a Content-Security-Policy and nothing else (`HTMLDashboard`); complete and readable
/// with scripting off, and printable. Built with Plot so every input string is escaped; input never
/// reaches an attribute value (Plot does not escape those): ids are `t<position>`, classes are
/// fixed words, names are text nodes only.
///
/// Written as a stream: the overview needs the totals, so it comes first through
/// `wantsOverviewFirst` (`ReportStream` spools the tenants); each tenant's section and index row
/// is rendered on its own, and nothing passes over the whole document.
public struct HTMLReport: ReportRenderer {
    /// Overrides the run's generator version in the footer (tests pass a fixed value).
    public var generatorVersion: String?

    public init(generatorVersion: String? = nil) {
        self.generatorVersion = generatorVersion
    }

    public var wantsOverviewFirst: Bool { true }

    public func begin(_ run: ReportRun) -> String {
        let labels = ReportLabels(language: run.language)
        let title = "\(labels.reportTitle) \(run.asOf)"
        // The policy comes before the stylesheet it governs; the stylesheet is written as it is
        // (not through Plot) so its bytes are exactly the ones `HTMLDashboard.cssHash` covers.
        let metas: Node<HTML.HeadContext> = .group(
            .meta(.charset(.utf8)),
            .meta(.attribute(named: "http-equiv", value: "Content-Security-Policy"), .content(HTMLDashboard.contentSecurityPolicy)),
            .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
            .element(named: "title", nodes: [safe(title)])
        )
        let header: Node<HTML.BodyContext> = .header(
            .h1(safe(labels.reportTitle)),
            .p(.class("as-of"), safe("\(labels.asOf): \(run.asOf)"))
        )
        return "<!DOCTYPE html>\n<html lang=\"\(run.language == .ja ? "ja" : "en")\"><head>\n"
            + Self.breakLines(metas.render()) + "<style>" + HTMLDashboard.css + "</style>\n</head>\n"
            + "<body>\n" + Self.breakLines(header.render())
    }

    public func overview(_ totals: ReportTotals, run: ReportRun) -> String {
        let labels = ReportLabels(language: run.language)
        let top: Node<HTML.BodyContext> = .group(
            .h2(safe(labels.overview)),
            .p(.class("counts"), safe(labels.tenantsWithFindings(totals.tenants, withFindings: totals.tenantsWithFindings))),
            summaryCards(totals, run: run, labels: labels),
            .div(
                .class("panels"),
                .if(!totals.worstTenants.isEmpty, worstTenantsPanel(totals, labels: labels)),
                .if(!totals.byRule.isEmpty, rulesPanel(totals, labels: labels)),
                .if(!totals.soonestSecrets.isEmpty, secretsPanel(totals, run: run, labels: labels)),
                .if(!totals.unusedSuppressions.isEmpty, unusedSuppressionsPanel(totals, labels: labels))
            ),
            .h3(safe(labels.allTenants)),
            tableControls(labels)
        )
        let head: Node<HTML.TableContext> = .thead(.tr(
            .th(.class("n"), safe(labels.numberColumn)),
            .th(safe(labels.tenant)),
            .th(.class("n"), safe(labels.severityHeading(.error))),
            .th(.class("n"), safe(labels.severityHeading(.warning))),
            .th(.class("n"), safe(labels.severityHeading(.info))),
            .if(run.hasBaseline, .group(.th(.class("n"), safe(labels.newLabel)), .th(.class("n"), safe(labels.fixedLabel)))),
            .th(.class("n"), safe(labels.suppressedLabel))
        ))
        return "<section class=\"overview\" id=\"overview\">" + Self.breakLines(top.render())
            + "<table class=\"index\" id=\"tenants\">" + Self.breakLines(head.render()) + "<tbody>"
    }

    /// Filled into the row template Plot rendered once for the run's language (`HTMLTemplate`);
    /// the same bytes as `indexRowViaPlot`.
    public func indexRow(_ tenant: TenantResult, position: Int, run: ReportRun) -> String {
        HTMLTenantTemplates.of(run.language).indexRow(tenant, position: position, run: run)
    }

    /// The row built as a Plot node tree and rendered (what the template path is tested against).
    func indexRowViaPlot(_ tenant: TenantResult, position: Int, run: ReportRun) -> String {
        let counts = SeverityCounts(tenant.findings)
        let row: Node<HTML.TableContext> = .tr(
            .if(tenant.findings.isEmpty, .class("clean")),
            .td(.class("n"), safe(String(position + 1))),
            .td(.class("name"), .a(.href(Self.anchor(position)), visible(tenant.name))),
            countCells(counts),
            changeCells(new: tenant.findings.lazy.filter { $0.change == .new }.count, fixed: tenant.fixed.count, run: run),
            .td(.class("n suppressed"), safe(String(tenant.suppressed.count)))
        )
        return Self.breakLines(row.render())
    }

    public func indexEnd(_ totals: ReportTotals, run: ReportRun) -> String {
        let labels = ReportLabels(language: run.language)
        let foot: Node<HTML.TableContext> = .tfoot(.tr(
            .th(),
            .th(safe(labels.total)),
            countCells(totals.counts),
            changeCells(new: totals.new, fixed: totals.fixed, run: run),
            .td(.class("n suppressed"), safe(String(totals.suppressed)))
        ))
        return "</tbody>\n" + Self.breakLines(foot.render()) + "</table>\n</section>\n"
    }

    /// Filled into the section templates Plot rendered once for the run's language
    /// (`HTMLTemplate`); the same bytes as `tenantViaPlot`.
    public func tenant(_ tenant: TenantResult, position: Int, run: ReportRun) -> String {
        HTMLTenantTemplates.of(run.language).tenant(tenant, position: position, run: run)
    }

    /// The section built as a Plot node tree and rendered (what the template path is tested against).
    func tenantViaPlot(_ tenant: TenantResult, position: Int, run: ReportRun) -> String {
        Self.breakLines(tenantSection(tenant, position: position, run: run, labels: ReportLabels(language: run.language)).render())
    }

    public func end(_ totals: ReportTotals, run: ReportRun) -> String {
        let labels = ReportLabels(language: run.language)
        let footer: Node<HTML.BodyContext> = .footer(.p(safe(labels.generatedBy(version: generatorVersion ?? run.generatorVersion))))
        return Self.breakLines(footer.render()) + "<script>" + HTMLDashboard.script + "</script>\n</body>\n</html>\n"
    }

    /// The id of a tenant's section: built from a number only, so it is safe in an attribute.
    static func anchorID(_ position: Int) -> String { "t\(position)" }
    static func anchor(_ position: Int) -> String { "#" + anchorID(position) }

    // MARK: - Overview

    private func summaryCards(_ totals: ReportTotals, run: ReportRun, labels: ReportLabels) -> Node<HTML.BodyContext> {
        func card(_ kind: String, _ number: Int, _ what: String) -> Node<HTML.BodyContext> {
            .div(.class("card \(kind)"), .span(.class("num"), safe(String(number))), .span(.class("what"), safe(what)))
        }
        return .div(
            .class("cards"),
            card("error", totals.counts.error, labels.severityHeading(.error)),
            card("warning", totals.counts.warning, labels.severityHeading(.warning)),
            card("info", totals.counts.info, labels.severityHeading(.info)),
            .if(run.hasBaseline, .group(card("new", totals.new, labels.newLabel), card("fixed", totals.fixed, labels.fixedLabel))),
            card("suppressed", totals.suppressed, labels.suppressedLabel)
        )
    }

    private func worstTenantsPanel(_ totals: ReportTotals, labels: ReportLabels) -> Node<HTML.BodyContext> {
        .section(
            .class("panel"),
            .h3(safe(labels.worstTenants)),
            .ol(.forEach(totals.worstTenants) { tally in
                .li(.a(.href(Self.anchor(tally.position)), visible(tally.name)), safe(" "),
                    .span(.class("counts"), safe(labels.counts(tally.counts))))
            })
        )
    }

    private func rulesPanel(_ totals: ReportTotals, labels: ReportLabels) -> Node<HTML.BodyContext> {
        .section(
            .class("panel"),
            .h3(safe(labels.findingsByRule)),
            .table(
                .thead(.tr(.th(safe(labels.ruleColumn)), .th(safe(labels.severityColumn)),
                           .th(.class("n"), safe(labels.findingsColumn)), .th(.class("n"), safe(labels.tenantsColumn)))),
                .tbody(.forEach(totals.rulesByCount) { entry in
                    .tr(
                        .td(.code(visible(entry.rule))),
                        .td(.class(entry.tally.severity.rawValue), safe(labels.severity(entry.tally.severity))),
                        .td(.class("n"), safe(String(entry.tally.findings))),
                        .td(.class("n"), safe(String(entry.tally.tenants)))
                    )
                })
            )
        )
    }

    private func secretsPanel(_ totals: ReportTotals, run: ReportRun, labels: ReportLabels) -> Node<HTML.BodyContext> {
        .section(
            .class("panel"),
            .h3(safe(labels.soonestSecrets)),
            .table(
                .thead(.tr(.th(safe(labels.secretEndsColumn)), .th(safe(labels.tenant)), .th(safe(labels.secretColumn)))),
                .tbody(.forEach(totals.soonestSecrets) { entry in
                    .tr(
                        .td(.class("date"), safe(entry.secret.ends),
                            .if(entry.secret.ends < run.asOf, .span(.class("badge ended"), safe(labels.ended)))),
                        .td(.a(.href(Self.anchor(entry.position)), visible(entry.tenant))),
                        .td(.class("secret"), .unwrap(entry.secret.displayName) { .group(visible($0), safe(" ")) },
                            .code(visible(entry.secret.keyId)))
                    )
                })
            )
        )
    }

    private func unusedSuppressionsPanel(_ totals: ReportTotals, labels: ReportLabels) -> Node<HTML.BodyContext> {
        .section(
            .class("panel"),
            .h3(safe(labels.unusedSuppressions)),
            .ul(.forEach(totals.unusedSuppressions) { note in
                .li(visible(labels.unusedSuppression(source: note.source, rule: note.rule)),
                    safe(" \(labels.reason): "), visible(note.reason))
            })
        )
    }

    /// Hidden until the script shows them: without scripting there is nothing to filter with.
    private func tableControls(_ labels: ReportLabels) -> Node<HTML.BodyContext> {
        .div(
            .class("controls"), .id("tenant-controls"), .hidden(true),
            .label(safe(labels.filterByName + " "), .input(.type(.search), .id("tenant-filter"))),
            .label(.input(.type(.checkbox), .id("tenant-only-findings")), safe(" " + labels.onlyWithFindings)),
            .span(safe("\(labels.shown): "), .span(.id("tenant-shown")))
        )
    }

    // MARK: - Tenant sections

    private func countCells(_ counts: SeverityCounts) -> Node<HTML.TableRowContext> {
        .group(
            .td(.class("n error"), safe(String(counts.error))),
            .td(.class("n warning"), safe(String(counts.warning))),
            .td(.class("n info"), safe(String(counts.info)))
        )
    }

    /// New and fixed columns, only when there was a baseline to compare with.
    private func changeCells(new: Int, fixed: Int, run: ReportRun) -> Node<HTML.TableRowContext> {
        .if(run.hasBaseline, .group(
            .td(.class("n new"), safe(String(new))),
            .td(.class("n fixed"), safe(String(fixed)))
        ))
    }

    private func tenantSection(_ tenant: TenantResult, position: Int, run: ReportRun, labels: ReportLabels) -> Node<HTML.BodyContext> {
        let findings = ReportSupport.sorted(tenant.findings)
        return .section(
            .class("tenant"),
            .id(Self.anchorID(position)),
            .h2(safe("\(labels.tenant): "), visible(tenant.name)),
            .p(.class("counts"), safe(labels.counts(SeverityCounts(tenant.findings)))),
            .p(.class("top"), .a(.href("#overview"), safe(labels.backToSummary))),
            .h3(safe(labels.inputs)),
            .if(tenant.inputs.isEmpty, .p(safe(labels.noInputs))),
            .if(!tenant.inputs.isEmpty, .ul(.class("inputs"), .forEach(tenant.inputs) { input in
                .li(.code(visible(input.path)), safe(" (\(input.kind.rawValue))"))
            })),
            .h3(safe(labels.findings)),
            .if(findings.isEmpty, .p(.class("none"), safe(labels.noFindings))),
            .forEach(findings) { findingArticle($0, labels: labels) },
            .if(!tenant.suppressed.isEmpty, .group(
                .h3(safe(labels.suppressedFindings)),
                .forEach(tenant.suppressed) { suppressedArticle($0, labels: labels) }
            )),
            .if(run.hasBaseline && !tenant.fixed.isEmpty, .group(
                .h3(safe(labels.fixedSinceBaseline)),
                .ul(.class("fixed-list"), .forEach(tenant.fixed) { fixed in
                    .li(.code(.class("rule"), visible(fixed.rule)), safe(" "), .code(visible(fixed.subject)))
                })
            ))
        )
    }

    /// Severity, rule id, title and, for a finding the baseline did not have, a "new" badge.
    private func findingHeading(_ finding: Finding, labels: ReportLabels) -> Node<HTML.BodyContext> {
        .h4(
            .span(.class("sev"), safe(labels.severity(finding.severity))),
            safe(" "),
            .code(.class("rule"), safe(finding.rule)),
            safe(" "),
            prose(finding.title.text(labels.language)),
            .if(finding.change == .new, .span(.class("badge new"), safe(labels.newBadge)))
        )
    }

    private func subjectLine(_ finding: Finding, labels: ReportLabels) -> Node<HTML.BodyContext> {
        .p(.class("subject"), .span(.class("k"), safe("\(labels.subject): ")), .code(visible(finding.subject)))
    }

    private func findingArticle(_ finding: Finding, labels: ReportLabels) -> Node<HTML.BodyContext> {
        let language = labels.language
        let evidence = ReportSupport.listedEvidence(finding)
        return .article(
            .class("finding \(finding.severity.rawValue)"),
            findingHeading(finding, labels: labels),
            subjectLine(finding, labels: labels),
            .p(.class("message"), prose(finding.message.text(language))),
            .unwrap(ReportSupport.comparison(finding)) { comparisonBlock($0, labels: labels) },
            .if(!evidence.isEmpty, .div(
                .class("evidence"),
                .p(.class("k"), safe(labels.evidence)),
                .dl(.forEach(evidence) { item in
                    .group(.dt(visible(item.key)), .dd(safe(ReportSupport.visible(item.value))))
                })
            )),
            .unwrap(finding.fix) { fix in
                .p(.class("remedy"), .span(.class("k"), safe("\(labels.remedy): ")), prose(fix.text(language)))
            },
            .p(.class("fix"), .span(.class("k"), safe("\(labels.fix): ")), prose(finding.guideStep.text(language))),
            .if(!finding.related.isEmpty,
                .p(.class("related"), .span(.class("k"), safe("\(labels.related): ")), .code(safe(finding.related.joined(separator: ", "))))),
            .unwrap(finding.commands) { HTMLNodes.commands($0, labels: labels, language: language) }
        )
    }

    /// A held-back finding, greyed: what it is and why it is held back (the reason and the
    /// `mgaudit.yml` line), not the whole finding.
    private func suppressedArticle(_ suppressed: SuppressedFinding, labels: ReportLabels) -> Node<HTML.BodyContext> {
        .article(
            .class("finding suppressed \(suppressed.finding.severity.rawValue)"),
            findingHeading(suppressed.finding, labels: labels),
            subjectLine(suppressed.finding, labels: labels),
            .p(.class("reason"), .span(.class("k"), safe("\(labels.reason): ")), visible(suppressed.reason)),
            .p(.class("source"), .span(.class("k"), safe("\(labels.suppressionSource): ")), .code(visible(suppressed.source)),
               .unwrap(suppressed.until) { until in safe(" (\(labels.until) \(VisibleText.escape(until)))") })
        )
    }

    /// Expected and actual lines; missing text is `<del>` on the expected line and a gap mark on
    /// the actual line, extra text is `<ins>` on the actual line.
    private func comparisonBlock(_ comparison: ReportSupport.Comparison, labels: ReportLabels) -> Node<HTML.BodyContext> {
        return .div(
            .class("diff"),
            HTMLNodes.diffLine(labels.expected, comparison.expectedPieces),
            HTMLNodes.diffLine(labels.actual, comparison.actualPieces)
        )
    }

    // MARK: - Escaping and layout

    private func safe<Context>(_ text: String) -> Node<Context> { HTMLNodes.safe(text) }
    private func prose<Context>(_ text: String) -> Node<Context> { HTMLNodes.prose(text) }
    private func visible<Context>(_ text: String) -> Node<Context> { HTMLNodes.visible(text) }

    /// Plot's indenting mode would put whitespace inside inline runs (and so into the diff), so
    /// each piece is rendered on one line and broken after block-level closing tags only, in one
    /// pass over the piece. Input cannot contain these tags: its `<` is escaped.
    static func breakLines(_ html: String) -> String {
        var html = html
        return html.withUTF8 { utf8 -> String in
            guard let base = utf8.baseAddress else { return "" }
            let count = utf8.count
            var out: [UInt8] = []
            out.reserveCapacity(count + count / 16)
            // Text between the break points is copied in runs; `<` is found by `memchr`.
            var runStart = 0
            var index = 0
            while index < count, let found = memchr(base + index, 0x3C, count - index) {
                index = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
                // `</name>`: after the `>`, a line break when the tag is a block.
                guard index < count, utf8[index] == UInt8(ascii: "/") else { continue }
                var end = index + 1
                while end < count, end - index <= 8, utf8[end] != UInt8(ascii: ">") { end += 1 }
                guard end < count, utf8[end] == UInt8(ascii: ">") else { continue }
                let name = utf8[(index + 1)..<end]
                index = end + 1
                if blockTags.contains(where: { $0.elementsEqual(name) }) {
                    out.append(contentsOf: utf8[runStart..<index])
                    out.append(UInt8(ascii: "\n"))
                    runStart = index
                }
            }
            out.append(contentsOf: utf8[runStart..<count])
            return String(decoding: out, as: UTF8.self)
        }
    }

    private static let blockTags: [[UInt8]] = [
        "meta", "title", "style", "head", "header", "h1", "h2", "h3", "h4", "p", "table", "thead", "tbody", "tfoot",
        "tr", "ul", "ol", "li", "dl", "dd", "div", "article", "section", "footer", "body",
    ].map { Array($0.utf8) }
}
