import Plot

/// `mgaudit triage --format html`: one self-contained page (the check report's stylesheet, no
/// scripts, no external assets, printable). Built with Plot; every input string is a text node,
/// never an attribute value, and `&` is escaped first as in `HTMLReport`.
public struct TriageHTMLRenderer: ReportRenderer {
    /// Overrides the run's generator version in the footer (tests pass a fixed value).
    public var generatorVersion: String?

    public init(generatorVersion: String? = nil) {
        self.generatorVersion = generatorVersion
    }

    public static func render(_ report: TriageReport, language: Language, generatorVersion: String = MGAudit.version) -> String {
        TriageHTMLRenderer(generatorVersion: generatorVersion).render(report, language: language)
    }

    /// The heading counts the errors, so it is written once they are all known.
    public var wantsOverviewFirst: Bool { true }

    private static func title(_ language: Language) -> String { TriageLabels(language).title }

    public func begin(_ run: ReportRun) -> String {
        let head: Node<HTML.DocumentContext> = .head(
            .meta(.charset(.utf8)),
            .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
            .element(named: "title", nodes: [Self.safe("mgaudit — \(Self.title(run.language))")]),
            .style(HTMLReportStyle.css + Self.extraCSS)
        )
        return "<!DOCTYPE html>\n<html lang=\"\(run.language == .ja ? "ja" : "en")\">"
            + HTMLReport.breakLines(head.render()).replacingOccurrences(of: "<head>", with: "<head>\n") + "<body>\n"
    }

    public func overview(_ totals: TriageReport.Totals, run: ReportRun) -> String {
        let count = TriageLabels(run.language).errorCount(totals.errors)
        let header: Node<HTML.BodyContext> = .header(.h1(Self.safe(Self.title(run.language))), .p(.class("counts"), Self.safe(count)))
        return HTMLReport.breakLines(header.render())
    }

    public func tenant(_ tenant: TriageResult, position: Int, run: ReportRun) -> String {
        HTMLReport.breakLines(Self.errorSection(tenant, language: run.language, labels: ReportLabels(language: run.language)).render())
    }

    public func end(_ totals: TriageReport.Totals, run: ReportRun) -> String {
        let labels = ReportLabels(language: run.language)
        var groups = ""
        if totals.errors > 1, let label = totals.groupLabel, !totals.groups.isEmpty {
            let section: Node<HTML.BodyContext> = .section(
                .class("triage groups"), .h2(Self.safe(label.text(run.language))),
                .ul(.forEach(totals.groups) { group in
                    .li(Self.prose("\(group.who.text(run.language)): \(group.codes.count) (\(group.codes.joined(separator: ", ")))"))
                })
            )
            groups = HTMLReport.breakLines(section.render())
        }
        let footer: Node<HTML.BodyContext> = .footer(.p(Self.safe(labels.generatedBy(version: generatorVersion ?? run.generatorVersion))))
        return groups + HTMLReport.breakLines(footer.render()) + "</body>\n</html>\n"
    }

    static let extraCSS = ".triage dl{display:grid;grid-template-columns:max-content 1fr;gap:.1rem .8rem}"
        + ".triage dd{margin:0;overflow-wrap:anywhere}.diff .label{min-width:14rem}"

    private static func errorSection(_ result: TriageResult, language: Language, labels: ReportLabels) -> Node<HTML.BodyContext> {
        let l = TriageLabels(language)
        let e = result.error
        var heading = e.code ?? (e.oauthError.map { "error=\($0)" } ?? "?")
        if let name = result.entry?.name { heading += " (\(name))" }
        if e.occurrences > 1 { heading += " ×\(e.occurrences)" }
        let meaning = result.entry?.summary.text(language) ?? l.notInCatalog
        return .section(
            .class("tenant triage"),
            .h2(visible(heading), safe(" "), .code(safe(result.cause.rawValue))),
            .p(.span(.class("k"), safe("\(l.meaning): ")), prose(meaning)),
            .unwrap(result.routing) { routing in
                .p(.class("routing"), .span(.class("k"), safe("\(routing.label.text(language)): ")), prose(routing.who.text(language)))
            },
            .forEach(result.notes) { note in .p(.class("note"), .span(.class("k"), safe("\(l.note): ")), prose(note.text(language))) },
            .dl(.forEach(l.details(of: e)) { item in .group(.dt(safe(item.0)), .dd(.code(visible(item.1)))) }),
            .if(!result.findings.isEmpty, .h3(safe(labels.findings))),
            .forEach(ReportSupport.sorted(result.findings)) { findingArticle($0, language: language, labels: labels, l: l) },
            .unwrap(result.entry) { entry in
                .group(
                    .p(.class("fix"), .span(.class("k"), safe("\(l.check): ")), prose(entry.check.text(language))),
                    .unwrap(entry.guideStep) { .p(.span(.class("k"), safe("\(l.guideStep): ")), prose($0.text(language))) },
                    .if(entry.retry, .p(safe(l.retry)))
                )
            }
        )
    }

    private static func findingArticle(_ finding: Finding, language: Language, labels: ReportLabels, l: TriageLabels) -> Node<HTML.BodyContext> {
        // A diff is drawn under the names the finding gives its two strings.
        let diff = finding.comparison.flatMap { names in
            NearMissDiff(evidence: finding.evidence).map { (names.expectedLong.text(language), names.actualLong.text(language), $0) }
        }
        return .article(
            .class("finding \(finding.severity.rawValue)"),
            .h4(
                .span(.class("sev"), safe(labels.severity(finding.severity))), safe(" "),
                .code(.class("rule"), safe(finding.rule)), safe(" "),
                prose(finding.title.text(language))
            ),
            .p(.class("message"), prose(finding.message.text(language))),
            .unwrap(diff) { expected, actual, diff in
                .div(.class("diff"), HTMLNodes.diffLine(expected, diff.expectedPieces), HTMLNodes.diffLine(actual, diff.actualPieces))
            },
            .unwrap(finding.fix) { fix in .p(.class("fix"), .span(.class("k"), safe("\(l.remedy): ")), prose(fix.text(language))) },
            .p(.class("fix"), .span(.class("k"), safe("\(l.guideStep): ")), prose(finding.guideStep.text(language))),
            .unwrap(finding.commands) { HTMLNodes.commands($0, labels: labels, language: language) }
        )
    }

    private static func safe<Context>(_ text: String) -> Node<Context> { HTMLNodes.safe(text) }
    private static func prose<Context>(_ text: String) -> Node<Context> { HTMLNodes.prose(text) }
    private static func visible<Context>(_ text: String) -> Node<Context> { HTMLNodes.visible(text) }
}
