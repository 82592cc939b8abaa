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
        String(decoding: tenantBytes(tenant, position: position, run: run), as: UTF8.self)
    }

    public func tenantBytes(_ tenant: TenantResult, position: Int, run: ReportRun) -> [UInt8] {
        let labels = ReportLabels(language: run.language)
        let language = run.language
        // The few rules with findings (or suppressed ones), each once with its findings in report
        // order: looked through for each of the pack's rules, cheaper than hashing every id.
        let active = Self.grouped(ReportSupport.sorted(tenant.findings), by: \.rule)
        let held = Self.grouped(tenant.suppressed, by: \.finding.rule)
        // The pack's rules, then any rule a finding names that the pack does not list (a report
        // rendered without its pack), so no finding goes unreported.
        let extra = Set(active.map(\.rule)).union(held.map(\.rule)).filter { run.ruleIndex[$0] == nil }.sorted()
        let ids = run.ruleIds + extra
        let attributes = run.ruleIdAttributes + extra.map { Array(XMLText.visibleAttribute($0).utf8) }

        // One byte buffer for the test cases, sized once (appending bytes costs less than to a String).
        var cases: [UInt8] = []
        cases.reserveCapacity(ids.count * 120)
        var caseCount = 0
        var failures = 0, skipped = 0
        let name = XMLText.visibleAttribute(tenant.name)
        // What follows each test case's name, the same in every case of the tenant.
        var afterName: [UInt8] = []
        afterName.append(literal: "\" classname=\"")
        afterName.append(text: name)
        afterName.append(literal: "\" time=\"0\"")
        for (id, attribute) in zip(ids, attributes) {
            caseCount += 1
            cases.append(literal: "    <testcase name=\"")
            cases.append(contentsOf: attribute)
            cases.append(contentsOf: afterName)
            if active.isEmpty && held.isEmpty {
                cases.append(literal: "/>\n")
            } else if let findings = Self.group(id, in: active), let first = findings.first {
                failures += 1
                let severity = findings.map(\.severity).max() ?? first.severity
                let message = labels.findingCount(findings.count, title: ReportSupport.prose(first.title.text(language)))
                let lines = findings.map { finding in
                    "[\(labels.severity(finding.severity))] \(VisibleText.escape(finding.subject))\n"
                        + ReportSupport.prose(finding.message.text(language)) + "\n"
                        + "\(labels.fix): \(ReportSupport.prose(finding.guideStep.text(language)))"
                }
                cases.append(text: ">\n      <failure message=\"\(XMLText.attribute(message))\" type=\"\(severity.rawValue)\">")
                cases.append(text: XMLText.text(lines.joined(separator: "\n\n")))
                cases.append(literal: "</failure>\n    </testcase>\n")
            } else if let suppressed = Self.group(id, in: held) {
                skipped += 1
                var reasons: [String] = []
                for reason in suppressed.map({ VisibleText.escape($0.reason) }) where !reasons.contains(reason) {
                    reasons.append(reason)
                }
                let message = labels.suppressedBecause(reasons.joined(separator: labels.listSeparator))
                cases.append(text: ">\n      <skipped message=\"\(XMLText.attribute(message))\"/>\n    </testcase>\n")
            } else {
                cases.append(literal: "/>\n")
            }
        }

        var out: [UInt8] = []
        out.reserveCapacity(cases.count + 512)
        out.append(text: "  <testsuite name=\"\(name)\" tests=\"\(caseCount)\" failures=\"\(failures)\" errors=\"0\" "
            + "skipped=\"\(skipped)\" time=\"0\" timestamp=\"\(XMLText.attribute(run.asOf))T00:00:00\" "
            + "hostname=\"localhost\" id=\"\(position)\" package=\"mgaudit\">\n")
        out.append(literal: "    <properties>\n")
        out.append(text: "      <property name=\"asOf\" value=\"\(XMLText.attribute(run.asOf))\"/>\n")
        for input in tenant.inputs {
            out.append(literal: "      <property name=\"input\" value=\"")
            out.append(text: XMLText.visibleAttribute(input.path))
            out.append(literal: "\"/>\n")
        }
        out.append(literal: "    </properties>\n")
        out += cases
        out.append(literal: "    <system-out/>\n    <system-err/>\n  </testsuite>\n")
        return out
    }

    /// `items` grouped by `rule`, the groups in the order of their first item, each item in order.
    static func grouped<Item>(_ items: [Item], by rule: (Item) -> String) -> [(rule: String, items: [Item])] {
        var groups: [(rule: String, items: [Item])] = []
        for item in items {
            let key = rule(item)
            if let index = groups.firstIndex(where: { $0.rule == key }) {
                groups[index].items.append(item)
            } else {
                groups.append((key, [item]))
            }
        }
        return groups
    }

    static func group<Item>(_ rule: String, in groups: [(rule: String, items: [Item])]) -> [Item]? {
        groups.first(where: { $0.rule == rule })?.items
    }

    public func end(_ totals: ReportTotals, run: ReportRun) -> String { "</testsuites>\n" }
}

private extension Array where Element == UInt8 {
    /// A literal's bytes, copied as they are.
    mutating func append(literal: StaticString) {
        append(contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    /// A string's UTF-8, copied from its own storage when it is contiguous.
    mutating func append(text: String) {
        if text.utf8.withContiguousStorageIfAvailable({ append(contentsOf: $0) }) == nil { append(contentsOf: text.utf8) }
    }
}
