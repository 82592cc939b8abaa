import Foundation

/// `uri1-missing`: the sheet's 「Microsoft 365_リダイレクトURI1」 is not registered, and no
/// registered URI is a near miss of it (a near miss is `uri-near-miss`'s, a right URI under the
/// wrong platform `uri-wrong-platform`'s). Says nothing without a sheet.
public struct URI1MissingCheck: Check {
    public static let kind = "uri1-missing"
    public static let placeholders: Set<String> = ["expected"]
    public init(params: RuleParams, catalog: PermissionCatalog) throws { try params.allowOnly([]) }

    public func evaluate(_ context: AuditContext) -> [CheckHit] {
        guard let match = context.sheetMatch else { return [] }
        return match.missing.filter { $0.uses.contains { $0.label == .uri1 } }.map { expected in
            let shown = URIText.subject(expected.uri)
            return CheckHit(
                subject: shown,
                evidence: ["expected": .string(expected.uri), "label": .string(SheetURIMatch.Label.uri1.rawValue),
                           "registered": URIMissingEvidence.registered(match)],
                variables: ["expected": .same(shown)])
        }
    }
}

/// `uri2-missing-for-domain`: one finding per contracted domain whose 「Microsoft 365_リダイレクトURI2」
/// is not registered and has no near miss. Says nothing without a sheet.
public struct URI2MissingCheck: Check {
    public static let kind = "uri2-missing-for-domain"
    public static let placeholders: Set<String> = ["domain", "expected"]
    public init(params: RuleParams, catalog: PermissionCatalog) throws { try params.allowOnly([]) }

    public func evaluate(_ context: AuditContext) -> [CheckHit] {
        guard let match = context.sheetMatch else { return [] }
        return match.missing.flatMap { expected in
            expected.uses.filter { $0.label == .uri2 }.map { use in
                let shown = URIText.subject(expected.uri)
                let domain = use.domain.map { LocalizedText.same($0) }
                    ?? context.sharedPhrases.phrases.uriMissing.noDomain
                return CheckHit(
                    subject: use.domain ?? shown,
                    evidence: ["domain": use.domain.map(EvidenceValue.string) ?? .null, "expected": .string(expected.uri),
                               "label": .string(SheetURIMatch.Label.uri2.rawValue),
                               "registered": URIMissingEvidence.registered(match)],
                    variables: ["domain": domain, "expected": .same(shown)])
            }
        }
    }
}

enum URIMissingEvidence {
    /// What is registered, so the reader sees what was there instead.
    static func registered(_ match: SheetURIMatch) -> EvidenceValue {
        .list(match.registered.map { .object(["platform": .string($0.platform.rawValue), "uri": .string(URIText.subject($0.uri))]) })
    }
}
