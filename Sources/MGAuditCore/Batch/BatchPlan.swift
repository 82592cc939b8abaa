import Foundation

/// Which tenant folders a batch audits, in report order: every sub-folder of DIR (hidden ones
/// left out), or the folders a `--list` file names, then only this shard's (`--shard I/N`).
/// Tenants are sorted by name (UTF-8 byte order), so every run, machine and shard agrees.
public struct BatchPlan: Sendable, Hashable {
    public struct Tenant: Sendable, Hashable {
        /// The folder's own name: the tenant's name in every report and fingerprint.
        public var name: String
        /// The whole path, or (`underLocation`) the folder holding it with its `/`, one string shared
        /// by every tenant of `folders(of:)`: a fleet of 10,000 holds one copy of DIR, not 10,000.
        private var location: String
        private var underLocation: Bool

        public init(name: String, path: String) {
            self.name = name
            location = path
            underLocation = false
        }

        /// The folder `name` in `parent`, which ends in `/`.
        init(name: String, parent: String) {
            self.name = name
            location = parent
            underLocation = true
        }

        public var path: String { underLocation ? location + name : location }

        /// The folder holding every tenant of a `folders(of:)` plan (with its `/`), else nil.
        var sharedParent: String? { underLocation ? location : nil }

        public static func == (left: Tenant, right: Tenant) -> Bool { left.name == right.name && left.path == right.path }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(name)
            hasher.combine(path)
        }
    }

    public var root: String
    public var tenants: [Tenant]

    public init(root: String, tenants: [Tenant]) {
        self.root = root
        self.tenants = tenants
    }

    /// Every sub-folder of `root`. Throws when `root` is no folder or cannot be listed.
    public static func folders(of root: String) throws -> BatchPlan {
        var info = stat()
        guard stat(root, &info) == 0 else { throw InputError(path: root, problem: "no such folder") }
        guard (info.st_mode & S_IFMT) == S_IFDIR else {
            throw InputError(path: root, problem: "not a folder: batch takes a folder of tenant folders (use check for one tenant)")
        }
        // Sorted once, by UTF-8 bytes, below (not also by the listing's String order).
        let listing = try TenantLoader.list(folder: root, sorted: false)
        let base = root.hasSuffix("/") ? root : root + "/"
        return BatchPlan(root: root, tenants: sorted(listing.folders.map { Tenant(name: $0, parent: base) }))
    }

    /// The folders named in `listFile`, one per line (blank lines and `#` comments skipped);
    /// a relative line is relative to `root`. Two folders with the same name are refused: the
    /// name is the tenant's identity in reports, baselines and fingerprints.
    public static func listed(in listFile: String, root: String) throws -> BatchPlan {
        let text = try TextDecoding.read(URL(fileURLWithPath: listFile)).text
        let base = root.hasSuffix("/") ? root : root + "/"
        var tenants: [Tenant] = []
        var seen: [String: String] = [:]
        for raw in text.split(omittingEmptySubsequences: true, whereSeparator: \.isNewline) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            var path = line.hasPrefix("/") ? line : base + line
            while path.count > 1, path.hasSuffix("/") { path.removeLast() }
            let name = URL(fileURLWithPath: path, isDirectory: true).lastPathComponent
            if let earlier = seen[name] {
                guard earlier != path else { continue }
                throw InputError(path: listFile, problem: "two tenant folders named '\(name)': \(earlier) and \(path)")
            }
            seen[name] = path
            tenants.append(Tenant(name: name, path: path))
        }
        return BatchPlan(root: root, tenants: sorted(tenants))
    }

    /// The folder holding every tenant when the plan is `folders(of:)`'s (each tenant a folder found
    /// there), for `RunSuppressions` to look up its run file once; nil for a `--list` plan.
    public var foldersOf: String? {
        guard let parent = tenants.first?.sharedParent, tenants.allSatisfy({ $0.sharedParent == parent }) else { return nil }
        return parent
    }

    /// This shard's tenants: those whose name hashes (FNV-1a, 64-bit) to `index` modulo `count`.
    /// The same name always lands in the same shard, whatever else is in the fleet.
    public func shard(_ shard: Shard) -> BatchPlan {
        BatchPlan(root: root, tenants: tenants.filter { shard.contains($0.name) })
    }

    static func sorted(_ tenants: [Tenant]) -> [Tenant] {
        tenants.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
    }
}

/// `--shard I/N`: shard I (0-based, as a Kubernetes Indexed Job's `JOB_COMPLETION_INDEX`) of N.
public struct Shard: Sendable, Hashable, CustomStringConvertible {
    public var index: Int
    public var count: Int

    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]),
              count >= 1, count <= 1_000_000, index >= 0, index < count else { return nil }
        self.index = index
        self.count = count
    }

    public func contains(_ name: String) -> Bool {
        Fingerprint.hash([name]) % UInt64(count) == UInt64(index)
    }

    public var description: String { "\(index)/\(count)" }
}
