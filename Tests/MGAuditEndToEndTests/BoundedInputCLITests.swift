import Foundation
import MGAuditTestSupport
import Testing

/// Tiny hostile files beside good tenants, through the built binary: each is refused with one line
/// naming it (exit 2) in well under a second, and the other tenants of the run are still audited.
@Suite struct BoundedInputCLITests {
    static let aliasBomb: String = {
        var text = #"a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]"# + "\n"
        let names = Array("abcdefghi")
        for level in 1..<names.count {
            text += "\(names[level]): &\(names[level]) [" + Array(repeating: "*\(names[level - 1])", count: 9).joined(separator: ",") + "]\n"
        }
        return text
    }()

    @Test func hostileFilesAreRefusedAndTheOtherTenantsAudited() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("mgaudit-e2e-bounds-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let manifest = try Data(contentsOf: MGAuditBinary.packageRoot.appendingPathComponent("Samples/tenants/clean/manifest.json"))
        let overflow = StoredZip.workbook(worksheet: """
        <row r="9223372036854775807"><c r="A1" t="inlineStr"><is><t>Microsoft 365_リダイレクトURI1</t></is></c></row><row><c/></row>
        """)
        let tenants: [String: [String: Data]] = [
            "bomb": ["manifest.json": manifest, "notes.yaml": Data(Self.aliasBomb.utf8)],
            "settings-bomb": ["manifest.json": manifest,
                              "mailgates-settings.yaml": Data(("applicationId: d23f0824-128b-4f33-8c5c-7fd0a6a3a450\n" + Self.aliasBomb).utf8)],
            "xlsx-overflow": ["manifest.json": manifest, "sheet.xlsx": overflow],
            "good": ["manifest.json": manifest],
        ]
        for (tenant, files) in tenants {
            let folder = root.appendingPathComponent(tenant)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for (name, data) in files { try data.write(to: folder.appendingPathComponent(name)) }
        }
        let paths = tenants.keys.sorted().map { root.appendingPathComponent($0).path }
        let start = Date()
        let result = try MGAuditBinary.run(["check"] + paths + ["--as-of", "2026-12-01", "--lang", "en"])
        #expect(Date().timeIntervalSince(start) < 10)
        #expect(result.status == 2)
        for tenant in tenants.keys { #expect(result.stdout.contains("== Tenant: \(tenant) ==")) }
        #expect(!result.stderr.contains("Fatal error") && !result.stderr.contains("Backtrace"))
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.contains { $0.contains("bomb/notes.yaml") && $0.contains("refused: YAML expands to more than") })
        #expect(lines.contains { $0.contains("settings-bomb/mailgates-settings.yaml") && $0.contains("refused: YAML aliases") })
        #expect(lines.contains { $0.contains("xlsx-overflow/sheet.xlsx") && $0.contains("XLSX row number '9223372036854775807' is out of range") })
    }
}
