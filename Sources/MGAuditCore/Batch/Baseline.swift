import Foundation

/// The findings of an earlier run (`--baseline PREVIOUS.jsonl`), by tenant, reduced to what a
/// comparison needs: fingerprint, rule, subject and severity. Only the tenants of this run are
/// kept, so a shard holds only its own part of a fleet's baseline.
public struct Baseline: Sendable {
    struct Entry: Sendable, Hashable, Decodable {
        var fingerprint: String
        var rule: String
        var subject: String
        var severity: Severity
    }

    private struct Line: Decodable {
        var name: String
        var findings: [Entry]
        var suppressed: [Suppressed]?
        struct Suppressed: Decodable {
            var finding: Entry
        }
    }

    /// Tenant -> its findings in the baseline, and the fingerprints it held back by suppression.
    private var findings: [String: [Entry]] = [:]
    private var suppressed: [String: Set<String>] = [:]
    public private(set) var tenantCount = 0

    /// Reads a JSON Lines file of `batch --jsonl`. `tenants`: the names this run audits (nil: all).
    /// A line that is no tenant of ours is an error naming the file and line.
    public static func load(path: String, tenants: Set<String>? = nil) throws -> Baseline {
        var baseline = Baseline()
        let decoder = JSONDecoder()
        var lineNumber = 0
        try JSONLines.forEachLine(path: path) { line in
            lineNumber += 1
            let decoded: Line
            do {
                decoded = try decoder.decode(Line.self, from: line)
            } catch {
                throw InputError(path: path, problem: "not a tenant line of mgaudit batch --jsonl (\(JSONLines.describe(error)))", line: lineNumber)
            }
            baseline.tenantCount += 1
            guard tenants?.contains(decoded.name) ?? true else { return }
            baseline.findings[decoded.name] = decoded.findings
            baseline.suppressed[decoded.name] = Set((decoded.suppressed ?? []).map(\.finding.fingerprint))
        }
        guard baseline.tenantCount > 0 else { throw InputError(path: path, problem: "empty: no tenant lines to compare with") }
        return baseline
    }

    /// Marks each finding `new` or `unchanged` and lists the baseline's findings that are gone as
    /// `fixed`. A tenant the baseline does not have is new as a whole. A finding held back by a
    /// suppression is neither fixed nor new: it is still there.
    public func compare(_ result: inout TenantResult) {
        let before = findings[result.name] ?? []
        let known = Set(before.map(\.fingerprint)).union(suppressed[result.name] ?? [])
        for index in result.findings.indices {
            result.findings[index].change = known.contains(result.findings[index].fingerprint) ? .unchanged : .new
        }
        let now = Set(result.findings.map(\.fingerprint)).union(result.suppressed.map(\.finding.fingerprint))
        result.fixed = before.filter { !now.contains($0.fingerprint) }.map {
            FixedFinding(rule: $0.rule, subject: $0.subject, severity: $0.severity, fingerprint: $0.fingerprint)
        }
    }
}

/// Reading JSON Lines as a stream: one value per line, blank lines skipped, `\r\n` accepted.
/// The file is read in chunks, so a fleet's results never sit in memory at once; one line may be
/// at most `maximumLineBytes` (a tenant line is a few kilobytes).
enum JSONLines {
    static let maximumLineBytes = 64 << 20
    static let chunkBytes = 1 << 20

    /// Pulls one line at a time (`mgaudit report` merges several files in step).
    final class Reader {
        let path: String
        private let handle: FileHandle
        private var pending = Data()
        private var atEnd = false
        /// The 1-based number of the line `next` returned last.
        private(set) var lineNumber = 0

        init(path: String) throws {
            self.path = path
            guard let handle = FileHandle(forReadingAtPath: path) else {
                throw InputError(path: path, problem: FileManager.default.fileExists(atPath: path) ? "cannot be read" : "no such file")
            }
            self.handle = handle
        }

        deinit { try? handle.close() }

        /// The next line that is not blank, without its line break; nil at the end.
        func next() throws -> Data? {
            while true {
                if let newline = pending.firstIndex(of: 0x0A) {
                    var line = pending[pending.startIndex..<newline]
                    pending = Data(pending[pending.index(after: newline)...])
                    lineNumber += 1
                    if line.last == 0x0D { line = line.dropLast() }
                    if line.contains(where: { $0 != 0x20 && $0 != 0x09 }) { return Data(line) }
                    continue
                }
                if atEnd {
                    guard !pending.isEmpty else { return nil }
                    let line = pending
                    pending = Data()
                    lineNumber += 1
                    if line.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) { return line }
                    return nil
                }
                if pending.count > maximumLineBytes {
                    throw InputError(path: path, problem: "line \(lineNumber + 1) is longer than \(TextDecoding.describe(maximumLineBytes))")
                }
                let chunk: Data
                do {
                    chunk = try handle.read(upToCount: chunkBytes) ?? Data()
                } catch {
                    throw InputError(path: path, problem: "cannot be read (\(error.localizedDescription))")
                }
                if chunk.isEmpty { atEnd = true } else { pending.append(chunk) }
            }
        }
    }

    static func forEachLine(path: String, _ body: (Data) throws -> Void) throws {
        let reader = try Reader(path: path)
        while let line = try reader.next() { try body(line) }
    }

    /// A decoding error in a few words (the key path and what was wrong), never the value.
    static func describe(_ error: Error) -> String {
        guard let error = error as? DecodingError else { return "not JSON" }
        switch error {
        case .keyNotFound(let key, _): return "no '\(key.stringValue)'"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "wrong type at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        case .dataCorrupted: return "not JSON"
        @unknown default: return "not JSON"
        }
    }
}
