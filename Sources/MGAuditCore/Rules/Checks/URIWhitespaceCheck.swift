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
            let scalars = Array(entry.uri.unicodeScalars)
            var characters: [EvidenceValue] = []
            var ja: [String] = []
            var en: [String] = []
            for (offset, scalar) in scalars.enumerated() where URIText.isWhitespaceLike(scalar) {
                let place = offset == 0 ? "leading" : offset == scalars.count - 1 ? "trailing" : "inner"
                let placeJa = ["leading": "先頭", "trailing": "末尾", "inner": "途中"][place] ?? place
                let name = scalar.properties.name ?? URIText.codePoint(scalar)
                characters.append(URIText.characterEvidence(scalar, position: offset + 1, extra: ["where": .string(place)]))
                ja.append("\(offset + 1) 文字目（\(placeJa)）に \(URIText.codePoint(scalar)) \(name)")
                en.append("\(URIText.codePoint(scalar)) \(name) at position \(offset + 1) (\(place))")
            }
            guard !characters.isEmpty else { return nil }
            let subject = URIText.subject(entry.uri)
            return CheckHit(
                subject: subject,
                evidence: ["uri": .string(subject), "platform": .string(entry.platform.rawValue), "characters": .list(characters)],
                variables: ["uri": .same(subject), "characters": LocalizedText(ja: ja.joined(separator: "、"), en: en.joined(separator: ", ")),
                            "platform": context.phrases.platform(entry.platform)])
        }
    }
}
