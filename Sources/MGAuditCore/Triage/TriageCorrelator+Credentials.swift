import Foundation

extension TriageCorrelator {
    static func day(_ date: Date?) -> String {
        guard let date else { return "?" }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    static func credentialEvidence(_ credential: PasswordCredential) -> [String: EvidenceValue] {
        ["keyId": credential.keyId.map(EvidenceValue.string) ?? .null,
         "displayName": credential.displayName.map(EvidenceValue.string) ?? .null,
         "hint": credential.hint.map(EvidenceValue.string) ?? .null,
         "endDateTime": .string(day(credential.end))]
    }

    static func credentialLabel(_ credential: PasswordCredential) -> String {
        let name = credential.displayName.map { "「\(VisibleText.escape($0))」" } ?? ""
        return "\(name)(\(credential.keyId ?? "?"), \(credential.hint.map { "\($0)…" } ?? "?"))"
    }

    // MARK: Expired secret (AADSTS7000222)

    func expiredSecretFindings() -> [Finding] {
        guard let credentials = bundle?.manifest?.passwordCredentials else { return [] }
        if credentials.isEmpty {
            return [Finding(
                rule: "secret-none", severity: .error, subject: "passwordCredentials",
                title: LocalizedText(ja: "クライアントシークレットがありません", en: "No client secret"),
                message: LocalizedText(ja: "マニフェストにクライアントシークレットが一つもありません。新しく作成し、その「値」を MailGates に入力してください。",
                                       en: "The manifest has no client secret. Create one and enter its 「値」 (Value) in MailGates."),
                guideStep: TriageGuide.newSecret)]
        }
        let expired = credentials.filter { ($0.end ?? .distantFuture) <= asOf }
            .sorted { ($0.end ?? .distantPast, $0.keyId ?? "") < ($1.end ?? .distantPast, $1.keyId ?? "") }
        let valid = credentials.count - expired.count
        return expired.map { credential in
            Finding(
                rule: "secret-expired", severity: .error, subject: credential.keyId ?? credential.displayName ?? "secret",
                title: LocalizedText(ja: "クライアントシークレットの有効期限切れ", en: "Client secret expired"),
                message: LocalizedText(
                    ja: "クライアントシークレット \(Self.credentialLabel(credential)) は \(Self.day(credential.end)) に期限切れになっています。\(valid == 0 ? "有効なシークレットは残っていません。" : "有効なシークレットが \(valid) 件ありますが、MailGates にはその「値」が入っていない可能性があります。")新しいシークレットを作成し、その「値」を MailGates に入力してください。",
                    en: "Client secret \(Self.credentialLabel(credential)) expired on \(Self.day(credential.end)). \(valid == 0 ? "No valid secret is left." : "\(valid) valid secret(s) exist, but MailGates may not hold their value.") Create a new secret and enter its 「値」 (Value) in MailGates."),
                evidence: Self.credentialEvidence(credential),
                guideStep: TriageGuide.newSecret)
        }
    }

    // MARK: Configured secret value (AADSTS7000215)

    func secretValueFindings() -> [Finding] {
        guard let secret = bundle?.settings?.clientSecret else { return [] }
        let credentials = bundle?.manifest?.passwordCredentials ?? []
        // The raw value is only compared here; findings carry the key id or the 3-character hint.
        let isGUID = secret.withRawValue { raw in
            TriagePattern.first(TriagePattern.guid, in: raw, group: 0) == raw.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let pastedKey = credentials.first { credential in
            guard let keyId = credential.keyId else { return false }
            return secret.withRawValue { $0.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() == keyId.lowercased() }
        }
        if isGUID || pastedKey != nil {
            var evidence: [String: EvidenceValue] = ["configuredLooksLikeGuid": .bool(isGUID)]
            if let pastedKey { evidence.merge(Self.credentialEvidence(pastedKey)) { a, _ in a } }
            let which = pastedKey.map { Self.credentialLabel($0) }
            return [Finding(
                rule: "secret-id-pasted", severity: .error, subject: pastedKey?.keyId ?? "clientSecret",
                title: LocalizedText(ja: "シークレットの「値」ではなく「シークレット ID」が入力されています",
                                     en: "The secret ID was entered instead of the secret value"),
                message: LocalizedText(
                    ja: "MailGates の「クライアントシークレット」が GUID 形式です\(which.map { "（シークレット \($0) のシークレット ID と同じ）" } ?? "")。「証明書とシークレット」の「値」列の文字列を入力してください。値が分からない場合は新しいシークレットを作成してください。",
                    en: "MailGates' 「クライアントシークレット」 is a GUID\(which.map { " (the Secret ID of \($0))" } ?? ""). Enter the string from the 「値」 (Value) column of 「証明書とシークレット」; if it is no longer shown, create a new secret."),
                evidence: evidence, guideStep: TriageGuide.secretValue)]
        }
        let hints = credentials.compactMap(\.hint)
        guard !hints.isEmpty else { return [] }
        let matching = credentials.filter { credential in
            guard let hint = credential.hint else { return false }
            return secret.withRawValue { $0.hasPrefix(hint) }
        }
        if matching.isEmpty {
            return [Finding(
                rule: "secret-hint-mismatch", severity: .error, subject: "clientSecret",
                title: LocalizedText(ja: "入力されたシークレットがどのシークレットとも一致しません",
                                     en: "The configured secret matches no credential"),
                message: LocalizedText(
                    ja: "MailGates の「クライアントシークレット」の先頭 3 文字「\(VisibleText.escape(secret.hint))」が、登録済みシークレットのヒント（\(hints.map { "「\($0)」" }.joined(separator: "、"))）のどれとも一致しません。別のアプリのシークレットか、コピー時に欠けた可能性があります。",
                    en: "The first three characters \"\(VisibleText.escape(secret.hint))\" of MailGates' 「クライアントシークレット」 match none of the registered secrets' hints (\(hints.joined(separator: ", "))). It may belong to another app or have been cut when copied."),
                evidence: ["configuredHint": .string(secret.hint), "hints": .list(hints.map(EvidenceValue.string))],
                guideStep: TriageGuide.secretValue)]
        }
        return matching.filter { ($0.end ?? .distantFuture) <= asOf }.map { credential in
            Finding(
                rule: "secret-expired", severity: .error, subject: credential.keyId ?? "clientSecret",
                title: LocalizedText(ja: "入力されたシークレットは期限切れです", en: "The configured secret has expired"),
                message: LocalizedText(
                    ja: "MailGates に入力されたシークレットはヒントが \(Self.credentialLabel(credential)) と一致し、\(Self.day(credential.end)) に期限切れになっています。",
                    en: "The secret in MailGates matches the hint of \(Self.credentialLabel(credential)), which expired on \(Self.day(credential.end))."),
                evidence: Self.credentialEvidence(credential), guideStep: TriageGuide.newSecret)
        }
    }

    // MARK: Client ID (AADSTS700016)

    func clientIdFindings(_ error: TriagedError, always: Bool) -> [Finding] {
        guard let appId = manifest?.appId else { return [] }
        var findings: [Finding] = []
        var seen: Set<String> = []
        let sources: [(String?, LocalizedText)] = [
            (error.clientId, LocalizedText(ja: "エラーのクライアント ID", en: "The client ID in the error")),
            (always ? bundle?.settings?.applicationId : nil,
             LocalizedText(ja: "MailGates の「アプリケーションID」", en: "MailGates' 「アプリケーションID」")),
        ]
        for case let (value?, label) in sources where value.lowercased() != appId.lowercased() && seen.insert(value).inserted {
            let isObjectId = manifest?.objectId.map { $0.lowercased() == value.lowercased() } ?? false
            // The explainer works on any string; a GUID is aligned whole, character by character.
            let comparison = URIExplainer.compare(expected: appId, actual: value)
            let differing = Self.differingCharacters(comparison)
            let isSlip = !isObjectId && differing <= 4
            let detail: LocalizedText = isObjectId
                ? LocalizedText(ja: "これはアプリの「オブジェクト ID」で、「アプリケーション (クライアント) ID」ではありません。",
                                en: "That is the app's object ID, not its application (client) ID.")
                : isSlip
                ? LocalizedText(ja: "\(differing) 文字違います: \(comparison.summary(.ja))",
                                en: "It differs in \(differing) character(s): \(comparison.summary(.en))")
                : LocalizedText(ja: "別のアプリの ID と思われます。", en: "It looks like another app's ID.")
            var evidence: [String: EvidenceValue] = [
                "clientId": .string(value), "appId": .string(appId), "isObjectId": .bool(isObjectId),
                "differingCharacters": .int(differing),
            ]
            if isSlip { evidence.merge(comparison.evidence) { current, _ in current } }
            findings.append(Finding(
                rule: "client-id-mismatch", severity: .error, subject: value,
                title: LocalizedText(ja: "クライアント ID がマニフェストの appId と違います", en: "Client ID differs from the manifest's appId"),
                message: LocalizedText(
                    ja: "\(label.ja)「\(VisibleText.escape(value))」は、マニフェストの「アプリケーション (クライアント) ID」「\(appId)」と一致しません。\(detail.ja)",
                    en: "\(label.en) \"\(VisibleText.escape(value))\" is not the manifest's application (client) ID \"\(appId)\". \(detail.en)"),
                evidence: evidence, guideStep: TriageGuide.clientId))
        }
        return findings
    }

    /// How many characters differ: per edit, the longer of its two sides.
    static func differingCharacters(_ comparison: URIComparison) -> Int {
        comparison.edits.reduce(0) { $0 + max($1.expectedText.unicodeScalars.count, $1.actualText.unicodeScalars.count) }
    }
}
