import Foundation

/// `request-uri-registered`: the redirect URI of the sign-in request (`bundle.request`, from
/// triage) against the app registration's redirect URIs. One request gives at most one of:
/// - `match: platform` — registered exactly, but under a platform other than Web;
/// - `match: near` — not registered, and a registered URI is a near miss of it (the explainer's
///   diff; request = expected, registered = actual, so the wording describes what to change in the
///   registration). `platforms` picks the rule by the near miss's platform (`web` / `other`), so
///   a URI under the wrong platform gets "move it to Web" rather than "correct it in place";
/// - `match: missing` — not registered, and no registered URI comes close; with a sheet, only for
///   a URI the sheet lists (one it does not list is never advised to be added).
///
/// Judged only for an error whose cause is one of `causes`, with a manifest. Nothing is said when
/// the registration follows the sheet and only the request differs (`request-uri-not-on-sheet`
/// then says so), and a registered URI that is exactly another sheet URI (URI2 of another domain)
/// is never taken for a slip of the requested one.
public struct RequestURIRegisteredCheck: RequestCheck {
    public static let kind = "request-uri-registered"
    public static let placeholders: Set<String> = ["requested", "registered", "platform", "summary", "count", "label"]

    enum Match: String { case platform, near, missing }
    enum Platforms: String { case web, other, any }
    let match: Match
    let platforms: Platforms
    let causes: Set<TriageCause>
    /// `{label}` when the requested URI is on the sheet (its `{label}` is the sheet URI's label).
    let onSheetLabel: LocalizedText

    public init(params: RuleParams, catalog: PermissionCatalog) throws {
        try params.allowOnly(["match", "platforms", "causes", "onSheetLabel"])
        let matchName = try params.string("match")
        guard let match = Match(rawValue: matchName) else {
            throw ParamError("parameter 'match' must be platform, near or missing")
        }
        self.match = match
        let platformsName = try params.string("platforms", default: Platforms.any.rawValue)
        guard let platforms = Platforms(rawValue: platformsName) else {
            throw ParamError("parameter 'platforms' must be web, other or any")
        }
        self.platforms = platforms
        var causes: Set<TriageCause> = []
        for name in try params.strings("causes", default: [TriageCause.redirectUriMismatch.rawValue, TriageCause.noRedirectUriRegistered.rawValue]) {
            guard let cause = TriageCause(rawValue: name) else { throw ParamError("parameter 'causes': unknown cause '\(name)'") }
            causes.insert(cause)
        }
        self.causes = causes
        onSheetLabel = try params.decode(LocalizedText.self, "onSheetLabel", default: .same(""))
        for (language, text) in [("ja", onSheetLabel.ja), ("en", onSheetLabel.en)] {
            let unknown = Set(MessageTemplate.placeholders(in: text)).subtracting(["label"])
            if let name = unknown.sorted().first {
                throw ParamError("parameter 'onSheetLabel' (\(language)): unknown placeholder {\(name)}; it may use {label}")
            }
        }
    }

    public func evaluate(_ context: AuditContext) -> [CheckHit] {
        let bundle = context.bundle
        guard let request = bundle.request, let requested = request.redirectURI,
              let cause = request.cause, causes.contains(cause), let manifest = bundle.manifest else { return [] }
        let registered = manifest.redirectURIs
        let shown = VisibleText.escape(requested)
        if let exact = registered.first(where: { $0.uri == requested }) {
            guard match == .platform, exact.platform != .web else { return [] }
            return [CheckHit(subject: requested,
                             evidence: ["requested": .string(requested), "platform": .string(exact.platform.rawValue)],
                             variables: ["requested": .same(shown), "platform": context.sharedPhrases.phrases.platform(exact.platform)])]
        }
        guard match != .platform,
              // The registration is as the sheet says; the sheet's request rule tells what differs.
              !RequestedURIMatch.registrationFollowsSheet(requested: requested, bundle: bundle) else { return [] }
        let sheet = SheetURI.all(bundle.sheet)
        let onSheet = sheet.first { $0.uri == requested }
        let step = (onSheet.map(\.isURI1) ?? requested.hasSuffix("mg_oauth")) ? SheetURIMatch.Label.uri1.guideStep(context.sharedPhrases.phrases.sheet)
            : SheetURIMatch.Label.uri2.guideStep(context.sharedPhrases.phrases.sheet)
        // A registered URI that is exactly another sheet URI is right for that one: not a slip of this one.
        let candidates = registered.filter { r in !sheet.contains { $0.uri == r.uri } }
        if let (candidate, comparison) = Self.nearest(to: requested, among: candidates) {
            let isWeb = candidate.platform == .web
            guard match == .near, platforms == .any || (platforms == .web) == isWeb else { return [] }
            let evidence = comparison.evidence.merging([
                "requested": .string(requested), "registered": .string(candidate.uri), "platform": .string(candidate.platform.rawValue),
            ]) { current, _ in current }
            return [CheckHit(
                subject: candidate.uri, evidence: evidence,
                variables: ["registered": .same(VisibleText.escape(candidate.uri)), "requested": .same(shown),
                            "platform": context.sharedPhrases.phrases.platform(candidate.platform),
                            "summary": LocalizedText(ja: comparison.summary(.ja, phrases: context.sharedPhrases.phrases.uriDiff), en: RequestedURIMatch.lowercasedFirst(comparison.summary(.en, phrases: context.sharedPhrases.phrases.uriDiff)))],
                guideStep: step)]
        }
        // A URI the sheet does not list is not to be added: the sheet's request rules say how it differs.
        guard match == .missing, sheet.isEmpty || onSheet != nil else { return [] }
        var evidence: [String: EvidenceValue] = ["requested": .string(requested), "registered": .list(registered.map { .string($0.uri) })]
        if let domain = onSheet?.domain { evidence["domain"] = .string(domain) }
        let label = onSheet.map { entry in
            onSheetLabel.filled(ja: ["label": entry.label.ja], en: ["label": entry.label.en])
        } ?? .same("")
        return [CheckHit(subject: requested, evidence: evidence,
                         variables: ["requested": .same(shown), "count": .same(String(registered.count)), "label": label],
                         guideStep: step)]
    }

    /// The registered URI the requested one was meant to be: the nearest near miss by explainer
    /// distance (ties: the first registered); nil when none is a near miss. URI2s of several domains
    /// differ only in their query (`?domain=…`): one that differs only there is another domain's
    /// URI2, right as it is.
    static func nearest(to requested: String, among candidates: [RedirectURI]) -> (candidate: RedirectURI, comparison: URIComparison)? {
        var best: (candidate: RedirectURI, comparison: URIComparison)?
        for candidate in candidates {
            let comparison = URIExplainer.compare(expected: requested, actual: candidate.uri)
            guard comparison.isNearMiss, !comparison.edits.allSatisfy({ $0.kind == .query }) else { continue }
            if best.map({ comparison.distance < $0.comparison.distance }) ?? true { best = (candidate, comparison) }
        }
        return best
    }
}
