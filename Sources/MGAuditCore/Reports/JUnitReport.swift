/// JUnit XML for CI test views (GitLab, Jenkins, the GitHub JUnit actions), shaped to pass the
/// strict Apache Ant schema every consumer accepts (docs/formats.md): a `<testsuite>` per tenant, a
/// `<testcase>` per rule of the pack, failing with one `<failure>` that lists the rule's findings
/// in that tenant, skipped when every finding of it is suppressed.
///
/// The Ant schema allows no attributes on `<testsuites>`, so the run's totals are not written
/// there (consumers add the suites up), and nothing needs spooling: each tenant's suite carries its
/// own counts. Times are 0 and the timestamp is the as-of day, so the same report gives the same bytes.
public struct JUnitReport: ReportRenderer {
    public init() {}

    public func begin(_ run: ReportRun) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n"
    }

    public func tenant(_ tenant: TenantResult, position: Int, run: ReportRun) -> String {
        let labels = ReportLabels(language: run.language)
        let language = run.language
        let active = Dictionary(grouping: ReportSupport.sorted(tenant.findings), by: \.rule)
        let held = Dictionary(grouping: tenant.suppressed, by: \.finding.rule)
        // The pack's rules, then any rule a finding names that the pack does not list (a report
        // rendered without its pack), so no finding goes unreported.
        let extra = Set(active.keys).union(held.keys).filter { run.ruleIndex[$0] == nil }.sorted()
        let ids = run.ruleIds + extra

        // One byte buffer for the test cases, sized once (appending bytes costs less than to a String).
        var cases: [UInt8] = []
        cases.reserveCapacity(ids.count * 120)
        var caseCount = 0
        var failures = 0, skipped = 0
        let name = XMLText.visibleAttribute(tenant.name)
        for id in ids {
            caseCount += 1
            cases += "    <testcase name=\"".utf8
            cases += XMLText.visibleAttribute(id).utf8
            cases += "\" classname=\"".utf8
            cases += name.utf8
            cases += "\" time=\"0\"".utf8
            if let findings = active[id], let first = findings.first {
                failures += 1
                let severity = findings.map(\.severity).max() ?? first.severity
                let message = labels.findingCount(findings.count, title: ReportSupport.prose(first.title.text(language)))
                let lines = findings.map { finding in
                    "[\(labels.severity(finding.severity))] \(VisibleText.escape(finding.subject))\n"
                        + ReportSupport.prose(finding.message.text(language)) + "\n"
                        + "\(labels.fix): \(ReportSupport.prose(finding.guideStep.text(language)))"
                }
                cases += ">\n      <failure message=\"\(XMLText.attribute(message))\" type=\"\(severity.rawValue)\">".utf8
                cases += XMLText.text(lines.joined(separator: "\n\n")).utf8
                cases += "</failure>\n    </testcase>\n".utf8
            } else if let suppressed = held[id] {
                skipped += 1
                var reasons: [String] = []
                for reason in suppressed.map({ VisibleText.escape($0.reason) }) where !reasons.contains(reason) {
                    reasons.append(reason)
                }
                let message = labels.suppressedBecause(reasons.joined(separator: labels.listSeparator))
                cases += ">\n      <skipped message=\"\(XMLText.attribute(message))\"/>\n    </testcase>\n".utf8
            } else {
                cases += "/>\n".utf8
            }
        }

        var out = "  <testsuite name=\"\(name)\" tests=\"\(caseCount)\" failures=\"\(failures)\" errors=\"0\" "
            + "skipped=\"\(skipped)\" time=\"0\" timestamp=\"\(XMLText.attribute(run.asOf))T00:00:00\" "
            + "hostname=\"localhost\" id=\"\(position)\" package=\"mgaudit\">\n"
        out += "    <properties>\n"
        out += "      <property name=\"asOf\" value=\"\(XMLText.attribute(run.asOf))\"/>\n"
        for input in tenant.inputs {
            out += "      <property name=\"input\" value=\"\(XMLText.visibleAttribute(input.path))\"/>\n"
        }
        out += "    </properties>\n"
        out += String(decoding: cases, as: UTF8.self)
        out += "    <system-out/>\n    <system-err/>\n  </testsuite>\n"
        return out
    }

    public func end(_ totals: ReportTotals, run: ReportRun) -> String { "</testsuites>\n" }
}
