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

/// `-o` decided before anything is written: never an input of the run, never a device, FIFO,
/// socket, folder or a symlink to standard output.
@Suite struct OutputTargetTests {
    private func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("mgaudit-output-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    private func refusal(_ output: String, inputs: [String] = []) -> String? {
        do {
            _ = try OutputTarget.resolve(output, inputs: inputs)
            return nil
        } catch let error as InputError {
            return error.description
        } catch {
            return "\(error)"
        }
    }

    @Test func standardOutputSpellings() throws {
        #expect(try OutputTarget.resolve(nil, inputs: []) == .standardOutput)
        #expect(try OutputTarget.resolve("-", inputs: []) == .standardOutput)
        #expect(try OutputTarget.resolve("/dev/stdout", inputs: []) == .standardOutput)
    }

    @Test func anInputOfTheRunIsRefusedUnderEverySpelling() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("manifest.json")
        try Data("{}".utf8).write(to: input)
        try FileManager.default.linkItem(at: input, to: directory.appendingPathComponent("hard.json"))
        try FileManager.default.createSymbolicLink(atPath: directory.appendingPathComponent("sym.json").path, withDestinationPath: "manifest.json")
        let spellings = [input.path, directory.path + "/./manifest.json", directory.path + "/../" + directory.lastPathComponent + "/manifest.json",
                         directory.appendingPathComponent("hard.json").path, directory.appendingPathComponent("sym.json").path]
        for output in spellings {
            let message = refusal(output, inputs: [input.path])
            #expect(message?.contains("is an input of this run") == true, "\(output): \(message ?? "accepted")")
            #expect(message?.hasPrefix(output + ": ") == true)
        }
        #expect(refusal(directory.appendingPathComponent("report.txt").path, inputs: [input.path]) == nil)
    }

    @Test func nonRegularFilesAreRefused() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fifo = directory.appendingPathComponent("fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let toStdout = directory.appendingPathComponent("to-stdout").path
        try FileManager.default.createSymbolicLink(atPath: toStdout, withDestinationPath: "/dev/stdout")
        let toNull = directory.appendingPathComponent("to-null").path
        try FileManager.default.createSymbolicLink(atPath: toNull, withDestinationPath: "/dev/null")
        for output in ["/dev/null", "/dev/tty", "/proc/self/fd/2", fifo, toStdout, toNull, directory.path, ""] {
            let message = refusal(output)
            #expect(message?.contains("refused as the output") == true, "\(output): \(message ?? "accepted")")
        }
        // Nothing was created beside them.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["fifo", "to-null", "to-stdout"])
    }

    @Test func aSocketIsRefused() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("s.sock").path
        #if canImport(Glibc)
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let descriptor = socket(AF_UNIX, SOCK_STREAM, 0)
        #endif
        #expect(descriptor >= 0)
        defer { close(descriptor) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        try #require(bytes.count < MemoryLayout.size(ofValue: address.sun_path))
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (index, byte) in bytes.enumerated() { buffer[index] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        #expect(bound == 0)
        #expect(refusal(path)?.contains("socket") == true)
        #expect(throws: FileWriteError.self) { try AtomicFile.write(Data("x".utf8), to: URL(fileURLWithPath: path)) }
    }

    @Test func atomicWriteRefusesADeviceAndKeepsTheTargetsPermissions() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fifo = directory.appendingPathComponent("fifo")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        #expect(throws: FileWriteError.self) { try AtomicFile.write(Data("x".utf8), to: fifo) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["fifo"])

        let report = directory.appendingPathComponent("report.txt")
        try Data("old".utf8).write(to: report)
        #expect(chmod(report.path, 0o600) == 0)
        try AtomicFile.write(Data("new".utf8), to: report)
        let mode = try FileManager.default.attributesOfItem(atPath: report.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }
}

/// A run goes on past a bad path: the path becomes a tenant saying so, one line per problem.
@Suite struct RunProblemsTests {
    @Test func aMissingPathBecomesAnUnreadableTenant() {
        let bundle = RunProblems.loadTenant(path: "/no/such/tenant-\(UUID().uuidString)")
        #expect(bundle.problems.map(\.kind) == [.unreadable])
        #expect(bundle.inputs.map(\.kind) == [.unreadable])
        var problems = RunProblems()
        problems.record(bundle)
        problems.record(bundle)
        #expect(problems.lines.count == 1)
        #expect(problems.lines.first?.hasSuffix(": no such file or folder") == true)
    }

    @Test func onlyUnreadableStopsACleanExit() {
        #expect(InputProblem(path: "a", kind: .unreadable, detail: "d").failsTheRun)
        #expect(!InputProblem(path: "a", kind: .unrecognised, detail: "d").failsTheRun)
        var problems = RunProblems()
        problems.record(TenantBundle(name: "t", problems: [InputProblem(path: "x.txt", kind: .unrecognised, detail: "not ours")]))
        #expect(problems.isEmpty)
    }

    @Test func aMissingExplicitFileStopsTheRun() {
        #expect(throws: InputError.self) { try RunProblems.requireExplicitFiles(["/no/such/sheet-\(UUID().uuidString).txt"]) }
        #expect(throws: Never.self) { try RunProblems.requireExplicitFiles(["-"]) }
    }
}

/// Terminal text: every control and bidi character as a code point, spaces kept.
@Suite struct TerminalTextTests {
    @Test func controlAndBidiCharactersAreShownAsCodePoints() {
        #expect(VisibleText.terminal("a\u{1B}[31mb") == "a⟨U+001B⟩[31mb")
        #expect(VisibleText.terminal("x\ry\nz\t") == "x⟨U+000D⟩y⟨U+000A⟩z⟨U+0009⟩")
        #expect(VisibleText.terminal("\u{9B}2J") == "⟨U+009B⟩2J")
        for bidi: UInt32 in [0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F] {
            let scalar = Unicode.Scalar(bidi).map(String.init) ?? ""
            #expect(VisibleText.terminal("a" + scalar + "b") == "a" + VisibleText.codePoint(Unicode.Scalar(bidi) ?? " ") + "b")
        }
        #expect(VisibleText.terminal(" mgaudit: a b ") == " mgaudit: a b ")
        #expect(VisibleText.terminal("開通通知書.txt") == "開通通知書.txt")
    }
}

/// The text report shows input-derived strings escaped and masks secrets.
@Suite struct TextReportSafetyTests {
    @Test func tenantNamesAndSubjectsCannotDriveTheTerminalOrLeakSecrets() throws {
        let jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlLXZhbHVl"
        let secret = "abc8Q~" + String(repeating: "x", count: 34)
        let finding = Finding(rule: "input-unreadable", severity: .error, subject: "evil\u{1B}]0;title\u{07}\(secret)",
                              title: LocalizedText(ja: "t", en: "t"), message: LocalizedText(ja: "m", en: "m"),
                              evidence: ["path": .string("a\u{202E}b \(jwt)")], guideStep: LocalizedText(ja: "g", en: "g"))
        let report = AuditReport(asOf: "2026-12-01", tenants: [
            TenantResult(name: "t\u{1B}[2J\rname", inputs: [InputFile(path: "x\u{9B}y.json", kind: .unreadable)], findings: [finding]),
        ])
        let text = try TextReport().output(report, language: .en)
        for scalar in text.unicodeScalars where scalar != "\n" {
            #expect(!(scalar.properties.generalCategory == .control || scalar.properties.generalCategory == .format),
                    "raw U+\(String(scalar.value, radix: 16)) in the text report")
        }
        #expect(!text.contains(jwt))
        #expect(!text.contains(secret))
        #expect(text.contains("⟨U+001B⟩"))
    }
}
