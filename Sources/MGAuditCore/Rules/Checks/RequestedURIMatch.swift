import Foundation

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

    /// The setup-guide step that registers this URI (6 for URI1, 8 for URI2).
    func guideStep(_ phrases: CheckPhrases.SheetPhrases) -> LocalizedText {
        (isURI1 ? SheetURIMatch.Label.uri1 : SheetURIMatch.Label.uri2).guideStep(phrases)
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

/// The requested redirect URI (`RequestContext.redirectURI`) against the sheet and the
/// registration, shared by the request-aware redirect check and triage.
enum RequestedURIMatch {
    /// The sheet URI the request is closest to (sheet = expected, request = actual); nil when the
    /// request is on the sheet or near none of it.
    static func nearestSheetURI(to requested: String, in sheet: [SheetURI]) -> (entry: SheetURI, comparison: URIComparison)? {
        guard !sheet.contains(where: { $0.uri == requested }) else { return nil }
        return sheet.map { ($0, URIExplainer.compare(expected: $0.uri, actual: requested)) }
            .filter { $0.1.isNearMiss }
            .min { $0.1.distance < $1.1.distance }
    }

    /// True when the request is not on the sheet but the app registration holds, under Web, the
    /// sheet URI it is closest to: the registration is right, the request is what differs.
    static func registrationFollowsSheet(requested: String, bundle: TenantBundle?) -> Bool {
        guard let (entry, _) = nearestSheetURI(to: requested, in: SheetURI.all(bundle?.sheet)) else { return false }
        return bundle?.manifest?.redirectURIs.contains { $0.uri == entry.uri && $0.platform == .web } ?? false
    }

    /// "Use https, not http." → "use https, not http." (to follow "In the registered URI, ").
    static func lowercasedFirst(_ text: String) -> String {
        text.prefix(1).lowercased() + text.dropFirst()
    }
}
