import Foundation

/// Reads what was typed into MailGates' OAuth 認証設定 screen, as a small YAML/JSON file
/// (`applicationId`, `clientSecret`) or as pasted label lines (「アプリケーションID : …」).
enum GatewaySettingsParser {
    static let applicationIdLabels = ["applicationid", "アプリケーションid", "clientid", "アプリケーション(クライアント)id"]
    static let secretLabels = ["clientsecret", "クライアントシークレット", "secret"]

    static func recognise(mapping: [String: Any]) -> GatewaySettings? {
        let settings = GatewaySettings(
            applicationId: value(in: mapping, labels: applicationIdLabels),
            clientSecret: value(in: mapping, labels: secretLabels).map(SecretValue.init)
        )
        return settings.applicationId == nil && settings.clientSecret == nil ? nil : settings
    }

    /// Pasted lines such as 「アプリケーションID : 7671e18c-…」「クライアントシークレット：H-0…」.
    static func recognise(text: String) -> GatewaySettings? {
        var mapping: [String: Any] = [:]
        for line in text.split(separator: "\n") {
            guard let separator = line.firstIndex(where: { $0 == ":" || $0 == "：" || $0 == "\t" }) else { continue }
            let label = String(line[..<separator])
            let value = line[line.index(after: separator)...].trimmedEnds(in: .whitespaces)
            if !value.isEmpty { mapping[label] = value }
        }
        // Only when every labelled line is one of ours: a sheet or an error page is not settings.
        guard !mapping.isEmpty, mapping.keys.allSatisfy({ isKnown($0) }) else { return nil }
        return recognise(mapping: mapping)
    }

    static func normalisedLabel(_ label: String) -> String {
        label.precomposedStringWithCompatibilityMapping.lowercased().filter { !$0.isWhitespace && $0 != "_" && $0 != "-" }
    }

    static func isKnown(_ label: String) -> Bool {
        let normalised = normalisedLabel(label)
        return (applicationIdLabels + secretLabels + ["kind"]).contains(normalised)
    }

    static func value(in mapping: [String: Any], labels: [String]) -> String? {
        for (key, value) in mapping where labels.contains(normalisedLabel(key)) {
            if let text = value as? String {
                let trimmed = text.trimmedEnds(in: .whitespaces)
                if !trimmed.isEmpty { return trimmed }
            }
        }
        return nil
    }
}
