import Foundation
@testable import MGAuditCore

// The manifest and consent readers of main (ed48839) over `JSONSerialization`'s values, kept as
// the reference the `OrderedJSON` readers are compared with (JSONReaderEquivalenceTests). Only
// the names changed.

/// `JSONSerialization` as `JSONDocument` called it.
enum LegacyJSON {
    static func parse(_ text: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
    }
}

/// The accessors main's readers used over `[String: Any]`.
extension Dictionary where Key == String, Value == Any {
    func string(_ key: String) -> String? { self[key] as? String }
    func object(_ key: String) -> [String: Any]? { self[key] as? [String: Any] }
    func objects(_ key: String) -> [[String: Any]] { (self[key] as? [Any])?.compactMap { $0 as? [String: Any] } ?? [] }
}


/// Reads an app manifest in either portal format (or `az ad app show` / Graph output, or Graph
/// PowerShell's `Get-MgApplication | ConvertTo-Json`) into one `AppRegistration`. The format is
/// told from the content, never from the file name. A field of the wrong JSON type or with an
/// unreadable value is never skipped silently: it becomes a `ManifestFieldProblem` and the rest
/// of the manifest is still read.
enum LegacyManifestParser {
    /// Whether a decoded JSON value looks like an application object of either format, in
    /// camelCase or in Graph PowerShell's PascalCase.
    static func isManifest(_ object: [String: Any]) -> Bool {
        let tells = ["replyUrlsWithType", "requiredResourceAccess", "oauth2AllowImplicitFlow", "web", "spa",
                     "publicClient", "signInAudience", "passwordCredentials"]
        if object["appId"] != nil && tells.contains(where: { object[$0] != nil })
            || object["replyUrlsWithType"] != nil || object.object("web")?["implicitGrantSettings"] != nil {
            return true
        }
        return isGraphPowerShell(object)
    }

    /// `Get-MgApplication | ConvertTo-Json`: `AppId` with one of the PascalCase application properties.
    static func isGraphPowerShell(_ object: [String: Any]) -> Bool {
        let tells = ["Web", "Spa", "PublicClient", "RequiredResourceAccess", "PasswordCredentials", "SignInAudience"]
        return object["appId"] == nil && object["AppId"] != nil && tells.contains { object[$0] != nil }
            || object.object("Web")?["ImplicitGrantSettings"] != nil
    }

    /// The application object inside a Graph list response (`{"value": [app]}`), a one-item JSON
    /// list (`ConvertTo-Json -AsArray`), or the object itself.
    static func applicationObject(in json: Any) -> [String: Any]? {
        if let list = json as? [Any] {
            guard list.count == 1, let only = list.first as? [String: Any], isManifest(only) else { return nil }
            return only
        }
        guard let object = json as? [String: Any] else { return nil }
        if isManifest(object) { return object }
        let items = object.objects("value")
        if items.count == 1, let only = items.first, isManifest(only) { return only }
        return nil
    }


    static func parse(json: Any, path: String) throws -> AppRegistration {
        guard let object = applicationObject(in: json) else {
            throw InputError(path: path, problem: "is JSON but not an app manifest (no appId with redirect URIs, permissions or credentials)")
        }
        if isGraphPowerShell(object) {
            var reader = LegacyManifestReader(dialect: .graphPowerShell)
            return reader.microsoftGraph(object)
        }
        var reader = LegacyManifestReader(dialect: .standard)
        return detectFormat(object) == .aadGraph ? reader.aadGraph(object) : reader.microsoftGraph(object)
    }

    /// The deprecation doc's own rule: `replyUrlsWithType` means AAD Graph, `implicitGrantSettings` Microsoft Graph.
    static func detectFormat(_ object: [String: Any]) -> ManifestFormat {
        if isGraphPowerShell(object) { return .microsoftGraph }
        if object["replyUrlsWithType"] != nil || object["replyUrls"] != nil || object["oauth2AllowImplicitFlow"] != nil
            || object["oauth2AllowIdTokenImplicitFlow"] != nil {
            return .aadGraph
        }
        if object["web"] != nil || object["spa"] != nil || object["publicClient"] is [String: Any] || object["displayName"] != nil {
            return .microsoftGraph
        }
        return object["name"] != nil ? .aadGraph : .microsoftGraph
    }

    /// Old exports put the description, base64-encoded UTF-16LE, in `customKeyIdentifier`.
    static func decodedKeyIdentifier(_ base64: String) -> String? {
        guard let data = Data(base64Encoded: base64), let text = String(data: data, encoding: .utf16LittleEndian),
              !text.isEmpty, text.unicodeScalars.allSatisfy({ !VisibleText.isInvisible($0) || $0 == " " }) else { return nil }
        return text
    }
}

/// Reads fields by their model name, checking JSON types, and collects a problem for every field
/// that is present but unusable. In the Graph PowerShell dialect a key is looked up PascalCased
/// (`redirectUris` → `RedirectUris`), then in the object's `AdditionalProperties` as camelCase.
/// Paths in problems are written with the file's own key names.
struct LegacyManifestReader {
    let dialect: ManifestDialect
    var problems: [ManifestFieldProblem] = []

    init(dialect: ManifestDialect) { self.dialect = dialect }

    // MARK: the two formats

    mutating func aadGraph(_ object: [String: Any]) -> AppRegistration {
        var uris: [RedirectURI] = []
        for entry in objects(object, "replyUrlsWithType", at: "") ?? [] {
            guard let item = objectItem(entry) else { continue }
            let at = entry.path
            guard let url = string(item, "url", at: at) else { continue }
            let platform: RedirectPlatform = switch string(item, "type", at: at)?.lowercased() {
            case "spa": .spa
            case "installedclient": .publicClient
            default: .web
            }
            uris.append(RedirectURI(uri: url, platform: platform))
        }
        // "App registrations (Legacy)" exports: a plain `replyUrls` list, all web.
        if uris.isEmpty { uris = strings(object, "replyUrls", at: "").map { RedirectURI(uri: $0, platform: .web) } }
        let appId = string(object, "appId", at: "")
        let objectId = string(object, "id", at: "") ?? string(object, "objectId", at: "")
        let displayName = string(object, "name", at: "") ?? string(object, "displayName", at: "")
        let audience = string(object, "signInAudience", at: "")
            ?? bool(object, "availableToOtherTenants", at: "").map { $0 ? "AzureADMultipleOrgs" : "AzureADMyOrg" }
        let access = bool(object, "oauth2AllowImplicitFlow", at: "")
        let id = bool(object, "oauth2AllowIdTokenImplicitFlow", at: "")
        let (credentials, credentialsUnreadable) = passwordCredentials(object, start: "startDate", end: "endDate")
        let permissions = permissions(object)
        return AppRegistration(
            format: .aadGraph, appId: appId, objectId: objectId, displayName: displayName, signInAudience: audience,
            redirectURIs: uris, implicitAccessToken: access, implicitIdToken: id, passwordCredentials: credentials,
            requiredPermissions: permissions, passwordCredentialsUnreadable: credentialsUnreadable,
            dialect: dialect, fieldProblems: problems)
    }

    mutating func microsoftGraph(_ object: [String: Any]) -> AppRegistration {
        let appId = string(object, "appId", at: "")
        let objectId = string(object, "id", at: "")
        let displayName = string(object, "displayName", at: "")
        let audience = string(object, "signInAudience", at: "")
        var uris: [RedirectURI] = []
        var access: Bool?, id: Bool?
        if let (web, at) = self.object(object, "web", at: "") {
            uris += strings(web, "redirectUris", at: at).map { RedirectURI(uri: $0, platform: .web) }
            if let (implicit, at) = self.object(web, "implicitGrantSettings", at: at) {
                access = bool(implicit, "enableAccessTokenIssuance", at: at)
                id = bool(implicit, "enableIdTokenIssuance", at: at)
            }
        }
        if let (spa, at) = self.object(object, "spa", at: "") {
            uris += strings(spa, "redirectUris", at: at).map { RedirectURI(uri: $0, platform: .spa) }
        }
        if let (client, at) = self.object(object, "publicClient", at: "") {
            uris += strings(client, "redirectUris", at: at).map { RedirectURI(uri: $0, platform: .publicClient) }
        }
        let (credentials, credentialsUnreadable) = passwordCredentials(object, start: "startDateTime", end: "endDateTime")
        let permissions = permissions(object)
        return AppRegistration(
            format: .microsoftGraph, appId: appId, objectId: objectId, displayName: displayName, signInAudience: audience,
            redirectURIs: uris, implicitAccessToken: access, implicitIdToken: id, passwordCredentials: credentials,
            requiredPermissions: permissions, passwordCredentialsUnreadable: credentialsUnreadable,
            dialect: dialect, fieldProblems: problems)
    }

    mutating func passwordCredentials(_ object: [String: Any], start: String, end: String) -> ([PasswordCredential], Bool) {
        guard let items = objects(object, "passwordCredentials", at: "") else {
            return ([], isPresent(object, "passwordCredentials"))
        }
        return (items.map { entry in
            // An entry that is not an object is a secret of unknown state, not no secret.
            guard let item = objectItem(entry) else { return PasswordCredential(startUnreadable: true, endUnreadable: true) }
            let at = entry.path
            let displayName = string(item, "displayName", at: at)
                ?? string(item, "customKeyIdentifier", at: at).flatMap(MGAuditCore.ManifestParser.decodedKeyIdentifier)
            let (startDate, startUnreadable) = date(item, start, at: at)
            let (endDate, endUnreadable) = date(item, end, at: at)
            return PasswordCredential(keyId: string(item, "keyId", at: at), displayName: displayName, hint: string(item, "hint", at: at),
                                      start: startDate, end: endDate, startUnreadable: startUnreadable, endUnreadable: endUnreadable)
        }, false)
    }

    mutating func permissions(_ object: [String: Any]) -> [RequestedPermission] {
        var result: [RequestedPermission] = []
        for entry in objects(object, "requiredResourceAccess", at: "") ?? [] {
            guard let resource = objectItem(entry) else { continue }
            let resourceAppId = string(resource, "resourceAppId", at: entry.path) ?? ""
            for entry in objects(resource, "resourceAccess", at: entry.path) ?? [] {
                guard let access = objectItem(entry) else { continue }
                let at = entry.path
                guard let id = string(access, "id", at: at) else { continue }
                let typeName = string(access, "type", at: at)
                let type: PermissionType
                switch typeName?.lowercased() {
                case "role": type = .application
                case "scope": type = .delegated
                default:
                    // Neither Scope nor Role: which kind of permission this is is unknown.
                    problems.append(ManifestFieldProblem(field: path(at, key(access, "type")), expected: .permissionType,
                                                         found: typeName == nil ? .null : .string, value: typeName.map(Self.excerpt)))
                    continue
                }
                result.append(RequestedPermission(resourceAppId: resourceAppId.lowercased(), id: id.lowercased(), type: type))
            }
        }
        return result
    }

    // MARK: typed access

    /// The key as the file writes it, and the object it is in (`AdditionalProperties` for
    /// PowerShell's extra properties).
    func key(_ object: [String: Any], _ name: String) -> String {
        guard dialect == .graphPowerShell else { return name }
        let pascal = name.prefix(1).uppercased() + name.dropFirst()
        if object[pascal] != nil { return pascal }
        if object.object("AdditionalProperties")?[name] != nil { return "AdditionalProperties.\(name)" }
        return pascal
    }

    func isPresent(_ object: [String: Any], _ name: String) -> Bool { lookup(object, name, at: "") != nil }

    /// The value and its path; nil when the key is absent or null.
    func lookup(_ object: [String: Any], _ name: String, at parent: String) -> (Any, String)? {
        let written = key(object, name)
        var value = object[written]
        if value == nil, dialect == .graphPowerShell { value = object.object("AdditionalProperties")?[name] }
        guard let value, !Self.isNull(value) else { return nil }
        return (value, path(parent, written))
    }

    func path(_ parent: String, _ key: String) -> String { parent.isEmpty ? key : "\(parent).\(key)" }

    mutating func wrongType(_ value: Any, at path: String, expected: ManifestFieldProblem.Expected) {
        let found = Self.type(of: value)
        let shown: String? = switch found {
        case .string: (value as? String).map(Self.excerpt)
        case .number, .bool: Self.excerpt("\(value)")
        default: nil
        }
        problems.append(ManifestFieldProblem(field: path, expected: expected, found: found, value: shown))
    }

    mutating func string(_ object: [String: Any], _ name: String, at parent: String) -> String? {
        guard let (value, at) = lookup(object, name, at: parent) else { return nil }
        guard let text = value as? String else { wrongType(value, at: at, expected: .string); return nil }
        return text
    }

    mutating func bool(_ object: [String: Any], _ name: String, at parent: String) -> Bool? {
        guard let (value, at) = lookup(object, name, at: parent) else { return nil }
        guard Self.type(of: value) == .bool, let flag = (value as? NSNumber)?.boolValue ?? (value as? Bool) else {
            wrongType(value, at: at, expected: .bool)
            return nil
        }
        return flag
    }

    mutating func object(_ object: [String: Any], _ name: String, at parent: String) -> ([String: Any], String)? {
        guard let (value, at) = lookup(object, name, at: parent) else { return nil }
        guard let inner = value as? [String: Any] else { wrongType(value, at: at, expected: .object); return nil }
        return (inner, at)
    }

    /// A list of strings. A lone string is reported and still read as a one-item list: the URI it
    /// holds is audited rather than lost.
    mutating func strings(_ object: [String: Any], _ name: String, at parent: String) -> [String] {
        guard let (value, at) = lookup(object, name, at: parent) else { return [] }
        if let text = value as? String {
            wrongType(value, at: at, expected: .stringList)
            return [text]
        }
        guard let list = value as? [Any] else { wrongType(value, at: at, expected: .stringList); return [] }
        var result: [String] = []
        for (index, item) in list.enumerated() {
            if let text = item as? String { result.append(text) } else { wrongType(item, at: "\(at)[\(index)]", expected: .string) }
        }
        return result
    }

    /// A list's items with their paths; nil when absent or not a list (reported). Items are not
    /// judged here: the caller takes each with `objectItem`, so problems come out in file order.
    mutating func objects(_ object: [String: Any], _ name: String, at parent: String) -> [(value: Any, path: String)]? {
        guard let (value, at) = lookup(object, name, at: parent) else { return nil }
        guard let list = value as? [Any] else { wrongType(value, at: at, expected: .objectList); return nil }
        return list.enumerated().map { ($1, "\(at)[\($0)]") }
    }

    /// An item of `objects` as an object; nil (reported, unless null) when it is not one.
    mutating func objectItem(_ item: (value: Any, path: String)) -> [String: Any]? {
        if let inner = item.value as? [String: Any] { return inner }
        if !(item.value is NSNull) { wrongType(item.value, at: item.path, expected: .object) }
        return nil
    }

    /// A credential date; `unreadable` when present but not a date Entra writes. Windows
    /// PowerShell 5.1 may wrap it as `{"value": "/Date(ms)/", "DateTime": "…"}`.
    mutating func date(_ object: [String: Any], _ name: String, at parent: String) -> (Date?, unreadable: Bool) {
        guard let (value, at) = lookup(object, name, at: parent) else { return (nil, false) }
        var text = value as? String
        var textPath = at
        if text == nil, let wrapped = value as? [String: Any], let inner = wrapped["value"] as? String {
            text = inner
            textPath = "\(at).value"
        }
        guard let text else { wrongType(value, at: at, expected: .dateTime); return (nil, true) }
        guard let parsed = EntraDate.parseTimestamp(text) else {
            problems.append(ManifestFieldProblem(field: textPath, expected: .dateTime, found: .string, value: Self.excerpt(text)))
            return (nil, true)
        }
        return (parsed, false)
    }

    // MARK: helpers

    /// `true`/`false` decoded by JSONSerialization are NSNumbers of this class, unlike 0 and 1.
    private static let booleanClass = ObjectIdentifier(Swift.type(of: NSNumber(value: true)))

    /// `value is NSNull`, asked last: testing a Swift array or dictionary against a class first
    /// bridges it (the whole subtree, copied into NSArray/NSDictionary), which was most of the
    /// manifest reader's cost. No value of these Swift types is an NSNull.
    static func isNull(_ value: Any) -> Bool {
        switch value {
        case is String, is [String: Any], is [Any]: false
        default: value is NSNull
        }
    }

    static func type(of value: Any) -> ManifestFieldProblem.JSONType {
        // NSNull last, for the reason `isNull` gives; no value is two of these.
        switch value {
        case is String: return .string
        case is [Any]: return .list
        case is [String: Any]: return .object
        case is NSNull: return .null
        default: break
        }
        if Swift.type(of: value) == Bool.self { return .bool }
        if let number = value as? NSNumber {
            return ObjectIdentifier(Swift.type(of: number)) == booleanClass ? .bool : .number
        }
        return .object
    }

    /// A value as a problem shows it: at most 60 characters, secrets masked, invisible characters
    /// as code points.
    static func excerpt(_ text: String) -> String {
        let short = text.count > 60 ? String(text.prefix(60)) + "…" : text
        return VisibleText.escape(Redaction.redact(short), keepInnerSpaces: true)
    }
}


/// Reads Graph exports of the service principal's grants: `appRoleAssignments` (application
/// permissions) and `oauth2PermissionGrants` (delegated, `scope` holds names, not ids).
enum LegacyConsentParser {
    /// What an export grants, and the fields of it that could not be read (wrong JSON types:
    /// never dropped silently, they become `input-field-invalid` problems).
    typealias Export = ConsentParser.Export

    static func recognise(_ json: Any) -> Export? {
        let items: [[String: Any]]
        if let object = json as? [String: Any] {
            items = object.objects("value")
            // An empty list is still a real answer ("nothing granted") when the context says so.
            if items.isEmpty, let context = object.string("@odata.context") {
                if context.contains("appRoleAssignment") { return .appRoleAssignments([]) }
                if context.contains("oauth2PermissionGrants") { return .permissionGrants(admin: [], user: []) }
                return nil
            }
        } else if let list = json as? [Any] {
            items = list.compactMap { $0 as? [String: Any] }
        } else {
            return nil
        }
        guard !items.isEmpty else { return nil }
        // Paths name the items as the file holds them: `value[0]` in a Graph response, `[0]` in a list.
        let prefix = json is [Any] ? "" : "value"
        var reader = LegacyManifestReader(dialect: .standard)
        if items.allSatisfy({ $0["appRoleId"] != nil }) {
            let ids = items.enumerated().compactMap { index, item in
                reader.string(item, "appRoleId", at: "\(prefix)[\(index)]")?.lowercased()
            }
            return .appRoleAssignments(ids, problems: reader.problems)
        }
        if items.allSatisfy({ $0["scope"] != nil && $0["consentType"] != nil }) {
            var admin: [String] = [], user: [String] = []
            for (index, item) in items.enumerated() {
                let at = "\(prefix)[\(index)]"
                let scope = reader.string(item, "scope", at: at)
                // A grant whose type cannot be read is neither admin nor user consent.
                guard let consentType = reader.string(item, "consentType", at: at) else { continue }
                let scopes = (scope ?? "").split(whereSeparator: \.isWhitespace).map(String.init)
                if consentType == "AllPrincipals" { admin += scopes } else { user += scopes }
            }
            return .permissionGrants(admin: admin, user: user, problems: reader.problems)
        }
        return nil
    }

    /// A service principal object (the enterprise application), given alongside the grants.
    static func isServicePrincipal(_ json: Any) -> Bool {
        guard let object = json as? [String: Any] else { return false }
        return object["servicePrincipalType"] != nil || (object["appId"] != nil && object["appRoleAssignmentRequired"] != nil)
    }
}

/// main's structured-sheet test over `JSONSerialization`'s values.
enum LegacyStructuredSheet {
    static func isStructured(_ object: Any?) -> Bool {
        guard let dictionary = object as? [String: Any] else { return false }
        if let kind = dictionary["kind"] as? String { return kind == StructuredSheet.kind }
        return dictionary["uri1"] != nil && dictionary["uri2"] != nil
    }
}
