import Foundation

/// Finds the shipped `rules/` folder when `--rules` is not given.
public enum RulePackLocator {
    public static let environmentVariable = "MGAUDIT_RULES"

    /// `$MGAUDIT_RULES`, else the first `rules/mailgates-m365.yaml` (or, for an installed binary,
    /// `share/mgaudit/rules/mailgates-m365.yaml`) found walking up from the executable's folder,
    /// then from the current folder (covers `swift run`, `.build/debug/mgaudit`, tests run from the
    /// package root, and `/usr/local/bin/mgaudit` with `/usr/local/share/mgaudit/rules`).
    public static func defaultDirectory(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        executable: URL? = Bundle.main.executableURL,
        currentDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    ) -> URL? {
        if let configured = environment[environmentVariable], !configured.isEmpty {
            return URL(fileURLWithPath: configured)
        }
        let starts = [executable?.resolvingSymlinksInPath().deletingLastPathComponent(), currentDirectory].compactMap { $0 }
        for start in starts {
            if let found = search(upFrom: start) { return found }
        }
        return nil
    }

    static func search(upFrom start: URL) -> URL? {
        var directory = start.standardizedFileURL
        for _ in 0..<12 {
            for candidate in [directory.appendingPathComponent("rules"),
                              directory.appendingPathComponent("share/mgaudit/rules")]
            where FileManager.default.fileExists(atPath: candidate.appendingPathComponent(RulePackLoader.packFileName).path) {
                return candidate
            }
            let parent = directory.deletingLastPathComponent()
            if parent.path == directory.path { break }
            directory = parent
        }
        return nil
    }
}
