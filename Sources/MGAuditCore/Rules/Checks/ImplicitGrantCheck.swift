import Foundation

/// `implicit-grant`: one of the two 「暗黙的な許可およびハイブリッド フロー」 boxes is not checked.
/// `token: access` is 「アクセス トークン」, `token: id` is 「ID トークン」 (off → AADSTS700054).
/// A manifest that does not say counts as off, as the portal treats it.
public struct ImplicitGrantCheck: Check {
    public static let kind = "implicit-grant"
    public static let placeholders: Set<String> = ["field", "value"]
    enum Token: String { case access, id }
    let token: Token

    public init(params: RuleParams, catalog: PermissionCatalog) throws {
        try params.allowOnly(["token"])
        guard let token = Token(rawValue: try params.string("token")) else {
            throw ParamError("token must be 'access' or 'id'")
        }
        self.token = token
    }

    public func evaluate(_ context: AuditContext) -> [CheckHit] {
        guard let manifest = context.manifest else { return [] }
        let value = token == .access ? manifest.implicitAccessToken : manifest.implicitIdToken
        guard value != true else { return [] }
        let field = switch (manifest.format, token) {
        case (.microsoftGraph, .access): "web.implicitGrantSettings.enableAccessTokenIssuance"
        case (.microsoftGraph, .id): "web.implicitGrantSettings.enableIdTokenIssuance"
        case (.aadGraph, .access): "oauth2AllowImplicitFlow"
        case (.aadGraph, .id): "oauth2AllowIdTokenImplicitFlow"
        }
        let shown = value.map { String($0) } ?? "null"
        return [CheckHit(subject: field,
                         evidence: ["field": .string(field), "value": value.map(EvidenceValue.bool) ?? .null],
                         variables: ["field": .same(field), "value": .same(shown)])]
    }
}
