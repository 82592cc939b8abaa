import Foundation

/// `mgaudit report`: the JSON Lines of one or more `batch` runs (the shards of a fleet) read back
/// as tenant results and merged into one sorted sequence, without auditing anything again. Each
/// file is read in step (a k-way merge of files that are each in name order), so memory stays flat.
public final class ResultsMerge {
    /// The day and language the files were written for; every line of every file must agree.
    public private(set) var asOf: String?
    public private(set) var language: Language?
    public private(set) var hasBaseline = false
    private var heads: [(result: TenantResult, reader: Int)] = []
    private let readers: [JSONLines.Reader]
    private var lastName: (name: String, path: String)?

    public init(paths: [String]) throws {
        readers = try paths.map { try JSONLines.Reader(path: $0) }
        for index in readers.indices { try pull(index) }
        guard !heads.isEmpty else {
            throw InputError(path: paths.joined(separator: ", "), problem: "no tenant lines: nothing to report")
        }
    }

    /// The next tenant in name order; nil when every file is read. Throws on a line that is not a
    /// tenant of `batch --jsonl`, on files for different days or languages, and on a tenant that two
    /// files both hold (overlapping shards), naming the file and line.
    public func next() throws -> TenantResult? {
        guard let smallest = heads.indices.min(by: { heads[$0].result.name.utf8.lexicographicallyPrecedes(heads[$1].result.name.utf8) }) else {
            return nil
        }
        let (result, reader) = heads.remove(at: smallest)
        if let lastName, lastName.name == result.name {
            throw InputError(path: readers[reader].path, problem: "tenant '\(result.name)' is in \(lastName.path) too: overlapping shards", line: readers[reader].lineNumber)
        }
        if let lastName, !lastName.name.utf8.lexicographicallyPrecedes(result.name.utf8) {
            throw InputError(path: readers[reader].path, problem: "tenants are not in name order (as batch writes them)", line: readers[reader].lineNumber)
        }
        lastName = (result.name, readers[reader].path)
        try pull(reader)
        return result
    }

    private func pull(_ index: Int) throws {
        let reader = readers[index]
        guard let line = try reader.next() else { return }
        let decoded: ResultLine
        do {
            decoded = try JSONDecoder().decode(ResultLine.self, from: line)
        } catch {
            throw InputError(path: reader.path, problem: "not a tenant line of mgaudit batch --jsonl (\(JSONLines.describe(error)))", line: reader.lineNumber)
        }
        if let asOf, asOf != decoded.asOf {
            throw InputError(path: reader.path, problem: "written as of \(decoded.asOf), the other results as of \(asOf)", line: reader.lineNumber)
        }
        guard let lineLanguage = Language(rawValue: decoded.language) else {
            throw InputError(path: reader.path, problem: "unknown language '\(decoded.language)'", line: reader.lineNumber)
        }
        if let language, language != lineLanguage {
            throw InputError(path: reader.path, problem: "written in \(lineLanguage.rawValue), the other results in \(language.rawValue)", line: reader.lineNumber)
        }
        asOf = decoded.asOf
        language = lineLanguage
        if decoded.fixed != nil { hasBaseline = true }
        heads.append((decoded.result, index))
    }

    /// One line as `JSONLinesReport` writes it; texts are in the file's one language.
    private struct ResultLine: Decodable {
        var asOf: String
        var language: String
        var name: String
        var inputs: [InputFile]
        var findings: [FindingLine]
        var fixed: [FixedFinding]?
        var suppressed: [SuppressedLine]?
        var secrets: [SecretEnd]?

        var result: TenantResult {
            TenantResult(name: name, inputs: inputs, findings: findings.map(\.finding),
                         suppressed: (suppressed ?? []).map {
                             SuppressedFinding(finding: $0.finding.finding, reason: $0.reason, source: $0.source, until: $0.until)
                         },
                         fixed: fixed ?? [], secrets: secrets ?? [])
        }
    }

    private struct SuppressedLine: Decodable {
        var finding: FindingLine
        var reason: String
        var source: String
        var until: String?
    }

    private struct FindingLine: Decodable {
        var rule: String
        var severity: Severity
        var subject: String
        var title: String
        var message: String
        var evidence: [String: EvidenceValue]
        var guideStep: String
        var fix: String?
        var related: [String]?
        var fingerprint: String
        var change: FindingChange?
        var location: SourceLocation?
        var fixCommands: [String: String]?

        var finding: Finding {
            var finding = Finding(rule: rule, severity: severity, subject: subject, title: .same(title), message: .same(message),
                                  evidence: evidence, guideStep: .same(guideStep), fix: fix.map { .same($0) }, related: related ?? [],
                                  fingerprint: fingerprint, change: change, location: location)
            if let commands = fixCommands, let az = commands["az"], let powershell = commands["powershell"], let graph = commands["graph"] {
                finding.commands = FindingCommands(az: .same(az), powershell: .same(powershell), graph: .same(graph))
            }
            return finding
        }
    }
}
