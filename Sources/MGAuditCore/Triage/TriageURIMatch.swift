import Foundation

/// A redirect URI the requested one is compared with.
struct RegisteredCandidate: Sendable, Hashable {
    var uri: String
    /// nil for a URI only on the notification sheet.
    var platform: RedirectPlatform?
}

extension TriageCorrelator {
    /// The registered URI the requested one was meant to be: the nearest near miss by
    /// `URIExplainer` distance (ties: the first registered). nil when none is a near miss.
    ///
    /// The requested URI is the *expected* side: it is what MailGates sends and what the sheet
    /// lists, so it is right, and the registered one is what the customer must change. The
    /// explainer's wording ("'_' is missing", "remove the space") then describes the registered
    /// URI, and the caret line sits under it.
    static func nearestRegisteredURI(to requested: String, among candidates: [RegisteredCandidate])
        -> (candidate: RegisteredCandidate, comparison: URIComparison)? {
        var best: (candidate: RegisteredCandidate, comparison: URIComparison)?
        for candidate in candidates {
            let comparison = URIExplainer.compare(expected: requested, actual: candidate.uri)
            // URI2s of several domains differ only in their query (`?domain=…`): a registered URI
            // that differs only there is another domain's URI2, right as it is; this one is missing.
            guard comparison.isNearMiss, !comparison.edits.allSatisfy({ $0.kind == .query }) else { continue }
            if best.map({ comparison.distance < $0.comparison.distance }) ?? true { best = (candidate, comparison) }
        }
        return best
    }

    /// What the app registration shows about the requested URI: under the wrong platform, a
    /// near miss (with the explainer's diff), or not registered at all.
    func registeredFindings(requested: String) -> [Finding] {
        guard let manifest else { return [] }
        let registered = manifest.redirectURIs
        let sheet = SheetURI.all(bundle?.sheet)
        if let exact = registered.first(where: { $0.uri == requested }) {
            guard exact.platform != .web, let text = texts?.wrongPlatform else { return [] }
            let values = ["requested": VisibleText.escape(requested), "platform": exact.platform.portalName]
            return [Finding(
                rule: "uri-wrong-platform", severity: .error, subject: requested,
                title: text.title, message: text.message.filled(values),
                evidence: ["requested": .string(requested), "platform": .string(exact.platform.rawValue)],
                guideStep: TriageGuide.platformWeb)]
        }
        // Then the sheet's finding says it all: the registration is as the sheet says.
        if RequestedURIMatch.registrationFollowsSheet(requested: requested, bundle: bundle) { return [] }
        let onSheet = sheet.first { $0.uri == requested }
        let isURI1 = onSheet.map(\.isURI1) ?? requested.hasSuffix("mg_oauth")
        let step = isURI1 ? TriageGuide.uri1 : TriageGuide.uri2
        // A registered URI that is exactly another sheet URI is right for that one (e.g. URI2 of
        // another domain), not a slip of this one: it must be added, not changed.
        let candidates = registered.filter { r in !sheet.contains { $0.uri == r.uri } }
            .map { RegisteredCandidate(uri: $0.uri, platform: $0.platform) }
        if let (candidate, comparison) = Self.nearestRegisteredURI(to: requested, among: candidates) {
            let platform = candidate.platform ?? .web
            let evidence = comparison.evidence.merging([
                "requested": .string(requested), "registered": .string(candidate.uri), "platform": .string(platform.rawValue),
            ]) { current, _ in current }
            guard let text = texts?.nearMiss else { return [] }
            let common = ["registered": VisibleText.escape(candidate.uri), "requested": VisibleText.escape(requested)]
            return [Finding(
                rule: "uri-near-miss", severity: .error, subject: candidate.uri, title: text.title,
                message: text.message.filled(ja: common.merging(["summary": comparison.summary(.ja)]) { $1 },
                                             en: common.merging(["summary": RequestedURIMatch.lowercasedFirst(comparison.summary(.en))]) { $1 }),
                evidence: evidence, guideStep: step,
                // A URI on another platform must move to Web, not be corrected where it is: then
                // the catalog's check (register it on Web) is the advice.
                fix: platform == .web ? text.fix?.filled(common.merging(["platform": platform.portalName]) { $1 }) : nil)]
        }
        var evidence: [String: EvidenceValue] = ["requested": .string(requested), "registered": .list(registered.map { .string($0.uri) })]
        if let domain = onSheet?.domain { evidence["domain"] = .string(domain) }
        guard let texts else { return [] }
        let label = onSheet.map { texts.onSheet.filled(ja: ["label": $0.label.ja], en: ["label": $0.label.en]) }
        let values = ["requested": VisibleText.escape(requested), "count": String(registered.count)]
        return [Finding(
            rule: isURI1 ? "uri1-missing" : "uri2-missing-for-domain", severity: .error, subject: requested,
            title: texts.notRegistered.title,
            message: texts.notRegistered.message.filled(ja: values.merging(["label": label?.ja ?? ""]) { $1 },
                                                        en: values.merging(["label": label?.en ?? ""]) { $1 }),
            evidence: evidence, guideStep: step)]
    }
}
