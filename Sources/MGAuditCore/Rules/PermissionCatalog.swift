import Foundation

/// One permission of one resource API, as a manifest's `requiredResourceAccess` refers to it.
public struct CatalogPermission: Sendable, Hashable {
    public var resourceAppId: String
    public var resourceName: String
    public var name: String
    public var type: PermissionType
    public var id: String
    public var adminConsentRequired: Bool
}

/// The permission names and GUIDs of the resource APIs this setup meets (rules/graph-permissions.yaml).
/// Lookups are by exact GUID (lower-cased): public code is full of near-miss GUIDs, which must stay unknown.
public struct PermissionCatalog: Sendable, Hashable {
    public static let fileName = "graph-permissions.yaml"
    public static let microsoftGraphAppId = "00000003-0000-0000-c000-000000000000"
    public static let azureADGraphAppId = "00000002-0000-0000-c000-000000000000"

    public var resources: [Resource]
    public var sourcePath: String

    public struct Resource: Sendable, Hashable, Decodable {
        public var name: String
        public var appId: String
        public var permissions: [Entry]
    }

    public struct Entry: Sendable, Hashable, Decodable {
        public struct Variant: Sendable, Hashable, Decodable {
            public var id: String
            public var adminConsent: Bool?
        }
        public var name: String
        public var delegated: Variant?
        public var application: Variant?
    }

    private struct File: Decodable {
        var resources: [Resource]
    }

    public init(resources: [Resource], sourcePath: String = "") {
        self.resources = resources
        self.sourcePath = sourcePath
    }

    public static func load(from url: URL) throws -> PermissionCatalog {
        let file = try YAMLFile.decode(File.self, from: url)
        return PermissionCatalog(resources: file.resources, sourcePath: url.path)
    }

    /// Loads `graph-permissions.yaml` from a rules directory.
    public static func load(directory: URL) throws -> PermissionCatalog {
        try load(from: directory.appendingPathComponent(fileName))
    }

    public func resource(appId: String) -> Resource? {
        let key = appId.lowercased()
        return resources.first { $0.appId.lowercased() == key }
    }

    /// The permission a manifest entry `{resourceAppId, id, type}` means, if known.
    public func permission(resourceAppId: String, id: String, type: PermissionType) -> CatalogPermission? {
        guard let resource = resource(appId: resourceAppId) else { return nil }
        let key = id.lowercased()
        for entry in resource.permissions {
            if let variant = variant(entry, type), variant.id.lowercased() == key {
                return make(resource, entry, type, variant)
            }
        }
        return nil
    }

    /// Every permission of a resource with this GUID, of either type (used to say "this id exists, but as the other type").
    public func permissions(resourceAppId: String, id: String) -> [CatalogPermission] {
        [PermissionType.delegated, .application].compactMap { permission(resourceAppId: resourceAppId, id: id, type: $0) }
    }

    /// The permission with this name and type on a resource (Microsoft Graph by default).
    public func permission(named name: String, type: PermissionType, resourceAppId: String = microsoftGraphAppId) -> CatalogPermission? {
        guard let resource = resource(appId: resourceAppId),
              let entry = resource.permissions.first(where: { $0.name == name }),
              let variant = variant(entry, type) else { return nil }
        return make(resource, entry, type, variant)
    }

    public func id(named name: String, type: PermissionType, resourceAppId: String = microsoftGraphAppId) -> String? {
        permission(named: name, type: type, resourceAppId: resourceAppId)?.id
    }

    private func variant(_ entry: Entry, _ type: PermissionType) -> Entry.Variant? {
        switch type {
        case .delegated: entry.delegated
        case .application: entry.application
        }
    }

    private func make(_ resource: Resource, _ entry: Entry, _ type: PermissionType, _ variant: Entry.Variant) -> CatalogPermission {
        // Application permissions always need admin consent; delegated ones say so in the catalog.
        let admin = variant.adminConsent ?? (type == .application)
        return CatalogPermission(resourceAppId: resource.appId.lowercased(), resourceName: resource.name, name: entry.name,
                                 type: type, id: variant.id.lowercased(), adminConsentRequired: admin)
    }
}
