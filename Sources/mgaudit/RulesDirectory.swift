import Foundation
import MGAuditCore

/// `--rules DIR`, or the bundled `rules/` found beside the executable or above the working folder.
enum RulesDirectory {
    static func resolve(_ option: String?) throws -> URL {
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
}
