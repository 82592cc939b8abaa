import Foundation
import Testing

/// Compares output with a golden file under `Fixtures/<directory>/` beside the calling test file.
///
/// To accept new output after an intended change, run
///     MGAUDIT_UPDATE_GOLDEN=1 swift test --filter <Suite>
/// which rewrites the golden files instead of comparing; review them with `git diff` and commit.
/// Files are read and written in the source tree (via `#filePath`), not the test bundle, so an
/// update is visible to git at once.
public enum GoldenFile {
    public static let updateVariable = "MGAUDIT_UPDATE_GOLDEN"

    public static var isUpdating: Bool {
        ProcessInfo.processInfo.environment[updateVariable] == "1"
    }

    public static func url(_ name: String, directory: String = "golden", filePath: String = #filePath) -> URL {
        URL(fileURLWithPath: filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures").appendingPathComponent(directory).appendingPathComponent(name)
    }

    /// Records an issue naming the first differing line when `actual` differs from the file.
    public static func check(
        _ actual: String, against name: String, directory: String = "golden",
        filePath: String = #filePath, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let file = url(name, directory: directory, filePath: filePath)
        if isUpdating {
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: file)
            return
        }
        guard let data = FileManager.default.contents(atPath: file.path) else {
            Issue.record("golden file \(directory)/\(name) is missing; run with \(updateVariable)=1 to create it",
                         sourceLocation: sourceLocation)
            return
        }
        let expected = String(decoding: data, as: UTF8.self)
        guard expected != actual else { return }
        Issue.record(Comment(rawValue: firstDifference(expected: expected, actual: actual, name: name)),
                     sourceLocation: sourceLocation)
    }

    public static func firstDifference(expected: String, actual: String, name: String) -> String {
        let want = expected.components(separatedBy: "\n")
        let got = actual.components(separatedBy: "\n")
        for index in 0..<max(want.count, got.count) {
            let lhs = index < want.count ? want[index] : "<end of file>"
            let rhs = index < got.count ? got[index] : "<end of file>"
            if lhs != rhs {
                return "\(name) differs at line \(index + 1)\n  golden: \(lhs)\n  actual: \(rhs)\n"
                    + "(run with \(updateVariable)=1 to accept the new output)"
            }
        }
        return "\(name) differs (line ends or trailing newline)"
    }
}
