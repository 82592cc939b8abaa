import Foundation

/// `request-uri-not-on-sheet`: the redirect URI of the sign-in request (`bundle.request`, from
/// triage) is none of the notification sheet's URIs. `match: near` reports a request that is a
/// near miss of a sheet URI, with the explainer's diff (sheet = expected, request = actual);
/// `match: far` one that is close to none of them. Judged only for an error whose cause is one of
/// `causes`, and only against a sheet whose every URI could be read as written.
///
/// When the registration holds, under Web, the sheet URI the request is closest to, the request
/// is what differs (nothing to change in Entra): the hit then has `followsSheetSeverity` and
/// `{after}` is `followsSheetNote`.
public struct RequestURINotOnSheetCheck: RequestCheck {
    public static let kind = "request-uri-not-on-sheet"
    public static let placeholders: Set<String> = ["requested", "count", "label", "uri", "summary", "after"]

    enum Match: String { case near, far }
    let match: Match
    let causes: Set<TriageCause>
    let followsSheetSeverity: Severity
    let followsSheetNote: LocalizedText

    public init(params: RuleParams, catalog: PermissionCatalog) throws {
        try params.allowOnly(["match", "causes", "followsSheetSeverity", "followsSheetNote"])
        let matchName = try params.string("match")
        guard let match = Match(rawValue: matchName) else { throw ParamError("parameter 'match' must be near or far") }
        self.match = match
        var causes: Set<TriageCause> = []
        for name in try params.strings("causes", default: [TriageCause.redirectUriMismatch.rawValue, TriageCause.noRedirectUriRegistered.rawValue]) {
            guard let cause = TriageCause(rawValue: name) else { throw ParamError("parameter 'causes': unknown cause '\(name)'") }
            causes.insert(cause)
        }
        self.causes = causes
        let severityName = try params.string("followsSheetSeverity", default: Severity.error.rawValue)
        guard let severity = Severity(rawValue: severityName) else {
            throw ParamError("parameter 'followsSheetSeverity' must be error, warning or info")
        }
        followsSheetSeverity = severity
        followsSheetNote = try params.decode(LocalizedText.self, "followsSheetNote", default: .same(""))
    }

    public func evaluate(_ context: AuditContext) -> [CheckHit] {
        let bundle = context.bundle
        guard let request = bundle.request, let requested = request.redirectURI,
              let cause = request.cause, causes.contains(cause),
              // "Not on the sheet" is only said of a sheet whose every URI could be read as written.
              bundle.sheet?.allURIsTrusted ?? true else { return [] }
        let listed = SheetURI.all(bundle.sheet)
        guard !listed.isEmpty, !listed.contains(where: { $0.uri == requested }) else { return [] }
        let shown = VisibleText.escape(requested)
        switch (match, RequestedURIMatch.nearestSheetURI(to: requested, in: listed)) {
        case (.far, nil):
            return [CheckHit(subject: requested,
                             evidence: ["requested": .string(requested), "sheet": .list(listed.map { .string($0.uri) })],
                             variables: ["requested": .same(shown), "count": .same(String(listed.count))])]
        case (.near, let (entry, comparison)?):
            let followed = RequestedURIMatch.registrationFollowsSheet(requested: requested, bundle: bundle)
            let after = followed ? LocalizedText(ja: followsSheetNote.ja, en: " " + followsSheetNote.en) : .same("")
            return [CheckHit(
                subject: requested,
                evidence: comparison.evidence.merging(["requested": .string(requested), "sheet": .string(entry.uri)]) { current, _ in current },
                variables: ["requested": .same(shown), "uri": .same(VisibleText.escape(entry.uri)), "label": entry.label,
                            "summary": LocalizedText(ja: comparison.summary(.ja, phrases: context.sharedPhrases.phrases.uriDiff), en: RequestedURIMatch.lowercasedFirst(comparison.summary(.en, phrases: context.sharedPhrases.phrases.uriDiff))),
                            "after": after],
                guideStep: entry.guideStep(context.sharedPhrases.phrases.sheet),
                severity: followed ? followsSheetSeverity : nil)]
        default:
            return []
        }
    }
}
