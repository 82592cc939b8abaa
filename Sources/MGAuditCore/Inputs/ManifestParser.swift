import Foundation

/// Reads an app manifest in either portal format (or `az ad app show` / Graph output, or Graph
/// PowerShell's `Get-MgApplication | ConvertTo-Json`) into one `AppRegistration`. The format is
/// told from the content, never from the file name. A field of the wrong JSON type or with an
/// unreadable value is never skipped silently: it becomes a `ManifestFieldProblem` and the rest
/// of the manifest is still read. Of a key written twice the last is read, as `JSONSerialization`
/// read it.
public enum ManifestParser {
    /// Whether a JSON object looks like an application object of either format, in camelCase or
    /// in Graph PowerShell's PascalCase.
    static func isManifest(_ object: OrderedJSON) -> Bool {
        let tells = ["replyUrlsWithType", "requiredResourceAccess", "oauth2AllowImplicitFlow", "web", "spa",
                     "publicClient", "signInAudience", "passwordCredentials"]
        if object.value(forKey: "appId") != nil && tells.contains(where: { object.value(forKey: $0) != nil })
            || object.value(forKey: "replyUrlsWithType") != nil || nested(object, "web", "implicitGrantSettings") {
            return true
        }
        return isGraphPowerShell(object)
    }

    /// `Get-MgApplication | ConvertTo-Json`: `AppId` with one of the PascalCase application properties.
    static func isGraphPowerShell(_ object: OrderedJSON) -> Bool {
        let tells = ["Web", "Spa", "PublicClient", "RequiredResourceAccess", "PasswordCredentials", "SignInAudience"]
        return object.value(forKey: "appId") == nil && object.value(forKey: "AppId") != nil && tells.contains { object.value(forKey: $0) != nil }
            || nested(object, "Web", "ImplicitGrantSettings")
    }

    /// Whether `outer` holds an object that has the key `inner` (null or not).
    private static func nested(_ object: OrderedJSON, _ outer: String, _ inner: String) -> Bool {
        guard let value = object.value(forKey: outer), case .object = value else { return false }
        return value.value(forKey: inner) != nil
    }

    /// The application object inside a Graph list response (`{"value": [app]}`), a one-item JSON
    /// list (`ConvertTo-Json -AsArray`), or the object itself.
    static func applicationObject(in json: OrderedJSON) -> OrderedJSON? {
        switch json {
        case .array(let list):
            guard list.count == 1, let only = list.first, case .object = only, isManifest(only) else { return nil }
            return only
        case .object:
            if isManifest(json) { return json }
            let items = objects(in: json.value(forKey: "value"))
            if items.count == 1, let only = items.first, isManifest(only) { return only }
            return nil
        default:
            return nil
        }
    }

    /// The objects of a list (its other items left out); none when `value` is not a list.
    static func objects(in value: OrderedJSON?) -> [OrderedJSON] {
        guard case .array(let list)? = value else { return [] }
        return list.filter { if case .object = $0 { true } else { false } }
    }

    public static func parse(data: Data, path: String) throws -> AppRegistration {
        let (text, _) = try TextDecoding.decode(data, path: path, allowShiftJIS: false)
        return try parse(json: try JSONDocument.parse(text, path: path), path: path)
    }

    static func parse(json: OrderedJSON, path: String) throws -> AppRegistration {
        guard let object = applicationObject(in: json) else {
            throw InputError(path: path, problem: "is JSON but not an app manifest (no appId with redirect URIs, permissions or credentials)")
        }
        return read(application: object)
    }

    /// The registration of an object `applicationObject` returned.
    static func read(application object: OrderedJSON) -> AppRegistration {
        if isGraphPowerShell(object) {
            var reader = ManifestReader(dialect: .graphPowerShell)
            return reader.microsoftGraph(object)
        }
        var reader = ManifestReader(dialect: .standard)
        return detectFormat(object) == .aadGraph ? reader.aadGraph(object) : reader.microsoftGraph(object)
    }

    /// The deprecation doc's own rule: `replyUrlsWithType` means AAD Graph, `implicitGrantSettings` Microsoft Graph.
    static func detectFormat(_ object: OrderedJSON) -> ManifestFormat {
        if isGraphPowerShell(object) { return .microsoftGraph }
        if ["replyUrlsWithType", "replyUrls", "oauth2AllowImplicitFlow", "oauth2AllowIdTokenImplicitFlow"].contains(where: { object.value(forKey: $0) != nil }) {
            return .aadGraph
        }
        let publicClientIsObject = if case .object? = object.value(forKey: "publicClient") { true } else { false }
        if object.value(forKey: "web") != nil || object.value(forKey: "spa") != nil || publicClientIsObject || object.value(forKey: "displayName") != nil {
            return .microsoftGraph
        }
        return object.value(forKey: "name") != nil ? .aadGraph : .microsoftGraph
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
struct ManifestReader {
    /// Where a value is, put into words only when a problem names it: a path as text, and the
    /// index of a list item after it.
    struct FieldPath: ExpressibleByStringLiteral {
        var base: String
        var index: Int?
        init(_ base: String, index: Int? = nil) {
            self.base = base
            self.index = index
        }
        init(stringLiteral base: String) { self.init(base) }
        var text: String { index.map { "\(base)[\($0)]" } ?? base }
    }

    let dialect: ManifestDialect
    var problems: [ManifestFieldProblem] = []

    init(dialect: ManifestDialect) { self.dialect = dialect }

    // MARK: the two formats

    mutating func aadGraph(_ object: OrderedJSON) -> AppRegistration {
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

    mutating func microsoftGraph(_ object: OrderedJSON) -> AppRegistration {
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

    mutating func passwordCredentials(_ object: OrderedJSON, start: String, end: String) -> ([PasswordCredential], Bool) {
        guard let items = objects(object, "passwordCredentials", at: "") else {
            return ([], isPresent(object, "passwordCredentials"))
        }
        return (items.map { entry in
            // An entry that is not an object is a secret of unknown state, not no secret.
            guard let item = objectItem(entry) else { return PasswordCredential(startUnreadable: true, endUnreadable: true) }
            let at = entry.path
            let displayName = string(item, "displayName", at: at)
                ?? string(item, "customKeyIdentifier", at: at).flatMap(ManifestParser.decodedKeyIdentifier)
            let (startDate, startUnreadable) = date(item, start, at: at)
            let (endDate, endUnreadable) = date(item, end, at: at)
            return PasswordCredential(keyId: string(item, "keyId", at: at), displayName: displayName, hint: string(item, "hint", at: at),
                                      start: startDate, end: endDate, startUnreadable: startUnreadable, endUnreadable: endUnreadable)
        }, false)
    }

    mutating func permissions(_ object: OrderedJSON) -> [RequestedPermission] {
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
    func key(_ object: OrderedJSON, _ name: String) -> String {
        guard dialect == .graphPowerShell else { return name }
        let pascal = name.prefix(1).uppercased() + name.dropFirst()
        if object.value(forKey: pascal) != nil { return pascal }
        if additionalProperties(object)?.value(forKey: name) != nil { return "AdditionalProperties.\(name)" }
        return pascal
    }

    /// PowerShell's `AdditionalProperties`, when it is an object.
    private func additionalProperties(_ object: OrderedJSON) -> OrderedJSON? {
        guard let inner = object.value(forKey: "AdditionalProperties"), case .object = inner else { return nil }
        return inner
    }

    func isPresent(_ object: OrderedJSON, _ name: String) -> Bool { lookup(object, name) != nil }

    /// The value and its key as the file writes it; nil when the key is absent or null.
    func lookup(_ object: OrderedJSON, _ name: String) -> (value: OrderedJSON, key: String)? {
        let written = key(object, name)
        var value = object.value(forKey: written)
        if value == nil, dialect == .graphPowerShell { value = additionalProperties(object)?.value(forKey: name) }
        guard let value, !value.isNull else { return nil }
        return (value, written)
    }

    func path(_ parent: FieldPath, _ key: String) -> String {
        let parent = parent.text
        return parent.isEmpty ? key : "\(parent).\(key)"
    }

    /// A value of the wrong type; strings, numbers and booleans are shown as the file writes them.
    mutating func wrongType(_ value: OrderedJSON, at path: String, expected: ManifestFieldProblem.Expected) {
        let shown: String? = switch value {
        case .string(let text), .number(let text): Self.excerpt(text)
        case .bool(let flag): Self.excerpt(flag ? "true" : "false")
        case .null, .array, .object: nil
        }
        problems.append(ManifestFieldProblem(field: path, expected: expected, found: Self.type(of: value), value: shown))
    }

    mutating func string(_ object: OrderedJSON, _ name: String, at parent: FieldPath) -> String? {
        guard let (value, key) = lookup(object, name) else { return nil }
        guard case .string(let text) = value else { wrongType(value, at: path(parent, key), expected: .string); return nil }
        return text
    }

    /// `true` or `false`; a number (0, 1) is reported, as JSONSerialization's booleans were told
    /// from its numbers.
    mutating func bool(_ object: OrderedJSON, _ name: String, at parent: FieldPath) -> Bool? {
        guard let (value, key) = lookup(object, name) else { return nil }
        guard case .bool(let flag) = value else { wrongType(value, at: path(parent, key), expected: .bool); return nil }
        return flag
    }

    mutating func object(_ object: OrderedJSON, _ name: String, at parent: FieldPath) -> (OrderedJSON, FieldPath)? {
        guard let (value, key) = lookup(object, name) else { return nil }
        let at = path(parent, key)
        guard case .object = value else { wrongType(value, at: at, expected: .object); return nil }
        return (value, FieldPath(at))
    }

    /// A list of strings. A lone string is reported and still read as a one-item list: the URI it
    /// holds is audited rather than lost.
    mutating func strings(_ object: OrderedJSON, _ name: String, at parent: FieldPath) -> [String] {
        guard let (value, key) = lookup(object, name) else { return [] }
        switch value {
        case .string(let text):
            wrongType(value, at: path(parent, key), expected: .stringList)
            return [text]
        case .array(let list):
            var result: [String] = []
            result.reserveCapacity(list.count)
            for (index, item) in list.enumerated() {
                if case .string(let text) = item {
                    result.append(text)
                } else {
                    wrongType(item, at: FieldPath(path(parent, key), index: index).text, expected: .string)
                }
            }
            return result
        default:
            wrongType(value, at: path(parent, key), expected: .stringList)
            return []
        }
    }

    /// A list's items with their paths; nil when absent or not a list (reported). Items are not
    /// judged here: the caller takes each with `objectItem`, so problems come out in file order.
    mutating func objects(_ object: OrderedJSON, _ name: String, at parent: FieldPath) -> [(value: OrderedJSON, path: FieldPath)]? {
        guard let (value, key) = lookup(object, name) else { return nil }
        let at = path(parent, key)
        guard case .array(let list) = value else { wrongType(value, at: at, expected: .objectList); return nil }
        return list.enumerated().map { ($1, FieldPath(at, index: $0)) }
    }

    /// An item of `objects` as an object; nil (reported, unless null) when it is not one.
    mutating func objectItem(_ item: (value: OrderedJSON, path: FieldPath)) -> OrderedJSON? {
        switch item.value {
        case .object: return item.value
        case .null: return nil
        default:
            wrongType(item.value, at: item.path.text, expected: .object)
            return nil
        }
    }

    /// A credential date; `unreadable` when present but not a date Entra writes. Windows
    /// PowerShell 5.1 may wrap it as `{"value": "/Date(ms)/", "DateTime": "…"}`.
    mutating func date(_ object: OrderedJSON, _ name: String, at parent: FieldPath) -> (Date?, unreadable: Bool) {
        guard let (value, key) = lookup(object, name) else { return (nil, false) }
        var text: String?
        var wrapped = false
        if case .string(let direct) = value {
            text = direct
        } else if case .object = value, let inner = value.string(forKey: "value") {
            text = inner
            wrapped = true
        }
        guard let text else { wrongType(value, at: path(parent, key), expected: .dateTime); return (nil, true) }
        guard let parsed = EntraDate.parseTimestamp(text) else {
            let at = path(parent, key)
            problems.append(ManifestFieldProblem(field: wrapped ? "\(at).value" : at, expected: .dateTime, found: .string, value: Self.excerpt(text)))
            return (nil, true)
        }
        return (parsed, false)
    }

    // MARK: helpers

    static func type(of value: OrderedJSON) -> ManifestFieldProblem.JSONType {
        switch value {
        case .string: .string
        case .number: .number
        case .bool: .bool
        case .array: .list
        case .object: .object
        case .null: .null
        }
    }

    /// A value as a problem shows it: at most 60 characters, secrets masked, invisible characters
    /// as code points.
    static func excerpt(_ text: String) -> String {
        let short = text.count > 60 ? String(text.prefix(60)) + "…" : text
        return VisibleText.escape(Redaction.redact(short), keepInnerSpaces: true)
    }
}
