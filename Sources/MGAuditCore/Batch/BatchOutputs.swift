import Foundation

/// The report files of a `batch` or `report` run: which format goes to which file, and the checks
/// that keep outputs from replacing an input or landing where the next run would read them.
public struct BatchOutputs: Sendable, Hashable {
    public struct Target: Sendable, Hashable {
        public var format: ReportFormat
        public var path: String
    }

    public var targets: [Target]

    public init(targets: [Target]) {
        self.targets = targets
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
            if stat(outDir, &info) != 0 {
                do {
                    try FileManager.default.createDirectory(atPath: outDir, withIntermediateDirectories: true)
                } catch {
                    throw InputError(path: outDir, problem: "cannot create the output folder")
                }
            } else if (info.st_mode & S_IFMT) != S_IFDIR {
                throw InputError(path: outDir, problem: "refused as --out-dir: it is not a folder")
            }
            let base = outDir.hasSuffix("/") ? outDir : outDir + "/"
            for format in outDirFormats where !targets.contains(where: { $0.format == format }) {
                targets.append(Target(format: format, path: base + fileName(format)))
            }
        }
        return BatchOutputs(targets: targets)
    }

    /// Every file the run writes, the JSON Lines summary beside it included.
    public var paths: [String] {
        targets.flatMap { $0.format == .jsonl ? [$0.path, Self.summaryPath(besideJSONLines: $0.path)] : [$0.path] }
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
    /// Whether `path` (existing or not) is `folder` itself or inside it, symlinks resolved.
    public static func isInside(_ path: String, folder: String) -> Bool {
        let inner = resolved(path)
        guard let outer = realPath(folder) else { return false }
        return inner == outer || inner.hasPrefix(outer.hasSuffix("/") ? outer : outer + "/")
    }
}
