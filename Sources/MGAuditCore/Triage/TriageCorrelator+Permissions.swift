import Foundation

extension TriageCorrelator {
    /// For consent codes: which required permissions are missing, of the wrong type, or lack
    /// consent; without a consent export consent is unknown, and we say how to check it.
    func permissionFindings() -> [Finding] {
        var findings: [Finding] = []
        let requested = manifest?.requiredPermissions.filter { $0.resourceAppId == RequiredGraphPermission.graphAppId }
        if let requested {
            for permission in RequiredGraphPermission.all where !requested.contains(where: { $0.id == permission.id }) {
                let wrongType = permission.otherTypeId.map { other in requested.contains { $0.id == other } } ?? false
                let typeName = permission.type == .application ? ("アプリケーションの許可", "application") : ("委任されたアクセス許可", "delegated")
                findings.append(Finding(
                    rule: wrongType ? "permission-wrong-type" : "permission-missing", severity: .error, subject: permission.name,
                    title: LocalizedText(ja: wrongType ? "アクセス許可の種類が違います" : "必要なアクセス許可がありません",
                                         en: wrongType ? "Permission has the wrong type" : "Required permission missing"),
                    message: LocalizedText(
                        ja: wrongType
                            ? "Microsoft Graph の「\(permission.name)」が「\(typeName.0)」ではなく別の種類で追加されています。「\(typeName.0)」で追加し直してください。"
                            : "Microsoft Graph の「\(permission.name)」（\(typeName.0)）が「API のアクセス許可」にありません。",
                        en: wrongType
                            ? "Microsoft Graph \(permission.name) was added with the other type; add it as a \(typeName.1) permission."
                            : "Microsoft Graph \(permission.name) (\(typeName.1)) is missing from 「API のアクセス許可」."),
                    evidence: ["permission": .string(permission.name), "id": .string(permission.id), "type": .string(permission.type.rawValue)],
                    guideStep: TriageGuide.permissions))
            }
        }
        let needingAdmin = RequiredGraphPermission.all.filter { $0.type == .application }
        guard let consent = bundle?.consent else {
            let names = needingAdmin.map(\.name)
            findings.append(Finding(
                rule: "consent-unknown", severity: .warning, subject: names.joined(separator: ", "),
                title: LocalizedText(ja: "同意の状態が分かりません", en: "Consent state unknown"),
                message: LocalizedText(
                    ja: "マニフェストには同意の状態が含まれません。「API のアクセス許可」で \(names.map { "「\($0)」" }.joined(separator: "、"))（管理者の同意が必要）と「User.Read」の状態が緑のチェックか確認し、違えば「管理者の同意を与えます」をクリックしてください。ファイルで確認する場合は Graph の GET /servicePrincipals/{id}/appRoleAssignments と /oauth2PermissionGrants の結果を一緒に渡してください。",
                    en: "A manifest does not hold consent. In 「API のアクセス許可」 check that \(names.joined(separator: " and ")) (admin consent required) and User.Read show a green tick; if not, click 「管理者の同意を与えます」. To check from files, pass Graph's GET /servicePrincipals/{id}/appRoleAssignments and /oauth2PermissionGrants output too."),
                evidence: ["permissions": .list(names.map(EvidenceValue.string))],
                guideStep: TriageGuide.adminConsent))
            return findings
        }
        for permission in needingAdmin where !consent.grantedAppRoleIds.contains(permission.id) {
            findings.append(notConsented(permission.name, id: permission.id))
        }
        let delegated = consent.adminConsentedScopes.union(consent.userConsentedScopes)
        if !delegated.contains("User.Read") {
            findings.append(notConsented("User.Read", id: "e1fe6dd8-ba31-4d61-89e7-88639da4683d"))
        }
        return findings
    }

    private func notConsented(_ name: String, id: String) -> Finding {
        Finding(
            rule: "permission-not-consented", severity: .error, subject: name,
            title: LocalizedText(ja: "管理者の同意がありません", en: "No admin consent"),
            message: LocalizedText(
                ja: "同意のエクスポートに「\(name)」の同意がありません。「API のアクセス許可」で「管理者の同意を与えます」をクリックしてください。",
                en: "The consent export holds no consent for \(name). Click 「管理者の同意を与えます」 in 「API のアクセス許可」."),
            evidence: ["permission": .string(name), "id": .string(id)],
            guideStep: TriageGuide.adminConsent)
    }
}
