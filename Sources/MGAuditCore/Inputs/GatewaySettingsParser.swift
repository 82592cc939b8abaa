import Foundation

/// Reads what was typed into MailGates' OAuth 認証設定 screen, as a small YAML/JSON file
/// (`applicationId`, `clientSecret`) or as pasted label lines (「アプリケーションID : …」).
enum GatewaySettingsParser {
    static let applicationIdLabels = ["applicationid", "アプリケーションid", "clientid", "アプリケーション(クライアント)id"]
    static let secretLabels = ["clientsecret", "クライアントシークレット", "secret"]

    static func recognise(mapping: [String: Any]) -> GatewaySettings? {
        recognise(fields: mapping.map { (key: $0.key, text: $0.value as? String) })
    }

    /// The JSON form: an object's members in file order; of a key written twice the last counts,
    /// as it did when the object was read into a dictionary.
    static func recognise(json: OrderedJSON) -> GatewaySettings? {
        guard case .object(let members) = json else { return nil }
        return recognise(fields: lastOfEachKey(members.map { member in
            if case .string(let text) = member.value { (member.key, text) } else { (member.key, nil) }
        }))
    }

    /// Settings from labelled fields (`text` nil when the value is not a string); nil when neither
    /// field is there.
    static func recognise(fields: [(key: String, text: String?)]) -> GatewaySettings? {
        let settings = GatewaySettings(
            applicationId: value(in: fields, labels: applicationIdLabels),
            clientSecret: value(in: fields, labels: secretLabels).map(SecretValue.init)
        )
        return settings.applicationId == nil && settings.clientSecret == nil ? nil : settings
    }

    /// Pasted lines such as 「アプリケーションID : 7671e18c-…」「クライアントシークレット：H-0…」.
    static func recognise(text: String) -> GatewaySettings? {
        var fields: [(key: String, text: String?)] = []
        for line in text.split(separator: "\n") {
            guard let separator = line.firstIndex(where: { $0 == ":" || $0 == "：" || $0 == "\t" }) else { continue }
            let label = String(line[..<separator])
            let value = line[line.index(after: separator)...].trimmedEnds(in: .whitespaces)
            if !value.isEmpty { fields.append((label, value)) }
        }
        // Only when every labelled line is one of ours: a sheet or an error page is not settings.
        guard !fields.isEmpty, fields.allSatisfy({ isKnown($0.key) }) else { return nil }
        return recognise(fields: lastOfEachKey(fields))
    }

    /// Of a label written twice the last line, at its place: what a dictionary kept, in the
    /// file's order (a dictionary's order changed from run to run).
    static func lastOfEachKey(_ fields: [(key: String, text: String?)]) -> [(key: String, text: String?)] {
        var seen: Set<String> = []
        return fields.reversed().filter { seen.insert($0.key).inserted }.reversed()
    }

    /// NFKC, lowercased, without white space, `_` and `-`. ASCII (its own NFKC form, its white
    /// space U+0009–U+000D and U+0020) is folded byte by byte.
    static func normalisedLabel(_ label: String) -> String {
        let utf8 = label.utf8
        guard utf8.allSatisfy({ $0 < 0x80 }) else {
            return label.precomposedStringWithCompatibilityMapping.lowercased().filter { !$0.isWhitespace && $0 != "_" && $0 != "-" }
        }
        var folded: [UInt8] = []
        folded.reserveCapacity(utf8.count)
        for byte in utf8 {
            switch byte {
            case 0x09...0x0D, 0x20, UInt8(ascii: "_"), UInt8(ascii: "-"): continue
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): folded.append(byte + 0x20)
            default: folded.append(byte)
            }
        }
        return String(decoding: folded, as: UTF8.self)
    }

    static func isKnown(_ label: String) -> Bool {
        let normalised = normalisedLabel(label)
        return (applicationIdLabels + secretLabels + ["kind"]).contains(normalised)
    }

    /// The first non-blank string of a field named by one of `labels`, its ends trimmed.
    static func value(in fields: [(key: String, text: String?)], labels: [String]) -> String? {
        for field in fields where labels.contains(normalisedLabel(field.key)) {
            if let text = field.text {
                let trimmed = text.trimmedEnds(in: .whitespaces)
                if !trimmed.isEmpty { return trimmed }
            }
        }
        return nil
    }
}
