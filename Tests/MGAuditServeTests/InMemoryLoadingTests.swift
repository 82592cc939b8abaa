import Foundation
import Testing
@testable import MGAuditCore

/// The in-memory entry point that `mgaudit serve` will load uploads through: the same bundle as
/// the path loader for the same bytes, and the same bounds.
@Suite struct InMemoryLoadingTests {
    static let tenant = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Samples/tenants/clean")

    @Test func uploadsSniffLikeTheirFiles() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.tenant.path).filter { !$0.hasPrefix(".") }.sorted()
        let inputs = try names.map { name in
            TenantLoader.ExplicitInput.inMemory(name: name, data: try Data(contentsOf: Self.tenant.appendingPathComponent(name)))
        }
        let memory = TenantLoader.load(name: "upload", inMemory: inputs, forCheck: true)
        let disk = try TenantLoader.loadForCheck(path: Self.tenant.path)
        #expect(memory.manifest != nil)
        let memoryKinds: [String] = memory.inputs.map(\.kind.rawValue).sorted()
        let diskKinds: [String] = disk.inputs.map(\.kind.rawValue).sorted()
        #expect(memoryKinds == diskKinds)
        #expect(memory.problems.count == disk.problems.count)
        #expect(memory.inputs.allSatisfy { names.contains($0.path) })
    }

    @Test func anOversizedUploadIsRefusedAsAFileIs() {
        let big = Data(repeating: 0x20, count: 64)
        let bundle = TextDecoding.$maximumInputBytes.withValue(16) {
            TenantLoader.load(name: "upload", inMemory: [.inMemory(name: "big.json", data: big)], forCheck: true)
        }
        #expect(bundle.manifest == nil)
        #expect(bundle.problems.contains { $0.path == "big.json" && $0.detail.contains("refused: file larger than 16 bytes") })
    }

    @Test func nothingUploadedIsNeverAnAllClear() {
        let none = TenantLoader.load(name: "upload", inMemory: [], forCheck: true)
        #expect(!none.problems.isEmpty)
        let junk = TenantLoader.load(name: "upload", inMemory: [.inMemory(name: "notes.txt", data: Data("hello".utf8))], forCheck: true)
        #expect(junk.problems.contains { $0.kind == .nothingRecognised && $0.path == "notes.txt" })
    }
}
