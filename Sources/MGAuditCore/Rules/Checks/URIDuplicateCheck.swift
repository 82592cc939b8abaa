import Foundation

/// `uri-duplicate`: the same redirect URI registered more than once, on one platform or across
/// platforms, compared after trimming whitespace at the ends (so "URI" and "URI " count as one).
public struct URIDuplicateCheck: Check {
    public static let kind = "uri-duplicate"
    public static let placeholders: Set<String> = ["uri", "count", "platforms"]
    public init(params: RuleParams, catalog: PermissionCatalog) throws { try params.allowOnly([]) }

    public func evaluate(_ context: AuditContext) -> [CheckHit] {
        guard let manifest = context.manifest else { return [] }
        var order: [String] = []
        var groups: [String: [RedirectURI]] = [:]
        for entry in manifest.redirectURIs {
            let key = URIText.trimmed(entry.uri)
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(entry)
        }
        return order.compactMap { key in
            guard let entries = groups[key], entries.count > 1 else { return nil }
            let subject = URIText.subject(key)
            let platforms = entries.map { context.phrases.platform($0.platform) }
            return CheckHit(
                subject: subject,
                evidence: ["uri": .string(subject), "count": .int(entries.count),
                           "registered": .list(entries.map { .object(["platform": .string($0.platform.rawValue),
                                                                       "uri": .string(URIText.subject($0.uri))]) })],
                variables: ["uri": .same(subject), "count": .same(String(entries.count)),
                            "platforms": LocalizedText(ja: platforms.map(\.ja).joined(separator: "、"),
                                                       en: platforms.map(\.en).joined(separator: ", "))])
        }
    }
}
