import Foundation

/// A redirect URI the requested one is compared with.
struct RegisteredCandidate: Sendable, Hashable {
    var uri: String
    /// nil for a URI only on the notification sheet.
    var platform: RedirectPlatform?
}

/// One redirect URI of the notification sheet, with the label the sheet gives it.
struct SheetURI: Sendable, Hashable {
    var uri: String
    var isURI1: Bool
    var domain: String?

    var label: LocalizedText {
        if isURI1 { return LocalizedText(ja: "Microsoft 365_リダイレクトURI1", en: "Microsoft 365_リダイレクトURI1") }
        let suffix = domain.map { (ja: "（\($0)）", en: " (\($0))") } ?? (ja: "", en: "")
        return LocalizedText(ja: "Microsoft 365_リダイレクトURI2\(suffix.ja)", en: "Microsoft 365_リダイレクトURI2\(suffix.en)")
    }

    /// The sheet's URIs that can be trusted as written: a value the sheet itself got wrong (not a
    /// URL, maybe wrapped) is never the basis of advice (`NotificationSheet.isTrusted`).
    static func all(_ sheet: NotificationSheet?) -> [SheetURI] {
        guard let sheet else { return [] }
        return ([SheetURI(uri: sheet.uri1, isURI1: true, domain: nil)].filter { sheet.isTrusted(.uri1, value: $0.uri) })
            + sheet.uri2.filter { sheet.isTrusted(.uri2, domain: $0.domain, value: $0.uri) }
                .map { SheetURI(uri: $0.uri, isURI1: false, domain: $0.domain) }
    }
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

    /// The sheet URI the request is closest to (sheet = expected, request = actual); nil when the
    /// request is on the sheet or near none of it.
    static func nearestSheetURI(to requested: String, in sheet: [SheetURI]) -> (entry: SheetURI, comparison: URIComparison)? {
        guard !sheet.contains(where: { $0.uri == requested }) else { return nil }
        return sheet.map { ($0, URIExplainer.compare(expected: $0.uri, actual: requested)) }
            .filter { $0.1.isNearMiss }
            .min { $0.1.distance < $1.1.distance }
    }

    func redirectFindings(_ error: TriagedError) -> [Finding] {
        guard let requested = error.requestedRedirectUri else { return [] }
        return registeredFindings(requested: requested) + sheetFindings(requested: requested)
    }

    /// True when the request is not on the sheet but the app registration holds, under Web, the
    /// sheet URI it is closest to: the registration is right, the request is what differs.
    func registrationFollowsSheet(requested: String) -> Bool {
        guard let (entry, _) = Self.nearestSheetURI(to: requested, in: SheetURI.all(bundle?.sheet)) else { return false }
        return manifest?.redirectURIs.contains { $0.uri == entry.uri && $0.platform == .web } ?? false
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
        if registrationFollowsSheet(requested: requested) { return [] }
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
                                             en: common.merging(["summary": Self.lowercasedFirst(comparison.summary(.en))]) { $1 }),
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

    /// The request should be exactly one of the sheet's URIs. When it is not, says how it differs
    /// from the nearest one, or that none is close. An error when the registration follows the
    /// sheet (nothing to change in Entra), otherwise a warning beside the registration's finding.
    func sheetFindings(requested: String) -> [Finding] {
        // "Not on the sheet" is only said of a sheet whose every URI could be read as written.
        guard bundle?.sheet?.allURIsTrusted ?? true else { return [] }
        let listed = SheetURI.all(bundle?.sheet)
        guard !listed.isEmpty, !listed.contains(where: { $0.uri == requested }) else { return [] }
        guard let texts else { return [] }
        let shown = VisibleText.escape(requested)
        guard let (entry, comparison) = Self.nearestSheetURI(to: requested, in: listed) else {
            return [Finding(
                rule: "requested-uri-not-on-sheet", severity: .warning, subject: requested, title: texts.farFromSheet.title,
                message: texts.farFromSheet.message.filled(["requested": shown, "count": String(listed.count)]),
                evidence: ["requested": .string(requested), "sheet": .list(listed.map { .string($0.uri) })],
                guideStep: TriageGuide.uri2)]
        }
        let followed = registrationFollowsSheet(requested: requested)
        let common = ["requested": shown, "uri": VisibleText.escape(entry.uri)]
        let ja = common.merging(["label": entry.label.ja, "summary": comparison.summary(.ja),
                                 "after": followed ? texts.registrationFollowsSheet.ja : ""]) { $1 }
        let en = common.merging(["label": entry.label.en, "summary": Self.lowercasedFirst(comparison.summary(.en)),
                                 "after": followed ? " " + texts.registrationFollowsSheet.en : ""]) { $1 }
        return [Finding(
            rule: "requested-uri-not-on-sheet", severity: followed ? .error : .warning, subject: requested,
            title: texts.notOnSheet.title, message: texts.notOnSheet.message.filled(ja: ja, en: en),
            evidence: comparison.evidence.merging(["requested": .string(requested), "sheet": .string(entry.uri)]) { current, _ in current },
            guideStep: entry.isURI1 ? TriageGuide.uri1 : TriageGuide.uri2)]
    }

    /// "Use https, not http." → "use https, not http." (to follow "In the registered URI, ").
    static func lowercasedFirst(_ text: String) -> String {
        text.prefix(1).lowercased() + text.dropFirst()
    }
}
