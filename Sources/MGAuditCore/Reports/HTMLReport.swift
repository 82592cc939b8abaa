import Plot

/// One self-contained HTML file: inline CSS, no scripts, no external assets, printable.
/// Built with Plot so every input string is escaped; input never reaches an attribute value
/// (Plot does not escape those), only text nodes.
public struct HTMLReport: ReportRenderer {
    /// Shown in the footer; tests pass a fixed value so golden files survive releases.
    public var generatorVersion: String

    public init(generatorVersion: String = MGAudit.version) {
        self.generatorVersion = generatorVersion
    }

    public func render(_ report: AuditReport, language: Language) throws -> String {
        let labels = ReportLabels(language: language)
        let title = "\(labels.reportTitle) \(report.asOf)"
        let html = HTML(
            .lang(language == .ja ? Plot.Language.japanese : Plot.Language.english),
            .head(
                .meta(.charset(.utf8)),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                .element(named: "title", nodes: [safe(title)]),
                .style(HTMLReportStyle.css)
            ),
            .body(
                .header(
                    .h1(safe(labels.reportTitle)),
                    .p(.class("as-of"), safe("\(labels.asOf): \(report.asOf)"))
                ),
                .section(.class("overview"), .h2(safe(labels.overview)), overviewTable(report, labels: labels)),
                .forEach(report.tenants) { tenantSection($0, labels: labels) },
                .footer(.p(safe(labels.generatedBy(version: generatorVersion))))
            )
        )
        return Self.breakLines(html.render()) + "\n"
    }

    // MARK: - Sections

    private func overviewTable(_ report: AuditReport, labels: ReportLabels) -> Node<HTML.BodyContext> {
        func countCells(_ counts: SeverityCounts) -> Node<HTML.TableRowContext> {
            .group(
                .td(.class("n error"), safe(String(counts.error))),
                .td(.class("n warning"), safe(String(counts.warning))),
                .td(.class("n info"), safe(String(counts.info)))
            )
        }
        return .table(
            .thead(.tr(
                .th(safe(labels.tenant)),
                .th(safe(labels.severityHeading(.error))),
                .th(safe(labels.severityHeading(.warning))),
                .th(safe(labels.severityHeading(.info)))
            )),
            .tbody(.forEach(report.tenants) { tenant in
                .tr(.td(visible(tenant.name)), countCells(SeverityCounts(tenant.findings)))
            }),
            .tfoot(.tr(.th(safe(labels.total)), countCells(report.summary)))
        )
    }

    private func tenantSection(_ tenant: TenantResult, labels: ReportLabels) -> Node<HTML.BodyContext> {
        let findings = ReportSupport.sorted(tenant.findings)
        return .section(
            .class("tenant"),
            .h2(safe("\(labels.tenant): "), visible(tenant.name)),
            .p(.class("counts"), safe(labels.counts(SeverityCounts(tenant.findings)))),
            .h3(safe(labels.inputs)),
            .if(tenant.inputs.isEmpty, .p(safe(labels.noInputs))),
            .if(!tenant.inputs.isEmpty, .ul(.class("inputs"), .forEach(tenant.inputs) { input in
                .li(.code(visible(input.path)), safe(" (\(input.kind.rawValue))"))
            })),
            .h3(safe(labels.findings)),
            .if(findings.isEmpty, .p(.class("none"), safe(labels.noFindings))),
            .forEach(findings) { findingArticle($0, labels: labels) }
        )
    }

    private func findingArticle(_ finding: Finding, labels: ReportLabels) -> Node<HTML.BodyContext> {
        let language = labels.language
        let evidence = ReportSupport.listedEvidence(finding)
        return .article(
            .class("finding \(finding.severity.rawValue)"),
            .h4(
                .span(.class("sev"), safe(labels.severity(finding.severity))),
                safe(" "),
                .code(.class("rule"), safe(finding.rule)),
                safe(" "),
                prose(finding.title.text(language))
            ),
            .p(.class("subject"), .span(.class("k"), safe("\(labels.subject): ")), .code(visible(finding.subject))),
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
                .p(.class("related"), .span(.class("k"), safe("\(labels.related): ")), .code(.text(finding.related.joined(separator: ", ")))))
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
    /// the document is rendered on one line and broken after block-level closing tags only.
    /// Input cannot contain these tags: its `<` is escaped.
    static func breakLines(_ html: String) -> String {
        var result = html.replacingOccurrences(of: "<head>", with: "<head>\n")
            .replacingOccurrences(of: "<body>", with: "<body>\n")
            .replacingOccurrences(of: "<!DOCTYPE html>", with: "<!DOCTYPE html>\n")
        for tag in ["meta", "title", "style", "head", "header", "h1", "h2", "h3", "h4", "p", "table", "thead",
                    "tbody", "tfoot", "tr", "ul", "li", "dl", "dd", "div", "article", "section", "footer", "body"] {
            result = result.replacingOccurrences(of: "</\(tag)>", with: "</\(tag)>\n")
        }
        return result.split(separator: "\n", omittingEmptySubsequences: true).joined(separator: "\n")
    }
}
