import Foundation
import Yams

/// Tells what a file is from its content (never its name) and parses it into the model.
public enum InputSniffer {
    public enum Parsed: Sendable {
        case manifest(AppRegistration)
        case sheet(NotificationSheet)
        case settings(GatewaySettings)
        case consent(InputKind, ConsentState)
        case servicePrincipal
        case errorText(String)
    }

    /// Sniffs and parses one file. Throws `InputError` for a file that is recognisably one of ours
    /// but broken (unreadable); returns nil for a file that is none of ours (unrecognised).
    public static func parse(_ data: Data, path: String) throws -> (InputKind, Parsed)? {
        // A workbook is the only binary input.
        if data.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            return try NotificationSheetParser.parseIfSheet(data, path: path).map { (.notificationSheet, .sheet($0)) }
        }
        let (text, _) = try TextDecoding.decode(data, path: path)
        let start = text.first { !$0.isWhitespace }
        if start == "{" || start == "[" {
            return try parseJSON(text, path: path)
        }
        if let sheet = try NotificationSheetParser.parseIfSheet(text: text, path: path) {
            return (.notificationSheet, .sheet(sheet))
        }
        if let mapping = yamlMapping(text), let settings = GatewaySettingsParser.recognise(mapping: mapping) {
            return (.gatewaySettings, .settings(settings))
        }
        if let settings = GatewaySettingsParser.recognise(text: text) {
            return (.gatewaySettings, .settings(settings))
        }
        if looksLikeOAuthError(text) {
            return (.errorText, .errorText(text))
        }
        return nil
    }

    static func parseJSON(_ text: String, path: String) throws -> (InputKind, Parsed)? {
        // Parsed once here; the sheet's JSON form is told apart by its keys.
        let json = try JSONDocument.parse(text, path: path)
        if StructuredSheet.isStructured(json) {
            return (.notificationSheet, .sheet(try StructuredSheet.parseJSON(text, path: path)))
        }
        if let app = ManifestParser.applicationObject(in: json) {
            let registration = try ManifestParser.parse(json: app, path: path)
            return (registration.format == .aadGraph ? .manifestAADGraph : .manifestMicrosoftGraph, .manifest(registration))
        }
        if let export = ConsentParser.recognise(json) {
            let kind: InputKind = if case .appRoleAssignments = export { .consentAppRoleAssignments } else { .consentPermissionGrants }
            return (kind, .consent(kind, ConsentParser.merge(export, into: nil)))
        }
        if ConsentParser.isServicePrincipal(json) {
            return (.servicePrincipal, .servicePrincipal)
        }
        if let object = json as? [String: Any], let settings = GatewaySettingsParser.recognise(mapping: object) {
            return (.gatewaySettings, .settings(settings))
        }
        if let object = json as? [String: Any], object["error"] != nil, object["error_description"] != nil || object["error_codes"] != nil {
            return (.errorText, .errorText(text))
        }
        return nil
    }

    static func yamlMapping(_ text: String) -> [String: Any]? {
        guard text.count < 64 * 1024, let loaded = try? Yams.load(yaml: text) else { return nil }
        return loaded as? [String: Any]
    }

    /// An OAuth error redirect, a token-endpoint error or Microsoft's error page.
    public static func looksLikeOAuthError(_ text: String) -> Bool {
        text.range(of: #"AADSTS\d{4,}"#, options: .regularExpression) != nil
            || text.contains("error_description=") || text.contains("サインイン中に問題が発生しました")
            || text.contains("having trouble signing you in")
    }
}
