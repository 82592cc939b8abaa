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


    public func evaluate(_ context: AuditContext) -> [CheckHit] {
        guard let actual = context.manifest?.signInAudience, actual != expected else { return [] }
        return [CheckHit(subject: "signInAudience",
                         evidence: ["signInAudience": .string(actual), "expected": .string(expected)],
                         variables: ["actual": .same(actual), "actualLabel": context.sharedPhrases.phrases.audience(actual),
                                     "expected": .same(expected), "expectedLabel": context.sharedPhrases.phrases.audience(expected)])]
    }
}
