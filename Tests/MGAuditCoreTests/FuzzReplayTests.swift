import Foundation
import MGAuditCore
import Testing

/// Replays every input the fuzzers found (`Fuzz/regressions/TARGET/*`) through the same library
/// call as its libFuzzer target (`Fuzz/Sources/TARGET/`): each must return or throw, never trap,
/// within a generous time bound. Inputs that still trap live in `Fuzz/regressions-pending/` (a
/// trap would take the whole test process down) and move here once fixed. See Fuzz/README.md.
@Suite struct FuzzReplayTests {
    static let fuzz = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fuzz")
    static let rules = fuzz.deletingLastPathComponent().appendingPathComponent("rules")

    /// The fuzz targets, as named by the folders under Fuzz/Sources, Fuzz/regressions and `run.sh`.
    static let targets = ["manifest", "graphps", "consent", "settings", "sheet-text", "sheet-html",
                          "sheet-xlsx", "sheet-yaml", "triage", "rulepack"]

    /// Seconds one input may take; the fuzzers' own bound is 10 s under AddressSanitizer.
    static let timeLimit: Double = 30

    struct Case: CustomTestStringConvertible, Sendable {
        var target: String
        var file: URL
        var testDescription: String { "\(target)/\(file.lastPathComponent)" }
    }

    static func files(in folder: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { folder.appendingPathComponent($0) }
    }

    static var cases: [Case] {
        files(in: fuzz.appendingPathComponent("regressions")).flatMap { folder in
            files(in: folder).map { Case(target: folder.lastPathComponent, file: $0) }
        }
    }

    /// The library call of each fuzz target; keep in step with `fuzzOne` in Fuzz/Sources/TARGET/.
    /// Thrown errors are the expected outcome for most inputs and are ignored.
    static func replay(target: String, data: Data, catalog: PermissionCatalog) {
        switch target {
        case "manifest", "graphps", "consent", "settings":
            _ = try? InputSniffer.parse(data, path: "fuzz-\(target)")
        case "sheet-text", "sheet-html", "sheet-xlsx", "sheet-yaml":
            _ = try? NotificationSheetParser.parse(data, path: "fuzz-\(target)")
        case "triage":
            guard let text = try? TextDecoding.decode(data, path: "fuzz-triage.txt").text else { return }
            _ = try? OAuthErrorParser.parse(text, source: "fuzz-triage.txt")
        case "rulepack":
            guard let text = try? TextDecoding.decode(data, path: "fuzz-rulepack.yaml", allowShiftJIS: false).text else { return }
            _ = try? RulePackLoader.parse(text: text, path: "fuzz-rulepack.yaml", catalog: catalog)
        default:
            break
        }
    }

    @Test func regressionFoldersAreTargets() {
        for parent in ["regressions", "regressions-pending"] {
            for folder in Self.files(in: Self.fuzz.appendingPathComponent(parent)) {
                #expect(Self.targets.contains(folder.lastPathComponent), "\(parent)/\(folder.lastPathComponent) is not a fuzz target")
            }
        }
    }

    @Test(arguments: cases) func replayReturnsOrThrows(_ replayCase: Case) throws {
        let data = try Data(contentsOf: replayCase.file)
        let catalog = (try? PermissionCatalog.load(directory: Self.rules)) ?? PermissionCatalog(resources: [])
        let done = DispatchSemaphore(value: 0)
        let started = Date()
        // On a thread of its own, so that a hang fails this case instead of stalling the suite.
        let worker = Thread {
            Self.replay(target: replayCase.target, data: data, catalog: catalog)
            done.signal()
        }
        worker.stackSize = 8 * 1024 * 1024  // as the fuzzers' main thread: deep inputs recurse alike
        worker.start()
        let finished = done.wait(timeout: .now() + Self.timeLimit) == .success
        #expect(finished, "\(replayCase.testDescription) still running after \(Int(Self.timeLimit)) s")
        if finished {
            #expect(Date().timeIntervalSince(started) < Self.timeLimit)
        }
    }
}
