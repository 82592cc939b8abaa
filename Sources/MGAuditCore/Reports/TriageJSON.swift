import Foundation

/// `mgaudit triage --format json`: SPEC.md's triage shape plus additive fields (name, oauthError,
/// tenant, state, occurrences, firstSeen, lastSeen, summary, check, guideStep, retry, fixedBy, adminRole, whoFixes,
/// language, codeSource, codeWritten, relatedCodes, notes).
/// Findings have exactly the shape of `check --format json`. Text fields are in the chosen
/// language; fields that are not known are `null`, never left out.
public struct TriageJSONRenderer: ReportRenderer {
    public init() {}

    public static func render(_ report: TriageReport, language: Language) -> String {
        TriageJSONRenderer().render(report, language: language)
    }

    // One document, keys sorted: `errors` (streamed, one entry per item), `language`, `schemaVersion`.

    public func begin(_ run: ReportRun) -> String { "{\n  \"errors\" : [" }

    public func tenant(_ tenant: TriageResult, position: Int, run: ReportRun) -> String {
        // Every field is a string, number, bool or null: encoding cannot fail.
        let entry = (try? JSONOutput.encode(Entry(tenant, language: run.language))) ?? "{}\n"
        // Indented as one document would be; JSONEncoder leaves the inside of an empty array blank.
        return entry.dropLast().split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "\n" : "\n    " + $0 }.joined()
    }

    public var separator: String { "," }

    public func end(_ totals: TriageReport.Totals, run: ReportRun) -> String {
        (totals.errors == 0 ? "\n\n  ]" : "\n  ]") + ",\n  \"language\" : \"\(run.language.rawValue)\",\n"
            + "  \"schemaVersion\" : \(TriageReport.schemaVersion)\n}\n"
    }

    private struct Entry: Encodable {
        var code: String?
        var known: Bool
        var cause: String
        var message: String?
        var requestedRedirectUri: String?
        var clientId: String?
        var traceId: String?
        var correlationId: String?
        var timestamp: String?
        var findings: [JSONOutput.Finding]
        var name: String?
        var oauthError: String?
        var tenant: String?
        var state: String?
        var occurrences: Int
        var firstSeen: String?
        var lastSeen: String?
        var summary: String?
        var check: String?
        var guideStep: String?
        var retry: Bool
        /// Who fixes it (`customer-admin`, …) and the role needed; null for a code the catalog lacks.
        var fixedBy: String?
        var adminRole: String?
        /// Who fixes it in words, in the chosen language (`reply.yaml`); null without routing.
        var whoFixes: String?
        var codeSource: String
        var codeWritten: String?
        var relatedCodes: [String]
        var notes: [String]

        init(_ result: TriageResult, language: Language) {
            let error = result.error
            let entry = result.entry
            code = error.code
            known = result.known
            cause = result.cause.rawValue
            message = error.description
            requestedRedirectUri = error.requestedRedirectUri
            clientId = error.clientId
            traceId = error.traceId
            correlationId = error.correlationId
            timestamp = error.timestamp
            findings = result.findings.map { JSONOutput.Finding($0, language: language) }
            name = entry?.name
            oauthError = error.oauthError
            tenant = error.tenant
            state = error.state
            occurrences = error.occurrences
            firstSeen = error.firstSeen
            lastSeen = error.lastSeen
            summary = entry?.summary.text(language)
            check = entry?.check.text(language)
            guideStep = entry?.guideStep?.text(language)
            retry = entry?.retry == true
            fixedBy = entry?.fixedBy.rawValue
            adminRole = entry?.adminRole?.rawValue
            whoFixes = result.routing?.who.text(language)
            codeSource = error.codeSource.rawValue
            codeWritten = error.codeEvidence
            relatedCodes = error.relatedCodes
            notes = result.notes.map { $0.text(language) }
        }

        /// Optionals are written as `null` rather than omitted: the shape is the same for every entry.
        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(code, forKey: .code)
            try container.encode(known, forKey: .known)
            try container.encode(cause, forKey: .cause)
            try container.encode(message, forKey: .message)
            try container.encode(requestedRedirectUri, forKey: .requestedRedirectUri)
            try container.encode(clientId, forKey: .clientId)
            try container.encode(traceId, forKey: .traceId)
            try container.encode(correlationId, forKey: .correlationId)
            try container.encode(timestamp, forKey: .timestamp)
            try container.encode(findings, forKey: .findings)
            try container.encode(name, forKey: .name)
            try container.encode(oauthError, forKey: .oauthError)
            try container.encode(tenant, forKey: .tenant)
            try container.encode(state, forKey: .state)
            try container.encode(occurrences, forKey: .occurrences)
            try container.encode(firstSeen, forKey: .firstSeen)
            try container.encode(lastSeen, forKey: .lastSeen)
            try container.encode(summary, forKey: .summary)
            try container.encode(check, forKey: .check)
            try container.encode(guideStep, forKey: .guideStep)
            try container.encode(retry, forKey: .retry)
            try container.encode(fixedBy, forKey: .fixedBy)
            try container.encode(adminRole, forKey: .adminRole)
            try container.encode(whoFixes, forKey: .whoFixes)
            try container.encode(codeSource, forKey: .codeSource)
            try container.encode(codeWritten, forKey: .codeWritten)
            try container.encode(relatedCodes, forKey: .relatedCodes)
            try container.encode(notes, forKey: .notes)
        }

        enum CodingKeys: String, CodingKey {
            case code, known, cause, message, requestedRedirectUri, clientId, traceId, correlationId, timestamp,
                 findings, name, oauthError, tenant, state, occurrences, firstSeen, lastSeen, summary, check,
                 guideStep, retry, fixedBy, adminRole, whoFixes, codeSource, codeWritten, relatedCodes, notes
        }
    }
}
