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

    // MARK: Redirect URI (AADSTS50011)

    func redirectFindings(_ error: TriagedError) -> [Finding] {
        guard let requested = error.requestedRedirectUri else { return [] }
        return registeredFindings(requested: requested) + sheetFindings(requested: requested)
    }

    /// What the app registration shows about the requested URI: under the wrong platform, a
    /// near miss (with the explainer's diff), or not registered at all.
    func registeredFindings(requested: String) -> [Finding] {
        guard let manifest else { return [] }
        let registered = manifest.redirectURIs
        if let exact = registered.first(where: { $0.uri == requested }) {
            guard exact.platform != .web else { return [] }
            return [Finding(
                rule: "uri-wrong-platform", severity: .error, subject: requested,
                title: LocalizedText(ja: "リダイレクト URI が Web 以外のプラットフォームに登録されています",
                                     en: "Redirect URI registered under a platform other than Web"),
                message: LocalizedText(
                    ja: "要求されたリダイレクト URI「\(VisibleText.escape(requested))」は登録されていますが、「Web」ではなく「\(exact.platform.portalName)」に登録されています。一度削除し、「Web」プラットフォームに登録し直してください。",
                    en: "The requested redirect URI \"\(VisibleText.escape(requested))\" is registered, but under \(exact.platform.portalName) rather than Web. Remove it and register it again under the Web platform."),
                evidence: ["requested": .string(requested), "platform": .string(exact.platform.rawValue)],
                guideStep: TriageGuide.platformWeb)]
        }
        let isURI1 = bundle?.sheet.map { $0.uri1 == requested } ?? requested.hasSuffix("mg_oauth")
        let candidates = registered.map { RegisteredCandidate(uri: $0.uri, platform: $0.platform) }
        if let (candidate, comparison) = Self.nearestRegisteredURI(to: requested, among: candidates) {
            let platform = candidate.platform ?? .web
            let evidence = comparison.evidence.merging([
                "requested": .string(requested), "registered": .string(candidate.uri), "platform": .string(platform.rawValue),
            ]) { current, _ in current }
            return [Finding(
                rule: "uri-near-miss", severity: .error, subject: candidate.uri,
                title: LocalizedText(ja: "登録済みのリダイレクト URI が要求された URI とわずかに違います",
                                     en: "A registered redirect URI nearly matches the requested one"),
                message: LocalizedText(
                    ja: "登録済みの「\(VisibleText.escape(candidate.uri))」は、要求された「\(VisibleText.escape(requested))」と一致しません: \(comparison.summary(.ja))",
                    en: "The registered \"\(VisibleText.escape(candidate.uri))\" does not match the requested \"\(VisibleText.escape(requested))\". In the registered URI, \(Self.lowercasedFirst(comparison.summary(.en)))"),
                evidence: evidence,
                guideStep: isURI1 ? TriageGuide.uri1 : TriageGuide.uri2)]
        }
        return [Finding(
            rule: isURI1 ? "uri1-missing" : "uri2-missing-for-domain", severity: .error, subject: requested,
            title: LocalizedText(ja: "要求されたリダイレクト URI が登録されていません", en: "The requested redirect URI is not registered"),
            message: LocalizedText(
                ja: "要求された「\(VisibleText.escape(requested))」は、登録済みの \(registered.count) 件のリダイレクト URI のどれにも近くありません。「Web」に追加してください。",
                en: "The requested \"\(VisibleText.escape(requested))\" is not close to any of the \(registered.count) registered redirect URI(s). Add it under Web."),
            evidence: ["requested": .string(requested), "registered": .list(registered.map { .string($0.uri) })],
            guideStep: isURI1 ? TriageGuide.uri1 : TriageGuide.uri2)]
    }

    /// "Use https, not http." → "use https, not http." (to follow "In the registered URI, ").
    static func lowercasedFirst(_ text: String) -> String {
        text.prefix(1).lowercased() + text.dropFirst()
    }

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
