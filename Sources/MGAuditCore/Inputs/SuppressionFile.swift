import Foundation
import Yams

/// Reads `mgaudit.yml`: the suppressions of a run (the file next to the tenant folders, or
/// `--suppressions FILE`) or of one tenant (the file inside its folder).
///
/// ```yaml
/// suppressions:
///   - rule: consent-unknown
///     tenant: "t000*"
///     subject: "https://…"
///     reason: exports collected quarterly
///     until: 2026-12-31
/// ```
///
/// Strict on purpose: a suppression hides findings, so a typo (`reasn:`, `untill:`, `2026-02-31`)
/// must stop the run with the file and line rather than hide more, or for longer, than meant.
/// Every problem is an `InputError` naming the file and the line. Whether `rule` is a rule of the
/// pack is the engine's to say (`RuleEngine.validate`): the file is read before a pack is known.
public enum SuppressionFile {
    /// The names a suppression file may have, in the order looked for.
    public static let fileNames = ["mgaudit.yml", "mgaudit.yaml"]
    /// Entries in one file: far beyond any real list, small enough to keep matching cheap.
    public static let maximumEntries = 10_000
    static let entryKeys = ["rule", "tenant", "subject", "reason", "until"]

    /// Whether a path's last component is `mgaudit.yml` or `mgaudit.yaml`.
    public static func isSuppressionFile(_ path: String) -> Bool {
        // Compared over the bytes: this is asked of every file of every tenant.
        let bytes = path.utf8
        return fileNames.contains { name in
            guard bytes.count >= name.utf8.count, bytes.reversed().starts(with: name.utf8.reversed()) else { return false }
            return bytes.count == name.utf8.count || bytes.dropLast(name.utf8.count).last == UInt8(ascii: "/")
        }
    }

    /// The run-scope file of a tenant folder: the suppression file of the folder that holds it, if
    /// there is one, so `check DIR/*` finds `DIR/mgaudit.yml`. The path keeps the form the folder
    /// was given in (`fleet/t0001` -> `fleet/mgaudit.yml`), as reports show it.
    public static func runFile(besideTenant folder: String) -> String? {
        var folders: [String: String?] = [:]
        return runFile(besideTenant: folder, folders: &folders)
    }

    /// The same, with each parent folder's answer kept in `folders` for the next tenant beside it.
    static func runFile(besideTenant folder: String, folders: inout [String: String?]) -> String? {
        func runFile(in parent: String) -> String? {
            if let known = folders[parent] { return known }
            let found = Self.runFile(in: parent)
            folders[parent] = found
            return found
        }
        var components = folder.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        if let last = components.last, last != ".", last != ".." {
            components.removeLast()
            let parent = (folder.hasPrefix("/") ? "/" : "") + components.joined(separator: "/")
            return runFile(in: parent.isEmpty ? "." : parent)
        }
        return runFile(in: URL(fileURLWithPath: folder).standardizedFileURL.deletingLastPathComponent().path)
    }

    /// `mgaudit.yml` (else `mgaudit.yaml`) in `folder` (`batch DIR`: the fleet's own file), if it is a file.
    public static func runFile(in folder: String) -> String? {
        for name in fileNames {
            let candidate = folder == "." ? name : folder.hasSuffix("/") ? folder + name : folder + "/" + name
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isFolder), !isFolder.boolValue { return candidate }
        }
        return nil
    }

    /// Reads and parses one file (bounded like every input: size, then the YAML scan).
    public static func load(path: String, scope: Suppression.Scope) throws -> [Suppression] {
        let data = try TextDecoding.readData(path: path)
        return try parse(data: data, path: path, scope: scope)
    }

    /// Parses a file's bytes (UTF-8 or UTF-16 with a BOM; no Shift_JIS guessing for a config file).
    public static func parse(data: Data, path: String, scope: Suppression.Scope) throws -> [Suppression] {
        try parse(text: TextDecoding.decode(data, path: path, allowShiftJIS: false).text, path: path, scope: scope)
    }

    public static func parse(text: String, path: String, scope: Suppression.Scope) throws -> [Suppression] {
        // A file of comments only (a template) holds no suppression; YAML would call it empty.
        let meaningful = text.split(whereSeparator: \.isNewline).contains { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            return !trimmed.isEmpty && !trimmed.hasPrefix("#") && trimmed != "---" && trimmed != "..."
        }
        guard meaningful else { return [] }
        let root = try YAMLFile.compose(text, path: path, limits: .inputFile)
        func fail(_ problem: String, _ node: Node?) -> InputError {
            InputError(path: path, problem: problem, line: node?.mark?.line ?? root.mark?.line)
        }
        guard let mapping = root.mapping else {
            throw fail("must be a mapping with the key 'suppressions:' (a list of entries)", root)
        }
        var list: Node?
        for (key, value) in mapping {
            let name = key.string ?? ""
            guard name == "suppressions" else {
                throw fail("unknown key '\(VisibleText.escape(name))'\(suggestion(for: name, among: ["suppressions"])) (known: suppressions)", key)
            }
            list = value
        }
        guard let list, list.null == nil else { return [] }
        guard let entries = list.sequence else {
            throw fail("'suppressions' must be a list of entries (- rule: …, reason: …)", list)
        }
        guard entries.count <= maximumEntries else {
            throw fail("more than \(maximumEntries) suppressions", list)
        }
        return try entries.map { try entry($0, path: path, scope: scope, fail: fail) }
    }

    static func entry(_ node: Node, path: String, scope: Suppression.Scope,
                      fail: (String, Node?) -> InputError) throws -> Suppression {
        guard let mapping = node.mapping else {
            throw fail("a suppression must be a mapping (rule: …, reason: …), not \(describe(node))", node)
        }
        var values: [String: (text: String, node: Node)] = [:]
        for (key, value) in mapping {
            let name = key.string ?? ""
            guard entryKeys.contains(name) else {
                throw fail("unknown key '\(VisibleText.escape(name))' in a suppression\(suggestion(for: name, among: entryKeys)) (known: \(entryKeys.joined(separator: ", ")))", key)
            }
            guard let scalar = value.scalar else { throw fail("'\(name)' must be one value, not \(describe(value))", value) }
            // `key:` with nothing (or `~`, `null`) is the key left out.
            if scalar.style == .plain, value.null != nil { continue }
            values[name] = (scalar.string, value)
        }
        func required(_ name: String, _ why: String) throws -> String {
            guard let value = values[name] else { throw fail("a suppression needs '\(name):' (\(why))", node) }
            let text = value.text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty else { throw fail("'\(name)' is empty (\(why))", value.node) }
            return text
        }
        let rule = try required("rule", "the id of the rule whose findings it holds back")
        let reason = try required("reason", "why the finding may be held back, for whoever reads the report")
        if let tenant = values["tenant"] {
            guard !tenant.text.isEmpty else { throw fail("'tenant' is empty (leave it out for every tenant)", tenant.node) }
            guard tenant.text.count <= TenantGlob.maximumLength else {
                throw fail("'tenant' is longer than \(TenantGlob.maximumLength) characters", tenant.node)
            }
        }
        if let subject = values["subject"], subject.text.isEmpty {
            throw fail("'subject' is empty (leave it out for every subject of the rule)", subject.node)
        }
        if let until = values["until"], EntraDate.calendarDay(until.text) == nil {
            throw fail("'until' must be a calendar day YYYY-MM-DD, not '\(VisibleText.escape(until.text))'", until.node)
        }
        return Suppression(rule: rule, tenant: values["tenant"]?.text, subject: values["subject"]?.text, reason: reason,
                           until: values["until"]?.text, path: path, line: node.mark?.line ?? 0, scope: scope)
    }

    static func describe(_ node: Node) -> String {
        switch node {
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .scalar, .alias: "a single value"
        }
    }

    /// ` (did you mean 'reason'?)` for a name a typo away from one of `candidates`, else empty.
    static func suggestion(for name: String, among candidates: [String]) -> String {
        closest(to: name, among: candidates).map { " (did you mean '\($0)'?)" } ?? ""
    }

    /// The candidate at the smallest edit distance (at most 3, ties: the first), if any. Bounded:
    /// lengths that differ by more than 3 are not compared at all.
    public static func closest(to name: String, among candidates: [String]) -> String? {
        let target = Array(name.utf8)
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            guard let distance = AADSTSCodeScanner.editDistance(target, Array(candidate.utf8), atMost: 3) else { continue }
            if distance < (best?.distance ?? .max) { best = (candidate, distance) }
        }
        return best?.candidate
    }
}

extension TenantLoader {
    /// A tenant folder's `mgaudit.yml`: listed as an input of kind `suppressions` and parsed into
    /// `bundle.suppressions` (tenant scope). A broken one is an `unreadable` input problem naming
    /// the file and line (exit 2): the findings it meant to hold back would otherwise show, or
    /// worse, a typo would hold back more than meant.
    static func addSuppressions(_ file: String, to bundle: inout TenantBundle) {
        do {
            bundle.suppressions += try SuppressionFile.load(path: file, scope: .tenant)
            bundle.inputs.append(InputFile(path: file, kind: .suppressions))
        } catch let error as InputError {
            bundle.inputs.append(InputFile(path: file, kind: .unreadable))
            bundle.problems.append(InputProblem(path: file, kind: .unreadable, detail: SuppressionFile.detail(error)))
        } catch {
            bundle.inputs.append(InputFile(path: file, kind: .unreadable))
            bundle.problems.append(InputProblem(path: file, kind: .unreadable, detail: "\(error)"))
        }
    }
}

extension SuppressionFile {
    /// An error's problem with its line in front (`line 4: …`), for an `InputProblem`, whose
    /// description is `path: detail`.
    public static func detail(_ error: InputError) -> String {
        error.line.map { "line \($0): \(error.problem)" } ?? error.problem
    }
}
