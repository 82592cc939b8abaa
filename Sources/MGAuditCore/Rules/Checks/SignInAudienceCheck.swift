import Foundation

/// `sign-in-audience`: 「サポートされているアカウントの種類」 is not the expected one
/// (the guide wants 「この組織ディレクトリのみに含まれるアカウント」, `AzureADMyOrg`).
/// A manifest without `signInAudience` is not judged.
public struct SignInAudienceCheck: Check {
    public static let kind = "sign-in-audience"
    public static let placeholders: Set<String> = ["actual", "actualLabel", "expected", "expectedLabel"]
    let expected: String

    public init(params: RuleParams, catalog: PermissionCatalog) throws {
        try params.allowOnly(["expected"])
        expected = try params.string("expected", default: "AzureADMyOrg")
    }

    static func label(_ audience: String) -> LocalizedText {
        switch audience {
        case "AzureADMyOrg":
            LocalizedText(ja: "この組織ディレクトリのみに含まれるアカウント (シングル テナント)", en: "Accounts in this organizational directory only (single tenant)")
        case "AzureADMultipleOrgs":
            LocalizedText(ja: "任意の組織ディレクトリ内のアカウント (マルチテナント)", en: "Accounts in any organizational directory (multitenant)")
        case "AzureADandPersonalMicrosoftAccount":
            LocalizedText(ja: "任意の組織ディレクトリ内のアカウントと個人の Microsoft アカウント", en: "Accounts in any organizational directory and personal Microsoft accounts")
        case "PersonalMicrosoftAccount":
            LocalizedText(ja: "個人用 Microsoft アカウントのみ", en: "Personal Microsoft accounts only")
        default: .same(audience)
        }
    }

    public func evaluate(_ context: AuditContext) -> [CheckHit] {
        guard let actual = context.manifest?.signInAudience, actual != expected else { return [] }
        return [CheckHit(subject: "signInAudience",
                         evidence: ["signInAudience": .string(actual), "expected": .string(expected)],
                         variables: ["actual": .same(actual), "actualLabel": Self.label(actual),
                                     "expected": .same(expected), "expectedLabel": Self.label(expected)])]
    }
}
