import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a report goes: `-o`/`--output` decided before anything is written, so that a report can
/// never replace one of the run's own inputs, a device, a FIFO, a socket or a folder.
///
/// - no option, `-`, `/dev/stdout`, `/dev/fd/1`, `/proc/self/fd/1`: standard output;
/// - a path that is one of the run's inputs (the same resolved path, or the same device and inode,
///   so `./a.json`, a symlink to it and a hard link all count): refused;
/// - a path that exists and is not a regular file (`/dev/null`, a FIFO, a socket, a folder, a
///   terminal), or a path under `/dev`, `/proc` or `/sys` or a symlink leading there (a link to
///   `/dev/stdout` or a terminal): refused;
/// - anything else: a file, written by `AtomicFile.write` (a symlink to a regular file is replaced
///   by the report, never written through).
public enum OutputTarget: Sendable, Hashable {
    case standardOutput
    case file(String)

    /// The spellings of `-o` that mean standard output.
    public static let standardOutputNames: Set<String> = ["-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"]

    /// Symlinks followed at most this many hops when looking for a device behind `-o` (the kernel's
    /// own limit is 40); a longer chain is refused.
    public static let maximumSymlinkHops = 32

    /// Decides where the report of a run with these `inputs` (every file and folder it reads) goes.
    /// Throws an `InputError` naming the output path and why it is refused; nothing is written then.
    public static func resolve(_ output: String?, inputs: [String]) throws -> OutputTarget {
        guard let output else { return .standardOutput }
        if standardOutputNames.contains(output) { return .standardOutput }
        if let problem = unsafeTargetProblem(output) {
            throw InputError(path: output, problem: problem)
        }
        if let input = inputs.first(where: { sameFile(output, $0) }) {
            let which = input == output ? "" : " (\(input))"
            throw InputError(path: output, problem: "refused as the output: it is an input of this run\(which) and the report would replace it")
        }
        return .file(output)
    }

    /// Why a report must not be written at `path`, or nil when a regular file may be put there.
    /// `AtomicFile.write` asks this too, so a library caller is protected the same way.
    public static func unsafeTargetProblem(_ path: String) -> String? {
        guard !path.isEmpty else { return "refused as the output: the path is empty" }
        // Walk the symlink chain by hand: the kernel would resolve /dev/stdout to whatever fd 1 is.
        var current = absolute(path)
        for _ in 0...maximumSymlinkHops {
            if isSystemPath(current) {
                return "refused as the output: a device or system file\(current == absolute(path) ? "" : " (through a symlink to \(current))"); "
                    + "use -o - for standard output"
            }
            guard let target = linkTarget(current) else { break }
            current = target.hasPrefix("/") ? target : directory(of: current) + "/" + target
            current = absolute(current)
            if current == absolute(path) { return "refused as the output: a symlink loop" }
        }
        if linkTarget(current) != nil {
            return "refused as the output: more than \(maximumSymlinkHops) symlinks"
        }
        var info = stat()
        guard stat(path, &info) == 0 else {
            // A new file (or a dangling symlink, which the report replaces) is fine.
            return errno == ENOENT ? nil : "refused as the output: \(String(cString: strerror(errno)))"
        }
        switch info.st_mode & mode_t(0o170000) {
        case mode_t(0o100000): return nil
        case mode_t(0o040000): return "refused as the output: it is a folder; give a file name"
        case mode_t(0o010000): return "refused as the output: it is a FIFO (named pipe), not a regular file"
        case mode_t(0o140000): return "refused as the output: it is a socket, not a regular file"
        case mode_t(0o020000), mode_t(0o060000): return "refused as the output: it is a device, not a regular file; use -o - for standard output"
        default: return "refused as the output: not a regular file"
        }
    }

    /// Whether two paths name the same file: the same device and inode (hard links, symlinks) or
    /// the same resolved path (`./a.json` and `a.json`, a file that does not exist yet).
    public static func sameFile(_ a: String, _ b: String) -> Bool {
        var left = stat(), right = stat()
        if stat(a, &left) == 0, stat(b, &right) == 0 {
            return left.st_dev == right.st_dev && left.st_ino == right.st_ino
        }
        return resolved(a) == resolved(b)
    }

    // MARK: - Paths

    static func isSystemPath(_ absolutePath: String) -> Bool {
        ["/dev", "/proc", "/sys"].contains { absolutePath == $0 || absolutePath.hasPrefix($0 + "/") }
    }

    /// The path made absolute against the current folder, `.` and `..` removed (no symlinks followed).
    static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    static func directory(of path: String) -> String {
        let parent = URL(fileURLWithPath: path).deletingLastPathComponent().path
        return parent.isEmpty ? "/" : parent
    }

    /// `realpath`, or for a file that does not exist its resolved folder and its name.
    static func resolved(_ path: String) -> String {
        if let real = realPath(path) { return real }
        let url = URL(fileURLWithPath: absolute(path))
        let folder = realPath(url.deletingLastPathComponent().path) ?? url.deletingLastPathComponent().path
        return folder + "/" + url.lastPathComponent
    }

    static func realPath(_ path: String) -> String? {
        guard let pointer = realpath(path, nil) else { return nil }
        defer { free(pointer) }
        return String(cString: pointer)
    }

    /// The target of a symlink, nil when `path` is not one.
    static func linkTarget(_ path: String) -> String? {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & mode_t(0o170000) == mode_t(0o120000) else { return nil }
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count > 0, count < buffer.count else { return nil }
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
