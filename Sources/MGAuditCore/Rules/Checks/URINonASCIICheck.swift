import Foundation

/// `uri-nonascii`: non-ASCII characters in a registered redirect URI (full-width ＡＢＣ／：, the
/// long-vowel mark ー or a Unicode dash for "-"), typically from retyping the notification sheet
/// with a Japanese IME. Whitespace is left to `uri-whitespace`.
public struct URINonASCIICheck: Check {
    public static let kind = "uri-nonascii"
    public static let placeholders: Set<String> = ["uri", "characters"]
    public init(params: RuleParams, catalog: PermissionCatalog) throws { try params.allowOnly([]) }

    /// The ASCII character someone most likely meant.
    static func asciiLookalike(_ scalar: Unicode.Scalar) -> String? { ASCIILookalike.ascii(for: scalar) }

    public func evaluate(_ context: AuditContext) -> [CheckHit] {
        guard let manifest = context.manifest else { return [] }
        return manifest.redirectURIs.compactMap { entry in
            // An ASCII URI (nearly every one) has nothing to report.
            guard entry.uri.utf8.contains(where: { $0 >= 0x80 }) else { return nil }
            var characters: [EvidenceValue] = []
            var described: [LocalizedText] = []
            let phrases = context.sharedPhrases.phrases.characters
            for (offset, scalar) in entry.uri.unicodeScalars.enumerated()
            where !scalar.isASCII && !URIText.isWhitespaceLike(scalar) {
                let ascii = Self.asciiLookalike(scalar)
                characters.append(URIText.characterEvidence(scalar, position: offset + 1,
                                                            extra: ["ascii": ascii.map(EvidenceValue.string) ?? .null]))
                described.append(MessageTemplate.fill(phrases.nonASCII, with: [
                    "position": .same(String(offset + 1)), "character": .same(String(Character(scalar))),
                    "codePoint": .same(URIText.codePoint(scalar)), "toASCII": ascii.map(phrases.toASCII) ?? .same(""),
                ]))
            }
            guard !characters.isEmpty else { return nil }
            let subject = URIText.subject(entry.uri)
            return CheckHit(
                subject: subject,
                evidence: ["uri": .string(subject), "platform": .string(entry.platform.rawValue), "characters": .list(characters)],
                variables: ["uri": .same(subject), "characters": phrases.list(described)])
        }
    }
}
