import Foundation

/// `request-endpoint-tenant`: an app with the expected single-tenant audience signed in through
/// another tenant's or the common endpoint (`bundle.request`, from triage), for an error whose
/// codes include one of `codes`. A multitenant app is `sign-in-audience`'s finding.
public struct RequestEndpointTenantCheck: RequestCheck {
    public static let kind = "request-endpoint-tenant"
    public static let placeholders: Set<String> = ["endpoint"]

    let codes: Set<Int>
    let audience: String

    public init(params: RuleParams, catalog: PermissionCatalog) throws {
        try params.allowOnly(["codes", "audience"])
        codes = Set(try params.decode([Int].self, "codes"))
        audience = try params.string("audience", default: "AzureADMyOrg")
    }

    public func evaluate(_ context: AuditContext) -> [CheckHit] {
        guard let request = context.bundle.request, let code = request.errorCodes.first, codes.contains(code),
              let manifest = context.manifest, manifest.signInAudience == audience else { return [] }
        let endpoint = request.tenant ?? "common"
        return [CheckHit(subject: endpoint,
                         evidence: ["signInAudience": .string(audience), "endpointTenant": request.tenant.map(EvidenceValue.string) ?? .null],
                         variables: ["endpoint": .same(VisibleText.escape(endpoint))])]
    }
}
