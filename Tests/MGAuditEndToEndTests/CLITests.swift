import Foundation
import Testing

@Suite struct CLITests {
    @Test func versionRuns() throws {
        let result = try MGAuditBinary.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("0.1.0"))
    }
}
