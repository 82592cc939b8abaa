import Plot

/// One self-contained HTML file: inline CSS, no scripts, no external assets, printable.
/// Built with Plot so every input string is escaped; input never reaches an attribute value
/// (Plot does not escape those), only text nodes. Written as a stream: the overview table comes
/// first (`wantsOverviewFirst`), each tenant's section is rendered on its own.
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
        let head: Node<HTML.DocumentContext> = .head(
            .meta(.charset(.utf8)),
            .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
            .element(named: "title", nodes: [safe(title)]),
            .style(HTMLReportStyle.css)
        )
        let header: Node<HTML.BodyContext> = .header(
            .h1(safe(labels.reportTitle)),
            .p(.class("as-of"), safe("\(labels.asOf): \(run.asOf)"))
        )
        return "<!DOCTYPE html>\n<html lang=\"\(run.language == .ja ? "ja" : "en")\">"
            + Self.breakLines(head.render()).replacingOccurrences(of: "<head>", with: "<head>\n")
            + "<body>\n" + Self.breakLines(header.render())
    }

    public func overview(_ totals: ReportTotals, run: ReportRun) -> String {
        let labels = ReportLabels(language: run.language)
        let heading: Node<HTML.BodyContext> = .h2(safe(labels.overview))
        let head: Node<HTML.TableContext> = .thead(.tr(
            .th(safe(labels.tenant)),
            .th(safe(labels.severityHeading(.error))),
            .th(safe(labels.severityHeading(.warning))),
            .th(safe(labels.severityHeading(.info)))
        ))
        return "<section class=\"overview\">" + Self.breakLines(heading.render()) + "<table>"
            + Self.breakLines(head.render()) + "<tbody>"
    }

    public func indexRow(_ tenant: TenantResult, position: Int, run: ReportRun) -> String {
        let row: Node<HTML.TableContext> = .tr(.td(visible(tenant.name)), countCells(SeverityCounts(tenant.findings)))
        return Self.breakLines(row.render())
    }

    public func indexEnd(_ totals: ReportTotals, run: ReportRun) -> String {
        let labels = ReportLabels(language: run.language)
        let foot: Node<HTML.TableContext> = .tfoot(.tr(.th(safe(labels.total)), countCells(totals.counts)))
        return "</tbody>\n" + Self.breakLines(foot.render()) + "</table>\n</section>\n"
    }

    public func tenant(_ tenant: TenantResult, position: Int, run: ReportRun) -> String {
        Self.breakLines(tenantSection(tenant, labels: ReportLabels(language: run.language)).render())
    }

    public func end(_ totals: ReportTotals, run: ReportRun) -> String {
        let labels = ReportLabels(language: run.language)
        let footer: Node<HTML.BodyContext> = .footer(.p(safe(labels.generatedBy(version: generatorVersion ?? run.generatorVersion))))
        return Self.breakLines(footer.render()) + "</body>\n</html>\n"
    }

    // MARK: - Sections

    private func countCells(_ counts: SeverityCounts) -> Node<HTML.TableRowContext> {
        .group(
            .td(.class("n error"), safe(String(counts.error))),
            .td(.class("n warning"), safe(String(counts.warning))),
            .td(.class("n info"), safe(String(counts.info)))
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
    /// each piece is rendered on one line and broken after block-level closing tags only, in one
    /// pass over the piece. Input cannot contain these tags: its `<` is escaped.
    static func breakLines(_ html: String) -> String {
        let utf8 = Array(html.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count + utf8.count / 16)
        var index = 0
        while index < utf8.count {
            let byte = utf8[index]
            out.append(byte)
            index += 1
            // `</name>`: after the `>`, a line break when the tag is a block.
            guard byte == UInt8(ascii: "<"), index < utf8.count, utf8[index] == UInt8(ascii: "/") else { continue }
            var end = index + 1
            while end < utf8.count, end - index <= 8, utf8[end] != UInt8(ascii: ">") { end += 1 }
            guard end < utf8.count, utf8[end] == UInt8(ascii: ">") else { continue }
            let name = utf8[(index + 1)..<end]
            out.append(contentsOf: utf8[index...end])
            index = end + 1
            if blockTags.contains(where: { $0.elementsEqual(name) }) {
                out.append(UInt8(ascii: "\n"))
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static let blockTags: [[UInt8]] = [
        "meta", "title", "style", "head", "header", "h1", "h2", "h3", "h4", "p", "table", "thead", "tbody", "tfoot",
        "tr", "ul", "li", "dl", "dd", "div", "article", "section", "footer", "body",
    ].map { Array($0.utf8) }
}
