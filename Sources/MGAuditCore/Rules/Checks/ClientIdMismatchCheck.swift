import Foundation

/// `client-id-mismatch`: MailGates' 「アプリケーションID」 (mailgates-settings.yaml) is not the
/// manifest's `appId`. Says by how little (two swapped characters), or that it is the object id.
/// Triage reuses `hit(value:source:manifest:)` for the client id quoted in an error.
public struct ClientIdMismatchCheck: Check {
    public static let kind = "client-id-mismatch"
    public static let placeholders: Set<String> = ["source", "clientId", "appId", "difference"]
    public init(params: RuleParams, catalog: PermissionCatalog) throws { try params.allowOnly([]) }

    /// At most this many differing characters is a slip; more is another app's id.
    static let slipLimit = 4

    /// Where the compared client id comes from: its `{source}` text is `phrases.yaml`'s `clientId.settingsSource` / `errorSource`.
    public enum Source: Sendable { case settings, error }

    public func evaluate(_ context: AuditContext) -> [CheckHit] {
        // A secret typed as the ID is client-id-secret's finding, and must not be echoed here.
        guard let manifest = context.manifest, let value = context.bundle.settings?.applicationId,
              !GatewaySettings.looksLikeSecret(value) else { return [] }
        return Self.hit(value: value, source: .settings, manifest: manifest, phrases: context.sharedPhrases).map { [$0] } ?? []
    }

    /// The hit for `value` used as the client id, or nil when it is the manifest's appId (or there is none).
    static func hit(value: String, source: Source, manifest: AppRegistration, phrases: CheckPhrasesBox) -> CheckHit? {
        guard let appId = manifest.appId, value.lowercased() != appId.lowercased() else { return nil }
        let isObjectId = manifest.objectId.map { $0.lowercased() == value.lowercased() } ?? false
        // The explainer works on any string; a GUID is aligned whole, character by character.
        let comparison = URIExplainer.compare(expected: appId, actual: value)
        let differing = differingCharacters(comparison)
        let isSlip = !isObjectId && differing <= slipLimit
        let words = phrases.phrases.clientId
        let difference: LocalizedText = isObjectId ? words.objectId
            : isSlip
            ? MessageTemplate.fill(words.slip, with: ["count": .same(String(differing)),
                                                      "difference": LocalizedText(ja: comparison.summary(.ja, phrases: phrases.phrases.uriDiff),
                                                                                  en: comparison.summary(.en, phrases: phrases.phrases.uriDiff))])
            : words.otherApp
        var evidence: [String: EvidenceValue] = [
            "clientId": .string(value), "appId": .string(appId), "isObjectId": .bool(isObjectId),
            "differingCharacters": .int(differing),
        ]
        if isSlip { evidence.merge(comparison.evidence) { current, _ in current } }
        let shown = VisibleText.escape(value)
        return CheckHit(subject: shown, evidence: evidence,
                        variables: ["source": source == .settings ? words.settingsSource : words.errorSource, "clientId": .same(shown), "appId": .same(appId), "difference": difference])
    }

    /// How many characters differ: per edit, the longer of its two sides.
    static func differingCharacters(_ comparison: URIComparison) -> Int {
        comparison.edits.reduce(0) { $0 + max($1.expectedText.unicodeScalars.count, $1.actualText.unicodeScalars.count) }
    }
}
