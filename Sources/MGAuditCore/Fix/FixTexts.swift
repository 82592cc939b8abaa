import Foundation

/// `rules/fixes.yaml`: every comment of the az, PowerShell and Graph scripts and every note of `mgaudit fix`, in ja and en.
public struct FixTexts: Sendable, Hashable, Decodable {
    public static let fileName = "fixes.yaml"

    public var scriptHeader: LocalizedText
    public var webRedirectURIs: LocalizedText
    public var spaRedirectURIs: LocalizedText
    public var signInAudience: LocalizedText
    public var implicitAccessToken: LocalizedText
    public var implicitIdToken: LocalizedText
    public var credentialReset: LocalizedText
    public var pasteSecret: LocalizedText
    public var nothingToFix: LocalizedText
    public var noSheet: LocalizedText
    public var sheetUntrusted: LocalizedText
    public var legacyReplyURLs: LocalizedText
    public var unsupportedDialect: LocalizedText
    public var secretBlanked: LocalizedText
    public var aadGraphUpload: LocalizedText
    public var powershellHeader: LocalizedText
    public var graphHeader: LocalizedText
    public var permissions: LocalizedText
    public var permissionsList: LocalizedText
    public var permissionsAz: LocalizedText
    public var consent: LocalizedText
    public var adminConsentURL: LocalizedText
    public var servicePrincipal: LocalizedText
    public var grantExists: LocalizedText
    public var deleteExpired: LocalizedText

    private struct Document: Decodable {
        var texts: FixTexts
        var manifestRules: [String]?
    }

    /// `manifestRules` of `<directory>/fixes.yaml`: the rules whose findings the fixed manifest clears.
    public static func manifestRules(directory: URL) throws -> Set<String> {
        Set(try YAMLFile.decode(Document.self, from: directory.appendingPathComponent(fileName)).manifestRules ?? [])
    }

    /// Loads `<directory>/fixes.yaml`; errors name the file. Every text needs both languages.
    public static func load(directory: URL) throws -> FixTexts {
        let file = directory.appendingPathComponent(fileName)
        let texts = try YAMLFile.decode(Document.self, from: file).texts
        let all = [texts.scriptHeader, texts.webRedirectURIs, texts.spaRedirectURIs, texts.signInAudience,
                   texts.implicitAccessToken, texts.implicitIdToken, texts.credentialReset, texts.pasteSecret,
                   texts.nothingToFix, texts.noSheet, texts.sheetUntrusted, texts.legacyReplyURLs,
                   texts.unsupportedDialect, texts.secretBlanked, texts.aadGraphUpload, texts.powershellHeader, texts.graphHeader,
                   texts.permissions, texts.permissionsList, texts.permissionsAz, texts.consent, texts.adminConsentURL,
                   texts.servicePrincipal, texts.grantExists, texts.deleteExpired]
        for text in all where text.ja.isBlank || text.en.isBlank {
            throw InputError(path: file.path, problem: "every text needs both ja and en")
        }
        return texts
    }

    /// `load`, or nil when the pack has no `fixes.yaml` (check and batch then attach no commands).
    public static func loadIfPresent(directory: URL) throws -> FixTexts? {
        guard FileManager.default.fileExists(atPath: directory.appendingPathComponent(fileName).path) else { return nil }
        return try load(directory: directory)
    }

    /// `text` in `language` with `{name}` placeholders filled.
    /// One pass (`MessageTemplate.fill`): a value is never searched for placeholders itself.
    public static func fill(_ text: LocalizedText, _ language: Language, _ values: [String: String]) -> String {
        MessageTemplate.fill(text.text(language), values)
    }
}
