import Foundation

/// The JSON writing both JSON renderers share: one finding shape, one encoder.
enum JSONOutput {
    /// Pretty-printed, keys sorted, `/` unescaped, a trailing newline. Invisible characters inside
    /// strings are written as `\uXXXX` escapes: the parsed value is exactly the input, and a person
    /// reading the file still sees the stray U+3000.
    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return escapingInvisibles(String(decoding: try encoder.encode(value), as: UTF8.self)) + "\n"
    }

    /// Outside strings JSON holds only ASCII, so every invisible non-ASCII scalar is inside one.
    /// Works on UTF-8 bytes: ASCII runs are copied as they are, only non-ASCII scalars are looked at.
    static func escapingInvisibles(_ json: String) -> String {
        let utf8 = json.utf8
        guard utf8.contains(where: { $0 >= 0x80 }) else { return json }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count + 64)
        for scalar in json.unicodeScalars {
            if scalar.isASCII {
                out.append(UInt8(truncatingIfNeeded: scalar.value))
            } else if VisibleText.isInvisible(scalar) {
                for unit in String(scalar).utf16 { out.append(contentsOf: JSONWriter.hexEscape(unit).utf8) }
            } else {
                UTF8.encode(scalar) { out.append($0) }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A finding as `check --format json` and `triage --format json` both write it.
    struct Finding: Encodable {
        var rule: String
        var severity: Severity
        var subject: String
        var title: String
        var message: String
        var evidence: [String: EvidenceValue]
        var guideStep: String
        /// Additive: what to do, quoting the portal's labels; absent when the rule says nothing.
        var fix: String?
        /// Additive: rules that saw the same problem, folded into this finding; absent when none.
        var related: [String]?

        init(_ finding: MGAuditCore.Finding, language: Language) {
            rule = finding.rule
            severity = finding.severity
            subject = finding.subject
            title = finding.title.text(language)
            message = finding.message.text(language)
            evidence = finding.evidence
            guideStep = finding.guideStep.text(language)
            fix = finding.fix?.text(language)
            related = finding.related.isEmpty ? nil : finding.related
        }
    }
}

extension JSONOutput {
    /// A tenant as `check --format json`, `batch --json` and each line of `--jsonl` write it: the
    /// findings (sorted as every format sorts them), what suppressions held back, what a baseline
    /// had that is gone, and the secrets' end dates. Keys sorted; see docs/json-schema.md.
    /// `first` writes fields whose keys sort before `findings` (JSON Lines' `asOf`), `extra` those
    /// between `inputs` and `name`.
    static func write(_ tenant: TenantResult, run: ReportRun, to json: inout JSONWriter,
                      first: (inout JSONWriter) -> Void = { _ in }, extra: (inout JSONWriter) -> Void = { _ in }) {
        let language = run.language
        json.beginObject()
        first(&json)
        json.key("findings")
        json.beginArray()
        for finding in ReportSupport.sorted(tenant.findings) { write(finding, language: language, to: &json) }
        json.endArray()
        if run.hasBaseline {
            json.key("fixed")
            json.beginArray()
            for fixed in tenant.fixed {
                json.beginObject()
                json.field("fingerprint", fixed.fingerprint)
                json.field("rule", fixed.rule)
                json.field("severity", fixed.severity.rawValue)
                json.field("subject", fixed.subject)
                json.endObject()
            }
            json.endArray()
        }
        json.key("inputs")
        json.beginArray()
        for input in tenant.inputs {
            json.beginObject()
            json.field("kind", input.kind.rawValue)
            json.field("path", input.path)
            json.endObject()
        }
        json.endArray()
        extra(&json)
        json.field("name", tenant.name)
        json.key("secrets")
        json.beginArray()
        for secret in tenant.secrets {
            json.beginObject()
            json.optionalField("displayName", secret.displayName)
            json.field("ends", secret.ends)
            json.optionalField("hint", secret.hint)
            json.field("keyId", secret.keyId)
            json.endObject()
        }
        json.endArray()
        json.key("summary")
        json.counts(SeverityCounts(tenant.findings))
        json.key("suppressed")
        json.beginArray()
        for suppressed in tenant.suppressed {
            json.beginObject()
            json.key("finding")
            write(suppressed.finding, language: language, to: &json)
            json.field("reason", suppressed.reason)
            json.field("source", suppressed.source)
            json.optionalField("until", suppressed.until)
            json.endObject()
        }
        json.endArray()
        json.endObject()
    }

    static func write(_ finding: MGAuditCore.Finding, language: Language, to json: inout JSONWriter) {
        json.beginObject()
        if let change = finding.change { json.field("change", change.rawValue) }
        json.key("evidence")
        json.evidence(.object(finding.evidence))
        json.field("fingerprint", finding.fingerprint)
        json.optionalField("fix", finding.fix?.text(language))
        if let commands = finding.commands {
            json.key("fixCommands")
            json.beginObject()
            json.field("az", commands.az.text(language))
            json.field("graph", commands.graph.text(language))
            json.field("powershell", commands.powershell.text(language))
            json.endObject()
        }
        json.field("guideStep", finding.guideStep.text(language))
        if let location = finding.location {
            json.key("location")
            json.beginObject()
            if let line = location.line { json.field("line", line) }
            json.field("path", location.path)
            json.endObject()
        }
        json.field("message", finding.message.text(language))
        if !finding.related.isEmpty {
            json.key("related")
            json.stringArray(finding.related)
        }
        json.field("rule", finding.rule)
        json.field("severity", finding.severity.rawValue)
        json.field("subject", finding.subject)
        json.field("title", finding.title.text(language))
        json.endObject()
    }

    /// The run's totals as the JSON summary (`batch --json`, `results.summary.json`).
    static func write(_ totals: ReportTotals, run: ReportRun, to json: inout JSONWriter) {
        json.beginObject()
        json.field("error", totals.counts.error)
        if run.hasBaseline {
            json.field("fixed", totals.fixed)
        }
        json.field("info", totals.counts.info)
        if run.hasBaseline {
            json.field("new", totals.new)
        }
        json.key("rules")
        json.beginObject()
        for rule in totals.byRule.keys.sorted() {
            guard let tally = totals.byRule[rule] else { continue }
            json.key(rule)
            json.beginObject()
            json.field("findings", tally.findings)
            json.field("severity", tally.severity.rawValue)
            json.field("tenants", tally.tenants)
            json.endObject()
        }
        json.endObject()
        json.field("suppressed", totals.suppressed)
        json.field("tenants", totals.tenants)
        json.field("tenantsWithFindings", totals.tenantsWithFindings)
        if !totals.unusedSuppressions.isEmpty {
            json.key("unusedSuppressions")
            json.beginArray()
            for note in totals.unusedSuppressions {
                json.beginObject()
                json.field("reason", note.reason)
                json.field("rule", note.rule)
                json.field("source", note.source)
                json.optionalField("subject", note.subject)
                json.optionalField("tenant", note.tenant)
                json.optionalField("until", note.until)
                json.endObject()
            }
            json.endArray()
        }
        json.field("warning", totals.counts.warning)
        json.endObject()
    }
}
