import Foundation

/// Where a finding's offending value is: the input file that holds it and the line it is on, for
/// SARIF locations and the `location` of JSON findings. Looks for the subject (then the `actual`
/// value of the evidence) in the tenant's inputs, as written in JSON (escaped, quoted) or as
/// plain text; a value found nowhere is placed at the manifest (or the first input), without a line.
public enum SourceLocator {
    /// Inputs are looked through in this order: the manifest first.
    static func rank(_ kind: InputKind) -> Int {
        switch kind {
        case .manifestMicrosoftGraph, .manifestAADGraph, .manifestGraphPowerShell: 0
        case .notificationSheet: 1
        case .gatewaySettings: 2
        case .consentAppRoleAssignments, .consentPermissionGrants, .servicePrincipal: 3
        default: 4
        }
    }

    /// `sources`: the bytes the load read (`SourceFiles`); a file not among them is read here.
    public static func locate(_ findings: inout [Finding], inputs: [InputFile], sources: SourceFiles = SourceFiles()) {
        guard !findings.isEmpty, !inputs.isEmpty else { return }
        let ordered = inputs.enumerated().sorted { (rank($0.element.kind), $0.offset) < (rank($1.element.kind), $1.offset) }.map(\.element)
        var texts: [String: [UInt8]] = [:]
        func bytes(_ input: InputFile) -> [UInt8]? {
            guard input.kind != .unreadable else { return nil }
            if let cached = texts[input.path] { return cached }
            // Read as bytes, bounded like every input; a file that cannot be read has no lines.
            guard let data = sources.data(input.path) else { return nil }
            let value = [UInt8](data)
            texts[input.path] = value
            return value
        }
        for index in findings.indices {
            let finding = findings[index]
            if case .string(let path)? = finding.evidence["path"], inputs.contains(where: { $0.path == path }) {
                findings[index].location = SourceLocation(path: path)
                continue
            }
            var needles: [String] = [finding.subject]
            if case .string(let actual)? = finding.evidence["actual"], actual != finding.subject { needles.append(actual) }
            var found: SourceLocation?
            search: for input in ordered {
                guard let haystack = bytes(input) else { continue }
                for needle in needles where !needle.isEmpty {
                    for form in forms(of: needle) {
                        if let line = line(of: form, in: haystack) {
                            found = SourceLocation(path: input.path, line: line)
                            break search
                        }
                    }
                }
            }
            findings[index].location = found ?? SourceLocation(path: ordered[0].path)
        }
    }

    /// The needle as a JSON string literal first (so `"abc"` does not match inside `"abcd"`), then plain.
    static func forms(of needle: String) -> [[UInt8]] {
        var literal = ""
        JSONWriter.appendString(needle, to: &literal)
        // JSONWriter writes invisible characters as escapes; a file may hold them raw.
        return [Array(literal.utf8), Array(needle.utf8)]
    }

    /// The 1-based line of the first occurrence of `needle`, or nil (a line break at the match's
    /// first byte counts): the match by `TextDecoding.firstOffset`, then the line breaks before it
    /// counted with `memchr`: no byte-by-byte loop in Swift.
    static func line(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        haystack.withUnsafeBufferPointer { hay -> Int? in
            needle.withUnsafeBufferPointer { pattern -> Int? in
                guard let offset = TextDecoding.firstOffset(of: pattern, in: hay) else { return nil }
                return 1 + lineBreaks(in: UnsafeBufferPointer(rebasing: hay[0...offset]))
            }
        }
    }

    /// The number of line feeds in `bytes`.
    static func lineBreaks(in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        var count = 0
        var from = 0
        while from < bytes.count, let hit = memchr(base + from, 0x0A, bytes.count - from) {
            count += 1
            from = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit)) + 1
        }
        return count
    }
}

/// The bytes of the files a tenant's load read, by path (`TenantLoader.loadForCheckKeepingSources`),
/// for what looks into the files again after the audit: the same bytes, not a second read.
public struct SourceFiles: Sendable {
    var bytes: [String: Data] = [:]
    /// The bytes kept so far.
    private(set) var keptBytes = 0
    /// At most this many bytes are kept per tenant: a folder of many large files holds no more
    /// than this in memory at once (as when each file was dropped after its parse); a file
    /// beyond it is read again when looked into.
    static let budget = 8 << 20

    public init() {}

    /// Keeps `data` as `path`'s bytes while the budget allows.
    mutating func keep(_ data: Data, of path: String) {
        guard data.count <= Self.budget - keptBytes else { return }
        bytes[path] = data
        keptBytes += data.count
    }

    /// The bytes the load read, else the file read now (bounded like every input); nil when it cannot be read.
    func data(_ path: String) -> Data? {
        if let kept = bytes[path] { return kept }
        return try? TextDecoding.readData(path: path)
    }
}
