import Foundation

/// `mgaudit triage --format json`: SPEC.md's triage shape, keys in a fixed order, plus additive
/// fields (name, oauthError, description, tenant, state, occurrences, firstSeen, lastSeen,
/// summary, check, guideStep, retry). Text fields are in the chosen language.
public enum TriageJSONRenderer {
    public static func render(_ report: TriageReport, language: Language) -> String {
        var out = "{\"schemaVersion\":\(TriageReport.schemaVersion),\"errors\":["
        out += report.errors.map { error(result: $0, language: language) }.joined(separator: ",")
        return out + "]}\n"
    }

    static func error(result: TriageResult, language: Language) -> String {
        let e = result.error
        let entry = result.entry
        let fields: [(String, String)] = [
            ("code", string(e.code)),
            ("known", result.known ? "true" : "false"),
            ("cause", string(result.cause.rawValue)),
            ("message", string(e.description)),
            ("requestedRedirectUri", string(e.requestedRedirectUri)),
            ("clientId", string(e.clientId)),
            ("traceId", string(e.traceId)),
            ("correlationId", string(e.correlationId)),
            ("timestamp", string(e.timestamp)),
            ("findings", "[" + result.findings.map { finding($0, language: language) }.joined(separator: ",") + "]"),
            ("name", string(entry?.name)),
            ("oauthError", string(e.oauthError)),
            ("tenant", string(e.tenant)),
            ("state", string(e.state)),
            ("occurrences", String(e.occurrences)),
            ("firstSeen", string(e.firstSeen)),
            ("lastSeen", string(e.lastSeen)),
            ("summary", string(entry?.summary.text(language))),
            ("check", string(entry?.check.text(language))),
            ("guideStep", string(entry?.guideStep?.text(language))),
            ("retry", entry?.retry == true ? "true" : "false"),
        ]
        return object(fields)
    }

    /// The same shape as a finding in `check --format json`.
    static func finding(_ finding: Finding, language: Language) -> String {
        object([
            ("rule", string(finding.rule)),
            ("severity", string(finding.severity.rawValue)),
            ("subject", string(finding.subject)),
            ("message", string(finding.message.text(language))),
            ("evidence", evidence(finding.evidence)),
            ("guideStep", string(finding.guideStep.text(language))),
        ])
    }

    static func object(_ fields: [(String, String)]) -> String {
        "{" + fields.map { string($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
    }

    static func evidence(_ evidence: [String: EvidenceValue]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(evidence) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    static func string(_ value: String?) -> String {
        guard let value else { return "null" }
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
