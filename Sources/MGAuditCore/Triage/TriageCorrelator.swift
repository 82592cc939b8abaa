import Foundation

/// Correlates a triaged error with a tenant's files (manifest, notification sheet, MailGates
/// settings, consent exports) and says, as findings, what in them explains the error.
public struct TriageCorrelator: Sendable {
    public var bundle: TenantBundle?
    public var asOf: Date

    public init(bundle: TenantBundle?, asOf: Date) {
        self.bundle = bundle
        self.asOf = asOf
    }

    public func findings(for error: TriagedError, entry: CatalogEntry?) -> [Finding] {
        let cause = entry?.cause ?? TriageCause.fromOAuthError(error.oauthError)
        let code = error.codeNumber
        var findings: [Finding] = []
        switch cause {
        case .redirectUriMismatch, .noRedirectUriRegistered:
            findings += redirectFindings(error)
        case .expiredClientSecret:
            findings += expiredSecretFindings()
            findings += secretValueFindings()
        case .invalidClientSecret:
            findings += secretValueFindings()
        case .consentRequired, .adminConsentRequired:
            findings += permissionFindings()
        case .misconfiguredApplication where [650056, 65005, 650057, 90008].contains(code ?? 0):
            findings += permissionFindings()
        case .implicitIdTokenDisabled:
            findings += implicitFindings(idToken: true)
        case .implicitAccessTokenDisabled:
            findings += implicitFindings(idToken: false)
            if code == 70005 { findings += implicitFindings(idToken: true) }
        case .wrongTenantOrAccount where code == 50194 || code == 90130:
            findings += audienceFindings(error)
        default:
            break
        }
        findings += clientIdFindings(error, always: cause == .appNotFound || code == 650056)
        return findings
    }

    var manifest: AppRegistration? { bundle?.manifest }

    // MARK: Redirect URI (AADSTS50011): TriageURIMatch.swift

    // MARK: Implicit grant (AADSTS700054, 700051)

    func implicitFindings(idToken: Bool) -> [Finding] {
        guard let manifest else { return [] }
        let value = idToken ? manifest.implicitIdToken : manifest.implicitAccessToken
        guard value != true else { return [] }
        let label = idToken ? "ID トークン" : "アクセス トークン"
        let field = idToken ? "enableIdTokenIssuance" : "enableAccessTokenIssuance"
        return [Finding(
            rule: idToken ? "implicit-id-token-disabled" : "implicit-access-token-disabled", severity: .error,
            subject: field,
            title: LocalizedText(ja: "「\(label)」の発行が無効です", en: "\(idToken ? "ID" : "Access") token issuance is off"),
            message: LocalizedText(
                ja: "マニフェストでは「\(label)」の発行が\(value == nil ? "設定されていません" : "無効")です（\(field): \(value.map(String.init) ?? "null")）。「暗黙的な許可およびハイブリッド フロー」で「アクセス トークン」と「ID トークン」の両方にチェックを入れてください。",
                en: "The manifest has \(idToken ? "ID" : "access") token issuance \(value == nil ? "unset" : "off") (\(field): \(value.map(String.init) ?? "null")). Tick both 「アクセス トークン」 and 「ID トークン」 under 「暗黙的な許可およびハイブリッド フロー」."),
            evidence: [field: value.map(EvidenceValue.bool) ?? .null],
            guideStep: TriageGuide.implicit)]
    }

    // MARK: Sign-in audience (AADSTS50194)

    func audienceFindings(_ error: TriagedError) -> [Finding] {
        guard let manifest else { return [] }
        let audience = manifest.signInAudience ?? "null"
        if audience != "AzureADMyOrg" {
            return [Finding(
                rule: "not-single-tenant", severity: .warning, subject: "signInAudience",
                title: LocalizedText(ja: "シングル テナントではありません", en: "Not single tenant"),
                message: LocalizedText(
                    ja: "アプリのサポートされているアカウントの種類が「\(audience)」です。手順どおり「この組織ディレクトリのみに含まれるアカウント」（AzureADMyOrg）にしてください。",
                    en: "The app's supported account type is \(audience). Per the guide it should be 「この組織ディレクトリのみに含まれるアカウント」 (AzureADMyOrg)."),
                evidence: ["signInAudience": .string(audience)], guideStep: TriageGuide.singleTenant)]
        }
        let endpoint = error.request?.tenant ?? error.tenant
        return [Finding(
            rule: "common-endpoint-single-tenant", severity: .info, subject: endpoint ?? "common",
            title: LocalizedText(ja: "シングル テナントのアプリに共通エンドポイントでサインインしました",
                                 en: "Single-tenant app signed in through the common endpoint"),
            message: LocalizedText(
                ja: "アプリは手順どおりシングル テナント（AzureADMyOrg）です。サインイン要求はテナント「\(endpoint ?? "common")」宛てでした。アプリを登録したテナントの管理者アカウントでサインインしてください。",
                en: "The app is single tenant (AzureADMyOrg) as the guide requires. The sign-in went to tenant \"\(endpoint ?? "common")\". Sign in with an admin account of the tenant where the app is registered."),
            evidence: ["signInAudience": .string(audience), "endpointTenant": endpoint.map(EvidenceValue.string) ?? .null],
            guideStep: TriageGuide.singleTenant)]
    }
}

extension RedirectPlatform {
    /// The platform's name as the portal's 認証 blade shows it.
    var portalName: String {
        switch self {
        case .web: "Web"
        case .spa: "シングルページ アプリケーション (SPA)"
        case .publicClient: "モバイル アプリケーションとデスクトップ アプリケーション"
        }
    }
}
