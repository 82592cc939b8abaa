import Foundation

/// `uri-duplicate`: the same redirect URI registered more than once, on one platform or across
/// platforms, compared after trimming whitespace at the ends (so "URI" and "URI " count as one).
public struct URIDuplicateCheck: Check {
    public static let kind = "uri-duplicate"
    public static let placeholders: Set<String> = ["uri", "count", "platforms"]
    public init(params: RuleParams, catalog: PermissionCatalog) throws { try params.allowOnly([]) }

    public func evaluate(_ context: AuditContext) -> [CheckHit] {
        guard let manifest = context.manifest else { return [] }
        let keys = manifest.redirectURIs.map { URIText.trimmed($0.uri) }
        // Nearly every registration has no two equal keys: told by comparing them pairwise
        // (the same `==` as the grouping's), without building the groups.
        if keys.count <= 16, !keys.indices.contains(where: { i in keys[(i + 1)...].contains(keys[i]) }) { return [] }
        var order: [String] = []
        var groups: [String: [RedirectURI]] = [:]
        for (entry, key) in zip(manifest.redirectURIs, keys) {
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(entry)
        }
        return order.compactMap { key in
            guard let entries = groups[key], entries.count > 1 else { return nil }
            let subject = URIText.subject(key)
            let platforms = entries.map { context.sharedPhrases.phrases.platform($0.platform) }
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
