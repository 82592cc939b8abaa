import Foundation

/// `uri-wrong-platform`: a MailGates redirect URI (host ending in `hostSuffix`, path starting with
/// `pathPrefix`) registered under a platform other than `expectedPlatform` (SPA or mobile/desktop
/// instead of Web). The URI looks right in the portal but the sign-in still fails.
/// With a notification sheet the check is exact instead: a URI equal to, or a near miss of, the
/// sheet's URI1 or a URI2, registered under another platform, named with its sheet label.
public struct URIWrongPlatformCheck: Check {
    public static let kind = "uri-wrong-platform"
    public static let placeholders: Set<String> = ["uri", "what", "platform", "expectedPlatform"]
    let hostSuffix: String
    let pathPrefix: String
    let expected: RedirectPlatform

    public init(params: RuleParams, catalog: PermissionCatalog) throws {
        try params.allowOnly(["hostSuffix", "pathPrefix", "expectedPlatform"])
        hostSuffix = try params.string("hostSuffix").lowercased()
        pathPrefix = try params.string("pathPrefix", default: "/")
        let platform = try params.string("expectedPlatform", default: RedirectPlatform.web.rawValue)
        guard let expected = RedirectPlatform(rawValue: platform) else {
            throw ParamError("expectedPlatform must be one of \(RedirectPlatform.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        self.expected = expected
    }

    func isGatewayURI(_ uri: String) -> Bool {
        guard let parts = URIText.parts(uri) else { return false }
        let hostMatches = parts.host == hostSuffix || parts.host.hasSuffix("." + hostSuffix)
        return hostMatches && parts.path.lowercased().hasPrefix(pathPrefix.lowercased())
    }

    public func evaluate(_ context: AuditContext) -> [CheckHit] {
        guard let manifest = context.manifest else { return [] }
        // With a sheet, exact: only URIs equal to (or near misses of) a sheet URI. The host pattern
        // is the fallback without one; never both, so nothing is reported twice.
        if let match = context.sheetMatch { return evaluate(match, phrases: context.sharedPhrases) }
        return manifest.redirectURIs.compactMap { entry in
            guard entry.platform != expected, isGatewayURI(entry.uri) else { return nil }
            return hit(entry, what: context.sharedPhrases.phrases.wrongPlatform.redirectURI, sheet: [:], phrases: context.sharedPhrases)
        }
    }

    func evaluate(_ match: SheetURIMatch, phrases: CheckPhrasesBox) -> [CheckHit] {
        match.registered.indices.compactMap { index in
            let entry = match.registered[index]
            guard entry.platform != expected, let (sheetURI, comparison) = match.counterpart(ofRegistered: index) else { return nil }
            let label = SheetURIMatch.labelText(sheetURI, phrases.phrases.sheet)
            let what = MessageTemplate.fill(comparison.isExact ? phrases.phrases.wrongPlatform.sheetURI : phrases.phrases.wrongPlatform.nearSheetURI,
                                            with: ["label": label])
            return hit(entry, what: what, sheet: [
                "label": .string(sheetURI.label.rawValue),
                "domain": sheetURI.label == .uri2 ? sheetURI.domain.map(EvidenceValue.string) ?? .null : .null,
                "sheetURI": .string(URIText.subject(sheetURI.uri)),
                "match": .string(comparison.isExact ? "exact" : "near-miss"),
            ], phrases: phrases)
        }
    }

    func hit(_ entry: RedirectURI, what: LocalizedText, sheet: [String: EvidenceValue], phrases: CheckPhrasesBox) -> CheckHit {
        let subject = URIText.subject(entry.uri)
        var evidence: [String: EvidenceValue] = ["uri": .string(subject), "platform": .string(entry.platform.rawValue),
                                                 "expectedPlatform": .string(expected.rawValue)]
        evidence.merge(sheet) { current, _ in current }
        return CheckHit(
            subject: subject, evidence: evidence,
            variables: ["uri": .same(subject), "what": what, "platform": phrases.phrases.platform(entry.platform),
                        "expectedPlatform": phrases.phrases.platform(expected)])
    }
}
