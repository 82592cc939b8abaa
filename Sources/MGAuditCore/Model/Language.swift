import Foundation

public enum Language: String, Sendable, Codable, Hashable, CaseIterable {
    case ja
    case en

    /// `ja` for a `ja_*` locale (LC_ALL, LC_MESSAGES, LANG in that order), English otherwise.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> Language {
        for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = environment[key], !value.isEmpty {
                return value.lowercased().hasPrefix("ja") ? .ja : .en
            }
        }
        return .en
    }
}

/// A text in both languages; every user-facing string of a finding is one of these.
public struct LocalizedText: Sendable, Codable, Hashable {
    public var ja: String
    public var en: String
    public init(ja: String, en: String) {
        self.ja = ja
        self.en = en
    }
    public func text(_ language: Language) -> String {
        switch language {
        case .ja: ja
        case .en: en
        }
    }
}
