import Foundation

/// `uri-wrong-platform`: a MailGates redirect URI (host ending in `hostSuffix`, path starting with
/// `pathPrefix`) registered under a platform other than `expectedPlatform` (SPA or mobile/desktop
/// instead of Web). The URI looks right in the portal but the sign-in still fails.
public struct URIWrongPlatformCheck: Check {
    public static let kind = "uri-wrong-platform"
    let hostSuffix: String
    let pathPrefix: String
    let expected: RedirectPlatform

    public init(params: RuleParams, catalog: PermissionCatalog) throws {
        try params.allowOnly(["hostSuffix", "pathPrefix", "expectedPlatform"])
        hostSuffix = try params.string("hostSuffix").lowercased()
        pathPrefix = try params.string("pathPrefix", default: "/")
        let platform = try params.string("expectedPlatform", default: RedirectPlatform.web.rawValue)
        guard let expected = RedirectPlatform(rawValue: platform) else {
            throw ParamError("expectedPlatform must be one of \(RedirectPlatform.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        self.expected = expected
    }

    func isGatewayURI(_ uri: String) -> Bool {
        guard let parts = URIText.parts(uri) else { return false }
        let hostMatches = parts.host == hostSuffix || parts.host.hasSuffix("." + hostSuffix)
        return hostMatches && parts.path.lowercased().hasPrefix(pathPrefix.lowercased())
    }

    public func evaluate(_ context: AuditContext) -> [CheckHit] {
        guard let manifest = context.manifest else { return [] }
        return manifest.redirectURIs.compactMap { entry in
            guard entry.platform != expected, isGatewayURI(entry.uri) else { return nil }
            let subject = URIText.subject(entry.uri)
            return CheckHit(
                subject: subject,
                evidence: ["uri": .string(subject), "platform": .string(entry.platform.rawValue),
                           "expectedPlatform": .string(expected.rawValue)],
                variables: ["uri": .same(subject), "platform": PlatformLabel.text(entry.platform),
                            "expectedPlatform": PlatformLabel.text(expected)])
        }
    }
}
