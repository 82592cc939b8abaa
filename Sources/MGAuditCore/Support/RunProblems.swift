import Foundation

/// The input problems of one run that make its exit code 2, each as the one stderr line that
/// names the file and what is wrong. A run never stops at a bad path: the path becomes a tenant
/// whose only finding says why (`input-unreadable`), the other paths are still audited, and the
/// exit code is 2 at the end.
///
/// Which problems stop a clean exit is decided in one place, `InputProblem.failsTheRun`.
public struct RunProblems: Sendable, Hashable {
    /// One line per problem, in the order found, without the program name and without duplicates.
    public private(set) var lines: [String] = []

    public init() {}

    public var isEmpty: Bool { lines.isEmpty }

    /// Records the problems of a loaded tenant that stop a clean exit.
    public mutating func record(_ bundle: TenantBundle) {
        for problem in bundle.problems where problem.failsTheRun {
            add(problem.description)
        }
    }

    mutating func add(_ line: String) {
        if !lines.contains(line) { lines.append(line) }
    }

    /// Files given once for every tenant (`--sheet FILE`) must exist: a missing one would make every
    /// tenant fail the same way, so it stops the run (exit 2) before anything is audited.
    /// `-` (standard input) is not a path and is not checked here.
    public static func requireExplicitFiles(_ files: [String]) throws {
        for file in files where file != "-" && !FileManager.default.fileExists(atPath: file) {
            throw InputError(path: file, problem: "no such file")
        }
    }

    /// Loads one tenant for an audit (with its input inventory, `TenantLoader.loadForCheck`) and
    /// never throws: a path that cannot be loaded at all (missing, not listable) becomes a tenant
    /// named after the path whose only input is that path, unreadable.
    public static func loadTenant(path: String, explicit: [TenantLoader.ExplicitInput] = []) -> TenantBundle {
        loadTenantKeepingSources(path: path, explicit: explicit).bundle
    }

    /// `loadTenant`, and the bytes of the files read (`TenantLoader.loadForCheckKeepingSources`).
    public static func loadTenantKeepingSources(path: String, explicit: [TenantLoader.ExplicitInput] = [])
        -> (bundle: TenantBundle, sources: SourceFiles) {
        do {
            return try TenantLoader.loadForCheckKeepingSources(path: path, explicit: explicit)
        } catch let error as InputError {
            return (unloadable(path: path, error: error), SourceFiles())
        } catch {
            return (unloadable(path: path, error: InputError(path: path, problem: "cannot be read (\(error))")), SourceFiles())
        }
    }

    static func unloadable(path: String, error: InputError) -> TenantBundle {
        TenantBundle(name: path, inputs: [InputFile(path: error.path, kind: .unreadable)],
                     problems: [InputProblem(path: error.path, kind: .unreadable, detail: error.problem)])
    }
}
