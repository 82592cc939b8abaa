import Foundation

/// `consent-unknown`: a manifest was given but not both consent exports, so whether
/// 「管理者の同意を与えます」 was pressed cannot be told (consent lives on the service principal,
/// not in the manifest). `appRoleAssignments` covers application permissions,
/// `oauth2PermissionGrants` delegated ones; either may be missing.
public struct ConsentUnknownCheck: Check {
    public static let kind = "consent-unknown"
    public static let placeholders: Set<String> = ["appId", "missing"]
    public init(params: RuleParams, catalog: PermissionCatalog) throws { try params.allowOnly([]) }

    public func evaluate(_ context: AuditContext) -> [CheckHit] {
        guard let manifest = context.manifest else { return [] }
        let consent = context.bundle.consent
        let phrases = context.sharedPhrases.phrases.consent
        var missing: [(export: String, label: LocalizedText)] = []
        if consent?.hasAppRoleAssignments != true {
            missing.append(("appRoleAssignments", phrases.appRoleAssignments))
        }
        if consent?.hasPermissionGrants != true {
            missing.append(("oauth2PermissionGrants", phrases.permissionGrants))
        }
        guard !missing.isEmpty else { return [] }
        // Without an appId the texts still read well, and the Graph URL shows what to fill in.
        let appId = manifest.appId.map(LocalizedText.same) ?? phrases.noAppId
        return [CheckHit(subject: manifest.appId ?? "consent",
                         evidence: ["appId": manifest.appId.map(EvidenceValue.string) ?? .null,
                                    "missingExports": .list(missing.map { .string($0.export) })],
                         variables: ["appId": appId,
                                     "missing": LocalizedText(ja: missing.map(\.label.ja).joined(separator: phrases.separator.ja),
                                                              en: missing.map(\.label.en).joined(separator: phrases.separator.en))])]
    }
}
