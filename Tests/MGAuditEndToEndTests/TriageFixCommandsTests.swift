import Foundation
import Testing

/// Triage with a tenant shows the tenant's findings with the fix commands of `mgaudit fix`, folded
/// under the finding in HTML, as `check --format html` does (and so does the serve desk's page).
@Suite struct TriageFixCommandsTests {
    static let error = "https://x.example/cb?error=invalid_client&error_description=AADSTS7000222%3A+The+provided+client+secret+keys+are+expired"

    @Test func aFixableTenantFindingCarriesItsCommands() throws {
        let result = try MGAuditBinary.run(["triage", Self.error, "--tenant", "Samples/tenants/secret-expired", "--format", "html",
                                            "--lang", "en", "--as-of", "2026-12-01"])
        #expect(result.stdout.contains("<details class=\"commands\">"))
        #expect(result.stdout.contains("az ad app credential reset"))
        #expect(result.stdout.contains("--append"))
        // Without a tenant there is nothing to fix.
        let bare = try MGAuditBinary.run(["triage", Self.error, "--format", "html", "--lang", "en", "--as-of", "2026-12-01"])
        #expect(!bare.stdout.contains("class=\"commands\""))
    }
}
