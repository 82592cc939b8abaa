import Foundation

/// `uri-insecure-scheme`: an `http://` redirect URI. Entra accepts http only for loopback hosts;
/// MailGates URIs are always https.
public struct URIInsecureSchemeCheck: Check {
    public static let kind = "uri-insecure-scheme"
    public static let placeholders: Set<String> = ["uri", "host"]
    let allowHosts: Set<String>

    public init(params: RuleParams, catalog: PermissionCatalog) throws {
        try params.allowOnly(["allowHosts"])
        allowHosts = Set(try params.strings("allowHosts", default: ["localhost", "127.0.0.1"]).map { $0.lowercased() })
    }

    public func evaluate(_ context: AuditContext) -> [CheckHit] {
        guard let manifest = context.manifest else { return [] }
        return manifest.redirectURIs.compactMap { entry in
            // Written "https://" (nearly every URI): its scheme is https whichever way it is read.
            guard !entry.uri.utf8.starts(with: "https://".utf8), let parts = URIText.parts(entry.uri), parts.scheme == "http", !allowHosts.contains(parts.host) else { return nil }
            let subject = URIText.subject(entry.uri)
            return CheckHit(
                subject: subject,
                evidence: ["uri": .string(subject), "scheme": .string(parts.scheme), "host": .string(parts.host),
                           "platform": .string(entry.platform.rawValue)],
                variables: ["uri": .same(subject), "host": .same(parts.host)])
        }
    }
}
