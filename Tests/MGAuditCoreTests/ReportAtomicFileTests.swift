import Foundation
import Testing
@testable import MGAuditCore

@Suite struct ReportAtomicFileTests {
    private func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("mgaudit-atomic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func writesAndReplacesLeavingNoTemporaryFile() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("report.json")
        try AtomicFile.write(Data("old".utf8), to: file)
        try AtomicFile.write(Data("new report".utf8), to: file)
        #expect(FileManager.default.contents(atPath: file.path) == Data("new report".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["report.json"])
    }

    @Test func writesEmptyData() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("empty.txt")
        try AtomicFile.write(Data(), to: file)
        #expect(FileManager.default.contents(atPath: file.path) == Data())
    }

    @Test func errorNamesThePath() throws {
        let missing = URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)/report.html")
        #expect {
            try AtomicFile.write(Data("x".utf8), to: missing)
        } throws: { error in
            guard let error = error as? FileWriteError else { return false }
            return error.path == missing.path && "\(error)".hasPrefix(missing.path + ": ")
        }
    }

    @Test func targetThatIsADirectoryFailsAndCleansUp() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = directory.appendingPathComponent("taken")
        try FileManager.default.createDirectory(at: target.appendingPathComponent("inside"), withIntermediateDirectories: true)
        #expect(throws: FileWriteError.self) { try AtomicFile.write(Data("x".utf8), to: target) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["taken"])
    }
}
