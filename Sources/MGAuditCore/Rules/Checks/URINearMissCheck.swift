import Foundation

/// `uri-near-miss`: a registered redirect URI that is almost, but not exactly, a URI of the
/// notification sheet (a missing hyphen, a stray space, a full-width letter, a trailing slash...).
/// Sheet URIs (URI1 and every URI2) are paired with the registered URIs of every platform by
/// `URIAssignment.assign` (minimum cost, exact matches first), so two near-identical sheet URIs
/// each find their own registered one. One hit per near-miss pair; says nothing without a sheet.
public struct URINearMissCheck: Check {
    public static let kind = "uri-near-miss"
    public static let placeholders: Set<String> = ["uri", "expected", "label", "difference", "platform"]
    public init(params: RuleParams, catalog: PermissionCatalog) throws { try params.allowOnly([]) }

    public func evaluate(_ context: AuditContext) -> [CheckHit] {
        guard let match = context.sheetMatch else { return [] }
        return match.nearMisses.map { expected, registered, comparison in
            let subject = URIText.subject(registered.uri)
            var evidence = comparison.evidence
            evidence["label"] = .string(expected.label.rawValue)
            evidence["domain"] = expected.label == .uri2 ? expected.domain.map(EvidenceValue.string) ?? .null : .null
            evidence["platform"] = .string(registered.platform.rawValue)
            return CheckHit(
                subject: subject, evidence: evidence,
                variables: ["uri": .same(subject), "expected": .same(URIText.subject(expected.uri)),
                            "label": SheetURIMatch.labelText(expected, context.sharedPhrases.phrases.sheet),
                            "difference": LocalizedText(ja: comparison.summary(.ja, phrases: context.sharedPhrases.phrases.uriDiff), en: comparison.summary(.en, phrases: context.sharedPhrases.phrases.uriDiff)),
                            "platform": context.sharedPhrases.phrases.platform(registered.platform)],
                guideStep: expected.label.guideStep(context.sharedPhrases.phrases.sheet))
        }
    }
}
