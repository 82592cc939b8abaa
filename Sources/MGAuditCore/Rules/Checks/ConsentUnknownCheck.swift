import Foundation

/// `consent-unknown`: a manifest was given but no consent export, so whether 「管理者の同意を与えます」
/// was pressed cannot be told (consent lives on the service principal, not in the manifest).
public struct ConsentUnknownCheck: Check {
    public static let kind = "consent-unknown"
    public init(params: RuleParams, catalog: PermissionCatalog) throws { try params.allowOnly([]) }

    public func evaluate(_ context: AuditContext) -> [CheckHit] {
        guard let manifest = context.manifest, context.bundle.consent == nil else { return [] }
        let appId = manifest.appId ?? "{appId}"
        return [CheckHit(subject: manifest.appId ?? "consent",
                         evidence: ["appId": manifest.appId.map(EvidenceValue.string) ?? .null],
                         variables: ["appId": .same(appId)])]
    }
}
