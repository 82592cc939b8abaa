import Foundation

/// Reads an app manifest in either portal format (or `az ad app show` / Graph output) into one
/// `AppRegistration`. The format is told from the content, never from the file name.
public enum ManifestParser {
    /// Whether a decoded JSON value looks like an application object of either format.
    static func isManifest(_ object: [String: Any]) -> Bool {
        let tells = ["replyUrlsWithType", "requiredResourceAccess", "oauth2AllowImplicitFlow", "web", "spa",
                     "publicClient", "signInAudience", "passwordCredentials"]
        return object["appId"] != nil && tells.contains { object[$0] != nil }
            || object["replyUrlsWithType"] != nil || object.object("web")?["implicitGrantSettings"] != nil
    }

    /// The application object inside a Graph list response (`{"value": [app]}`), or the object itself.
    static func applicationObject(in json: Any) -> [String: Any]? {
        guard let object = json as? [String: Any] else { return nil }
        if isManifest(object) { return object }
        let items = object.objects("value")
        if items.count == 1, let only = items.first, isManifest(only) { return only }
        return nil
    }

    public static func parse(data: Data, path: String) throws -> AppRegistration {
        let (text, _) = try TextDecoding.decode(data, path: path, allowShiftJIS: false)
        return try parse(json: try JSONDocument.parse(text, path: path), path: path)
    }

    static func parse(json: Any, path: String) throws -> AppRegistration {
        guard let object = applicationObject(in: json) else {
            throw InputError(path: path, problem: "is JSON but not an app manifest (no appId with redirect URIs, permissions or credentials)")
        }
        return detectFormat(object) == .aadGraph ? parseAADGraph(object) : parseMicrosoftGraph(object)
    }

    /// The deprecation doc's own rule: `replyUrlsWithType` means AAD Graph, `implicitGrantSettings` Microsoft Graph.
    static func detectFormat(_ object: [String: Any]) -> ManifestFormat {
        if object["replyUrlsWithType"] != nil || object["replyUrls"] != nil || object["oauth2AllowImplicitFlow"] != nil
            || object["oauth2AllowIdTokenImplicitFlow"] != nil {
            return .aadGraph
        }
        if object["web"] != nil || object["spa"] != nil || object["publicClient"] is [String: Any] || object["displayName"] != nil {
            return .microsoftGraph
        }
        return object["name"] != nil ? .aadGraph : .microsoftGraph
    }

    static func parseAADGraph(_ object: [String: Any]) -> AppRegistration {
        var uris = object.objects("replyUrlsWithType").compactMap { item -> RedirectURI? in
            guard let url = item.string("url") else { return nil }
            let platform: RedirectPlatform = switch item.string("type")?.lowercased() {
            case "spa": .spa
            case "installedclient": .publicClient
            default: .web
            }
            return RedirectURI(uri: url, platform: platform)
        }
        // "App registrations (Legacy)" exports: a plain `replyUrls` list, all web.
        if uris.isEmpty { uris = object.strings("replyUrls").map { RedirectURI(uri: $0, platform: .web) } }
        return AppRegistration(
            format: .aadGraph,
            appId: object.string("appId"),
            objectId: object.string("id") ?? object.string("objectId"),
            displayName: object.string("name") ?? object.string("displayName"),
            signInAudience: object.string("signInAudience") ?? legacyAudience(object),
            redirectURIs: uris,
            implicitAccessToken: object.bool("oauth2AllowImplicitFlow"),
            implicitIdToken: object.bool("oauth2AllowIdTokenImplicitFlow"),
            passwordCredentials: object.objects("passwordCredentials").map { credential($0, start: "startDate", end: "endDate") },
            requiredPermissions: permissions(object)
        )
    }

    static func parseMicrosoftGraph(_ object: [String: Any]) -> AppRegistration {
        let web = object.object("web") ?? [:]
        let implicit = web.object("implicitGrantSettings") ?? [:]
        var uris = web.strings("redirectUris").map { RedirectURI(uri: $0, platform: .web) }
        uris += (object.object("spa") ?? [:]).strings("redirectUris").map { RedirectURI(uri: $0, platform: .spa) }
        uris += (object.object("publicClient") ?? [:]).strings("redirectUris").map { RedirectURI(uri: $0, platform: .publicClient) }
        return AppRegistration(
            format: .microsoftGraph,
            appId: object.string("appId"),
            objectId: object.string("id"),
            displayName: object.string("displayName"),
            signInAudience: object.string("signInAudience"),
            redirectURIs: uris,
            implicitAccessToken: implicit.bool("enableAccessTokenIssuance"),
            implicitIdToken: implicit.bool("enableIdTokenIssuance"),
            passwordCredentials: object.objects("passwordCredentials").map { credential($0, start: "startDateTime", end: "endDateTime") },
            requiredPermissions: permissions(object)
        )
    }

    /// Pre-2019 exports say `availableToOtherTenants` instead of `signInAudience`.
    static func legacyAudience(_ object: [String: Any]) -> String? {
        object.bool("availableToOtherTenants").map { $0 ? "AzureADMultipleOrgs" : "AzureADMyOrg" }
    }

    static func credential(_ item: [String: Any], start: String, end: String) -> PasswordCredential {
        PasswordCredential(
            keyId: item.string("keyId"),
            displayName: item.string("displayName") ?? item.string("customKeyIdentifier").flatMap(decodedKeyIdentifier),
            hint: item.string("hint"),
            start: item.string(start).flatMap(EntraDate.parse),
            end: item.string(end).flatMap(EntraDate.parse)
        )
    }

    /// Old exports put the description, base64-encoded UTF-16LE, in `customKeyIdentifier`.
    static func decodedKeyIdentifier(_ base64: String) -> String? {
        guard let data = Data(base64Encoded: base64), let text = String(data: data, encoding: .utf16LittleEndian),
              !text.isEmpty, text.unicodeScalars.allSatisfy({ !VisibleText.isInvisible($0) || $0 == " " }) else { return nil }
        return text
    }

    static func permissions(_ object: [String: Any]) -> [RequestedPermission] {
        object.objects("requiredResourceAccess").flatMap { resource -> [RequestedPermission] in
            let resourceAppId = resource.string("resourceAppId") ?? ""
            return resource.objects("resourceAccess").compactMap { access in
                guard let id = access.string("id") else { return nil }
                let type: PermissionType = access.string("type")?.lowercased() == "role" ? .application : .delegated
                return RequestedPermission(resourceAppId: resourceAppId.lowercased(), id: id.lowercased(), type: type)
            }
        }
    }
}
