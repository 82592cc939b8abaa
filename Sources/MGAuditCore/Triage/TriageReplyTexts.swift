import Foundation

/// The sentences and labels of `triage --format reply` and of the routing line every triage
/// format shows, from `rules/reply.yaml` (ja + en). Placeholders are listed in the file.
public struct ReplyTexts: Sendable, Codable, Hashable {
    public static let fileName = "reply.yaml"

    public var opening: LocalizedText
    public var closing: LocalizedText
    public var happenedLabel: LocalizedText
    /// `{code}`.
    public var happened: LocalizedText
    public var unknownCode: LocalizedText
    public var changeLabel: LocalizedText
    /// `{step}`.
    public var guideStep: LocalizedText
    public var retry: LocalizedText
    public var noChange: LocalizedText
    public var whoLabel: LocalizedText
    /// One sentence per `FixedBy` raw value; `customer-admin` has `{role}`.
    public var fixedBy: [String: LocalizedText]
    public var unknownWho: LocalizedText
    /// The translated name of each `AdminRole` raw value.
    public var roles: [String: LocalizedText]
    public var persistsLabel: LocalizedText
    public var persists: LocalizedText
    public var requestId: LocalizedText
    public var correlationId: LocalizedText
    public var timestamp: LocalizedText
    /// `{label}`, `{value}`.
    public var field: LocalizedText
    public var notShown: LocalizedText
    public var whoFixesLabel: LocalizedText
    public var groupLabel: LocalizedText
    /// Short name of who fixes it, per `FixedBy` raw value; `customer-admin` has `{role}`.
    public var whoFixes: [String: LocalizedText]
    public var whoFixesUnknown: LocalizedText

    /// The customer-facing sentence saying who must act (the role filled in).
    public func fixedBySentence(_ entry: CatalogEntry?) -> LocalizedText {
        guard let entry else { return unknownWho }
        return filledRole(fixedBy[entry.fixedBy.rawValue] ?? unknownWho, entry: entry)
    }

    /// The short routing value (`お客様の管理者（アプリケーション管理者 …）`).
    public func whoFixesShort(_ entry: CatalogEntry?) -> LocalizedText {
        guard let entry else { return whoFixesUnknown }
        return filledRole(whoFixes[entry.fixedBy.rawValue] ?? whoFixesUnknown, entry: entry)
    }

    private func filledRole(_ template: LocalizedText, entry: CatalogEntry) -> LocalizedText {
        let role = entry.adminRole.map { roles[$0.rawValue] ?? LocalizedText(ja: $0.rawValue, en: $0.rawValue) }
            ?? LocalizedText(ja: "", en: "")
        return template.filled(ja: ["role": role.ja], en: ["role": role.en])
    }

    /// Loads `<directory>/reply.yaml`; every text needs both languages, every `FixedBy` and
    /// `AdminRole` needs its sentence and name.
    public static func load(directory: URL) throws -> ReplyTexts {
        let file = directory.appendingPathComponent(fileName)
        let texts = try YAMLFile.decode(Document.self, from: file).reply
        for value in FixedBy.allCases {
            guard texts.fixedBy[value.rawValue] != nil, texts.whoFixes[value.rawValue] != nil else {
                throw InputError(path: file.path, problem: "reply.fixedBy and reply.whoFixes need '\(value.rawValue)'")
            }
        }
        for role in AdminRole.allCases where texts.roles[role.rawValue] == nil {
            throw InputError(path: file.path, problem: "reply.roles needs '\(role.rawValue)'")
        }
        for text in texts.all
        where text.ja.isBlank || text.en.isBlank {
            throw InputError(path: file.path, problem: "every reply text needs both ja and en text ('\(VisibleText.escape(String((text.ja + text.en).prefix(40))))')")
        }
        return texts
    }

    var all: [LocalizedText] {
        [opening, closing, happenedLabel, happened, unknownCode, changeLabel, guideStep, retry, noChange, whoLabel, unknownWho,
         persistsLabel, persists, requestId, correlationId, timestamp, field, notShown, whoFixesLabel, groupLabel, whoFixesUnknown]
            + fixedBy.values + roles.values + whoFixes.values
    }

    private struct Document: Decodable {
        var reply: ReplyTexts
    }
}
