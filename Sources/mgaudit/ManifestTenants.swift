import ArgumentParser
import Foundation
import MGAuditCLI
import MGAuditCore

/// The tenants of `secrets` and `calendar`: each PATH loaded as `check` loads it. Names the
/// tenants without a readable manifest; when none has one, says so in one line and exits 2.
struct ManifestTenants {
    var bundles: [TenantBundle] = []
    /// The paths the run reads, so that `-o` never replaces one.
    var inputs: [String]
    var missing: [TenantBundle] { bundles.filter { $0.manifest == nil } }

    init(paths: [String], extraInputs: [String] = []) throws {
        inputs = paths + extraInputs
        for path in paths {
            let bundle = RunProblems.loadTenant(path: path)
            inputs += bundle.inputs.map(\.path)
            bundles.append(bundle)
        }
        let missing = missing
        if missing.count == bundles.count {
            let names = missing.map { VisibleText.terminal($0.name) }.joined(separator: ", ")
            Console.error("mgaudit: no app manifest could be read in \(names)")
            throw ExitCode(2)
        }
    }

    /// One stderr line per tenant without a manifest, then exit 2 when there was one.
    func finish() throws {
        let missing = missing
        for bundle in missing {
            Console.error("mgaudit: \(VisibleText.terminal(bundle.name)): no app manifest could be read")
        }
        if !missing.isEmpty { throw ExitCode(2) }
    }
}
