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
            guard comparison.isNearMiss else { continue }
            if best.map({ comparison.distance < $0.comparison.distance }) ?? true { best = (candidate, comparison) }
        }
        return best
    }

    /// The sheet's URIs, URI1 first, each with the label the sheet gives it.
    static func sheetURIs(_ sheet: NotificationSheet) -> [(uri: String, label: LocalizedText)] {
        var out: [(String, LocalizedText)] = [(sheet.uri1, LocalizedText(ja: "Microsoft 365_リダイレクトURI1", en: "Microsoft 365_リダイレクトURI1"))]
        for entry in sheet.uri2 {
            let domain = entry.domain.map { LocalizedText(ja: "（\($0)）", en: " (\($0))") } ?? LocalizedText(ja: "", en: "")
            out.append((entry.uri, LocalizedText(ja: "Microsoft 365_リダイレクトURI2\(domain.ja)",
                                                 en: "Microsoft 365_リダイレクトURI2\(domain.en)")))
        }
        return out
    }

    /// The request should be exactly one of the sheet's URIs. When it is not, says how it differs
    /// from the nearest one (sheet = expected, request = actual), or that none is close.
    func sheetFindings(requested: String) -> [Finding] {
        guard let sheet = bundle?.sheet else { return [] }
        let listed = Self.sheetURIs(sheet)
        guard !listed.contains(where: { $0.uri == requested }) else { return [] }
        let nearest = listed.map { ($0, URIExplainer.compare(expected: $0.uri, actual: requested)) }
            .filter { $0.1.isNearMiss }
            .min { $0.1.distance < $1.1.distance }
        let title = LocalizedText(ja: "要求されたリダイレクト URI が開通通知書の URI と違います",
                                  en: "The requested redirect URI is not the one on the notification sheet")
        let shown = VisibleText.escape(requested)
        guard let (entry, comparison) = nearest else {
            return [Finding(
                rule: "requested-uri-not-on-sheet", severity: .warning, subject: requested, title: title,
                message: LocalizedText(
                    ja: "要求された「\(shown)」は、開通通知書のリダイレクト URI（\(listed.count) 件）のどれにも近くありません。別の MAILGATES Σ（別の契約）の URI か、開通通知書が古い可能性があります。",
                    en: "The requested \"\(shown)\" is not close to any of the \(listed.count) redirect URI(s) on the notification sheet. It may belong to another MAILGATES Σ contract, or the sheet may be out of date."),
                evidence: ["requested": .string(requested), "sheet": .list(listed.map { .string($0.uri) })],
                guideStep: TriageGuide.uri2)]
        }
        let step = entry.uri == sheet.uri1 ? TriageGuide.uri1 : TriageGuide.uri2
        return [Finding(
            rule: "requested-uri-not-on-sheet", severity: .warning, subject: requested, title: title,
            message: LocalizedText(
                ja: "要求された「\(shown)」は、開通通知書の「\(entry.label.ja)」「\(VisibleText.escape(entry.uri))」と一致しません。開通通知書の URI と比べると: \(comparison.summary(.ja))",
                en: "The requested \"\(shown)\" is not the sheet's \"\(entry.label.en)\" \"\(VisibleText.escape(entry.uri))\". Compared with the sheet's URI: \(comparison.summary(.en))"),
            evidence: comparison.evidence.merging(["requested": .string(requested), "sheet": .string(entry.uri)]) { current, _ in current },
            guideStep: step)]
    }
}
