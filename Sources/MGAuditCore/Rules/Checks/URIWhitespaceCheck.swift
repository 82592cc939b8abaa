import Foundation

/// `uri-whitespace`: a registered redirect URI holding spaces or invisible characters anywhere —
/// ASCII space, U+00A0, U+3000, tab, zero-width U+200B–U+200D, BOM U+FEFF. Entra compares URIs
/// exactly, so the sign-in fails with 「サインイン中に問題が発生しました」 (AADSTS50011).
public struct URIWhitespaceCheck: Check {
    public static let kind = "uri-whitespace"
    public static let placeholders: Set<String> = ["uri", "characters", "platform"]
    public init(params: RuleParams, catalog: PermissionCatalog) throws { try params.allowOnly([]) }

    public func evaluate(_ context: AuditContext) -> [CheckHit] {
        guard let manifest = context.manifest else { return [] }
        return manifest.redirectURIs.compactMap { entry in
            // Printable ASCII throughout (nearly every URI): none of these characters.
            guard entry.uri.utf8.contains(where: { $0 < 0x21 || $0 > 0x7E }) else { return nil }
            let scalars = Array(entry.uri.unicodeScalars)
            var characters: [EvidenceValue] = []
            var described: [LocalizedText] = []
            let phrases = context.sharedPhrases.phrases.characters
            for (offset, scalar) in scalars.enumerated() where URIText.isWhitespaceLike(scalar) {
                let (place, placeText) = offset == 0 ? ("leading", phrases.places.leading)
                    : offset == scalars.count - 1 ? ("trailing", phrases.places.trailing) : ("inner", phrases.places.inner)
                let name = scalar.properties.name ?? URIText.codePoint(scalar)
                characters.append(URIText.characterEvidence(scalar, position: offset + 1, extra: ["where": .string(place)]))
                described.append(MessageTemplate.fill(phrases.whitespace, with: [
                    "position": .same(String(offset + 1)), "where": placeText, "codePoint": .same(URIText.codePoint(scalar)), "name": .same(name),
                ]))
            }
            guard !characters.isEmpty else { return nil }
            let subject = URIText.subject(entry.uri)
            return CheckHit(
                subject: subject,
                evidence: ["uri": .string(subject), "platform": .string(entry.platform.rawValue), "characters": .list(characters)],
                variables: ["uri": .same(subject), "characters": phrases.list(described),
                            "platform": context.sharedPhrases.phrases.platform(entry.platform)])
        }
    }
}
