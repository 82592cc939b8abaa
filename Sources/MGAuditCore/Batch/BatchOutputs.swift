import Foundation

/// The report files of a `batch` or `report` run: which format goes to which file, and the checks
/// that keep outputs from replacing an input or landing where the next run would read them.
public struct BatchOutputs: Sendable, Hashable {
    public struct Target: Sendable, Hashable {
        public var format: ReportFormat
        public var path: String
    }

    public var targets: [Target]
    /// `--out-dir`: created by `prepare`, only once `check` has refused nothing.
    public var outDir: String?
    /// Files written besides the report formats (`batch --ics`), checked as they are.
    public var others: [String] = []

    public init(targets: [Target], outDir: String? = nil) {
        self.targets = targets
        self.outDir = outDir
    }

    /// The file names `--out-dir` writes, one per format.
    public static func fileName(_ format: ReportFormat) -> String {
        switch format {
        case .jsonl: "results.jsonl"
        case .json: "results.json"
        case .html: "report.html"
        case .sarif: "results.sarif"
        case .junit: "junit.xml"
        case .csv: "findings.csv"
        case .markdown: "summary.md"
        case .text: "summary.txt"
        }
    }

    /// The formats `--out-dir` writes (text goes to stdout only).
    public static let outDirFormats: [ReportFormat] = [.jsonl, .json, .html, .sarif, .junit, .csv, .markdown]

    /// The summary JSON written beside a JSON Lines file: `results.jsonl` -> `results.summary.json`.
    public static func summaryPath(besideJSONLines path: String) -> String {
        path.hasSuffix(".jsonl") ? String(path.dropLast(".jsonl".count)) + ".summary.json" : path + ".summary.json"
    }

    /// `explicit`: the per-format options given; `outDir`: every format not given explicitly goes there.
    public static func make(explicit: [(ReportFormat, String?)], outDir: String?) throws -> BatchOutputs {
        var targets: [Target] = []
        for (format, path) in explicit {
            if let path { targets.append(Target(format: format, path: path)) }
        }
        if let outDir {
            var info = stat()
            if stat(outDir, &info) == 0, (info.st_mode & S_IFMT) != S_IFDIR {
                throw InputError(path: outDir, problem: "refused as --out-dir: it is not a folder")
            }
            let base = outDir.hasSuffix("/") ? outDir : outDir + "/"
            for format in outDirFormats where !targets.contains(where: { $0.format == format }) {
                targets.append(Target(format: format, path: base + fileName(format)))
            }
        }
        return BatchOutputs(targets: targets, outDir: outDir)
    }

    /// Creates `--out-dir` when it does not exist. Called after `check`: a refused run leaves no
    /// folder behind (inside the batch folder, an empty one would be read as a tenant next time).
    public func prepare() throws {
        guard let outDir, !FileManager.default.fileExists(atPath: outDir) else { return }
        do {
            try FileManager.default.createDirectory(atPath: outDir, withIntermediateDirectories: true)
        } catch {
            throw InputError(path: outDir, problem: "cannot create the output folder")
        }
    }

    /// Every file the run writes, the JSON Lines summary beside it included.
    public var paths: [String] {
        targets.flatMap { $0.format == .jsonl ? [$0.path, Self.summaryPath(besideJSONLines: $0.path)] : [$0.path] } + others
    }

    /// Refuses an output that is an input of the run (`inputs`: files read, e.g. the baseline), that
    /// lies inside one of `folders` (the batch folder, listed tenant folders: the next run would read
    /// it), that is not a regular file, or that two outputs share.
    public func check(inputs: [String], folders: [String]) throws {
        var seen: [String] = []
        for path in paths {
            _ = try OutputTarget.resolve(path, inputs: inputs)
            if OutputTarget.standardOutputNames.contains(path) {
                throw InputError(path: path, problem: "refused as an output file: batch writes report files; without output options the summary goes to stdout")
            }
            for folder in folders where OutputTarget.isInside(path, folder: folder) {
                throw InputError(path: path, problem: "refused as the output: it is inside \(folder), which this run reads; the next run would read it as input")
            }
            if let twin = seen.first(where: { OutputTarget.sameFile($0, path) }) {
                throw InputError(path: path, problem: "refused as the output: \(twin) is written by this run too")
            }
            seen.append(path)
        }
    }
}

extension OutputTarget {
    /// Whether `path` is `folder` itself or inside it, symlinks resolved. Either may not exist yet
    /// (an `--out-dir` is created only after this check): its nearest existing ancestor is resolved.
    public static func isInside(_ path: String, folder: String) -> Bool {
        let inner = resolvedThroughAncestor(path)
        let outer = resolvedThroughAncestor(folder)
        return inner == outer || inner.hasPrefix(outer.hasSuffix("/") ? outer : outer + "/")
    }

    /// `realpath` of the nearest existing ancestor, with the components below it appended.
    static func resolvedThroughAncestor(_ path: String) -> String {
        var existing = URL(fileURLWithPath: absolute(path))
        var rest: [String] = []
        while realPath(existing.path) == nil, existing.pathComponents.count > 1 {
            rest.insert(existing.lastPathComponent, at: 0)
            existing.deleteLastPathComponent()
        }
        let base = realPath(existing.path) ?? existing.path
        return rest.isEmpty ? base : (base.hasSuffix("/") ? base : base + "/") + rest.joined(separator: "/")
    }
}
