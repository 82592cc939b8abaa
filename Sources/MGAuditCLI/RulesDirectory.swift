import Foundation
import MGAuditCore

/// `--rules DIR`, or the bundled `rules/` found beside the executable or above the working folder.
public enum RulesDirectory {
    public static func resolve(_ option: String?) throws -> URL {
        if let option {
            return URL(fileURLWithPath: option)
        }
        guard let found = RulePackLocator.defaultDirectory() else {
            throw UsageError("""
                cannot find the bundled rules/ folder (looked beside the executable, above the current folder \
                and in $\(RulePackLocator.environmentVariable)); pass --rules DIR
                """)
        }
        return found
    }

    /// The YAML files of a pack folder: inputs of the run, which `-o` must not replace.
    public static func files(_ directory: URL) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.map { directory.appendingPathComponent($0).path }
    }
}
