import Foundation
import Testing
@testable import MGAuditCore

/// Seeded mutations of every sample (flipped bytes, cut files, inserted junk): each parser must
/// either parse or throw an `InputError`/`NoOAuthErrorFound` naming the file, never trap.
@Suite struct MutatedInputTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// SplitMix64: a tiny deterministic generator so failures reproduce.
    struct Seeded: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static func sampleFiles(_ folder: String) -> [URL] {
        let base = root.appendingPathComponent(folder)
        guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else { return [] }
        return walker.compactMap { $0 as? URL }.filter { !$0.hasDirectoryPath && !$0.lastPathComponent.hasPrefix(".") }
            .sorted { $0.path < $1.path }
    }

    static func mutate(_ data: Data, _ random: inout Seeded) -> Data {
        var bytes = [UInt8](data)
        guard !bytes.isEmpty else { return data }
        switch random.next() % 4 {
        case 0:
            for _ in 0..<8 { bytes[Int(random.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: random.next()) }
        case 1:
            bytes = Array(bytes.prefix(Int(random.next() % UInt64(bytes.count))))
        case 2:
            let at = Int(random.next() % UInt64(bytes.count))
            bytes.insert(contentsOf: Array("\u{3000}\u{200B}{[<!DOCTYPE x [<!ENTITY a \"b\">]>".utf8), at: at)
        default:
            bytes = bytes.reversed()
        }
        return Data(bytes)
    }

    @Test func mutatedTenantFilesNeverTrap() throws {
        var random = Seeded(state: 20_261_127)
        let pack = try RulePackLoader.load(directory: Self.root.appendingPathComponent("rules"))
        let engine = try RuleEngine(pack: pack)
        let asOf = try #require(EntraDate.parse("2026-12-01"))
        var parsed = 0, refused = 0
        for file in Self.sampleFiles("Samples/tenants") + Self.sampleFiles("Samples/sheets") {
            let data = try Data(contentsOf: file)
            for _ in 0..<6 {
                let mutated = Self.mutate(data, &random)
                do {
                    if let (_, value) = try InputSniffer.parse(mutated, path: file.path) {
                        parsed += 1
                        var bundle = TenantBundle(name: "fuzz")
                        if case .manifest(let app) = value { bundle.manifest = app }
                        if case .sheet(let sheet) = value { bundle.sheet = sheet }
                        _ = engine.audit(bundle, asOf: asOf)
                    }
                } catch let error as InputError {
                    refused += 1
                    #expect(error.path.hasPrefix(file.path))  // a workbook part is named as book.xlsx!xl/…
                    #expect(!error.problem.isEmpty)
                }
            }
        }
        #expect(parsed > 0 && refused > 0)
    }

    @Test func mutatedErrorTextsNeverTrap() throws {
        var random = Seeded(state: 42)
        let catalog = try AADSTSCatalog.load(directory: Self.root.appendingPathComponent("rules"))
        let asOf = try #require(EntraDate.parse("2026-12-01"))
        var triaged = 0
        for file in Self.sampleFiles("Samples/errors") where !file.path.contains("/tenants/") {
            let data = try Data(contentsOf: file)
            for _ in 0..<8 {
                let text = String(decoding: Self.mutate(data, &random), as: UTF8.self)
                if let report = try? Triage.run(text: text, source: file.lastPathComponent, catalog: catalog, asOf: asOf) {
                    triaged += 1
                    _ = TriageMarkdownRenderer.render(report, language: .ja)
                    _ = TriageJSONRenderer.render(report, language: .en)
                }
            }
        }
        #expect(triaged > 0)
    }
}
