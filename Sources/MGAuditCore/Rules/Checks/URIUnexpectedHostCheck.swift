import Foundation

/// `uri-unexpected-host`: a registered redirect URI (any platform) on a host the notification sheet
/// does not name (URI1, URI2s, access URL), that the sheet pairing did not take as a near miss —
/// typically left over from an old contract on another `*-mgf.cybermail.jp` host, or a mistyped
/// host next to the correct URI. Says nothing without a sheet.
public struct URIUnexpectedHostCheck: Check {
    public static let kind = "uri-unexpected-host"
    public static let placeholders: Set<String> = ["uri", "host", "expectedHosts", "platform"]
    public init(params: RuleParams, catalog: PermissionCatalog) throws { try params.allowOnly([]) }

    public func evaluate(_ context: AuditContext) -> [CheckHit] {
        // With a sheet value left out (invalid or wrapped), an unpaired URI may be the one it meant:
        // never tell the customer to delete it.
        guard let match = context.sheetMatch, match.sheetIsComplete else { return [] }
        let hosts = match.expectedHosts
        guard !hosts.isEmpty else { return [] }
        let paired = match.pairedIndices
        return match.registered.indices.compactMap { index in
            let entry = match.registered[index]
            guard !paired.contains(index), let host = URIText.parts(entry.uri)?.host, !hosts.contains(host) else { return nil }
            let subject = URIText.subject(entry.uri)
            let shownHost = VisibleText.escape(host, keepInnerSpaces: false)
            return CheckHit(
                subject: subject,
                evidence: ["uri": .string(subject), "host": .string(shownHost), "platform": .string(entry.platform.rawValue),
                           "expectedHosts": .list(hosts.map { .string($0) })],
                variables: ["uri": .same(subject), "host": .same(shownHost),
                            "expectedHosts": LocalizedText(ja: hosts.joined(separator: "、"), en: hosts.joined(separator: ", ")),
                            "platform": context.sharedPhrases.phrases.platform(entry.platform)])
        }
    }
}
