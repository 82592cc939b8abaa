import Foundation

/// The run-scope suppressions of `check` (and of `batch`, given its tenant folders):
/// `--suppressions FILE` and an `mgaudit.yml` given as a path (`check DIR/*` lists it) hold for
/// every tenant; the `mgaudit.yml` of the folder holding a tenant folder holds for the tenants of
/// that folder. Every file is read and its rule ids checked before any tenant is audited: a broken
/// one stops the run (exit 2, one line naming file and line).
public struct RunSuppressions: Sendable {
    /// The paths that are tenants: suppression files given as paths are not.
    public private(set) var tenantPaths: [String] = []
    /// The suppression files read, which `--output` must not replace.
    public private(set) var files: [String] = []
    /// Sources of the entries that matched a finding somewhere in the run.
    public var used: Set<String> = []
    /// Files that hold for every tenant, and their entries.
    private var global: Set<String> = []
    private var everyTenant: [Suppression] = []
    private var byFile: [String: [Suppression]] = [:]
    /// Tenant folder -> the run file beside it.
    private var besideFile: [String: String] = [:]
    /// `init(everyTenantBeside:)`: the run file beside every tenant of the run (DIR's), if DIR has one.
    private var besideEveryTenant: String?
    private var all: [Suppression] = []

    /// `paths`: the command's paths (tenant folders and files, suppression files given as paths);
    /// `option`: `--suppressions FILE`. Throws the first file's problem (`InputError`, file and line).
    public init(paths: [String], option: String?, engine: RuleEngine) throws {
        var isFolder: ObjCBool = false
        var listed: [String] = []
        // The run file of each parent folder, looked up once (`batch DIR` has one parent for all its tenants).
        var runFileIn: [String: String?] = [:]
        for path in paths {
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
            if exists, !isFolder.boolValue, SuppressionFile.isSuppressionFile(path) {
                listed.append(path)
                continue
            }
            tenantPaths.append(path)
            if exists, isFolder.boolValue, let file = SuppressionFile.runFile(besideTenant: path, folders: &runFileIn) {
                besideFile[path] = file
            }
        }
        // The folder's file that DIR/* lists is the file beside its tenants: it holds for those only.
        let besideFiles = Set(besideFile.values)
        let globalFiles = Self.unique((option.map { [$0] } ?? []) + listed.filter { !besideFiles.contains($0) })
        try load(globalFiles: globalFiles, besideFiles: tenantPaths.compactMap { besideFile[$0] }, engine: engine)
    }

    /// `batch DIR`: every tenant is a folder found in DIR (`BatchPlan.foldersOf`), so DIR's run file
    /// is looked up once, beside `firstTenant` (the same lookup `init(paths:)` makes for each), and
    /// holds for every tenant; no tenant path is looked at or kept (`tenantPaths` stays empty).
    public init(everyTenantBeside firstTenant: String, option: String?, engine: RuleEngine) throws {
        besideEveryTenant = SuppressionFile.runFile(besideTenant: firstTenant)
        try load(globalFiles: option.map { [$0] } ?? [], besideFiles: besideEveryTenant.map { [$0] } ?? [], engine: engine)
    }

    /// Reads and checks every file, the global ones first.
    private mutating func load(globalFiles: [String], besideFiles: [String], engine: RuleEngine) throws {
        global = Set(globalFiles)
        for file in Self.unique(globalFiles + besideFiles) {
            let entries = try SuppressionFile.load(path: file, scope: .run)
            try engine.validate(entries)
            files.append(file)
            byFile[file] = entries
            all += entries
        }
        everyTenant = globalFiles.flatMap { byFile[$0] ?? [] }
    }

    /// The run-scope entries that hold for the tenant at `path` (with `init(everyTenantBeside:)`,
    /// `path` is one of that run's tenants).
    public func forTenant(_ path: String) -> [Suppression] {
        guard let file = besideEveryTenant ?? besideFile[path], !global.contains(file) else { return everyTenant }
        return everyTenant + (byFile[file] ?? [])
    }

    /// The run's entries that matched no finding in any tenant (after every tenant was assessed
    /// and its `usedSuppressions` added to `used`).
    public var unused: [SuppressionNote] { Suppression.unusedRunNotes(all, used: used) }

    private static func unique(_ files: [String]) -> [String] {
        var seen: Set<String> = []
        return files.filter { seen.insert($0).inserted }
    }
}
