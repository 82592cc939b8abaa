import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A report file that could not be written, naming the file and why.
public struct FileWriteError: Error, Sendable, Hashable, CustomStringConvertible {
    public var path: String
    public var problem: String
    public init(path: String, problem: String) {
        self.path = path
        self.problem = problem
    }
    public var description: String { "\(path): \(problem)" }
}

/// Writes files so that readers see either the old file or the complete new one, never a
/// half-written report: the data goes to a fresh temporary file in the same directory (same
/// file system, so `rename` is atomic), is flushed to disk, then renamed over the target.
/// A symlink at the target is replaced by the file, not written through. A target that is not a
/// regular file (a device, a FIFO, a socket, a folder, a link to one) is refused before anything
/// is created (`OutputTarget.unsafeTargetProblem`). The new file keeps the permission bits of the
/// file it replaces (without set-id bits); a new report is created 0644 less the umask.
/// The temporary file is removed when anything fails.
public enum AtomicFile {
    public static func write(_ data: Data, to url: URL) throws {
        let writer = try AtomicFileWriter(path: url.path)
        do {
            try data.withUnsafeBytes { try writer.write($0) }
            try writer.commit()
        } catch {
            writer.abandon()
            throw error
        }
    }
}

/// `AtomicFile` in pieces, for reports written as a stream: `write` as often as needed, then
/// `commit` (flush, rename over the target) or `abandon` (remove the temporary file).
public final class AtomicFileWriter {
    public let path: String
    private let temporary: String
    private var descriptor: Int32
    private var done = false

    public init(path: String) throws {
        self.path = path
        if let problem = OutputTarget.unsafeTargetProblem(path) {
            throw FileWriteError(path: path, problem: problem)
        }
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        temporary = directory + "/.\(url.lastPathComponent).\(UUID().uuidString).tmp"
        // O_EXCL: never follow or reuse an existing file (e.g. a planted symlink).
        descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw FileWriteError(path: path, problem: "cannot create a file in \(directory): \(Self.lastError())")
        }
        var existing = stat()
        if stat(path, &existing) == 0, fchmod(descriptor, existing.st_mode & mode_t(0o777)) != 0 {
            let problem = "cannot set the permissions: \(Self.lastError())"
            abandon()
            throw FileWriteError(path: path, problem: problem)
        }
    }

    deinit { abandon() }

    public func write(_ buffer: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < buffer.count, let base = buffer.baseAddress {
            let written = Glue.write(descriptor, base + offset, buffer.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                let problem = "write failed: \(Self.lastError())"
                abandon()
                throw FileWriteError(path: path, problem: problem)
            }
            offset += written
        }
    }

    public func commit() throws {
        guard !done else { return }
        var failure: String?
        if fsync(descriptor) != 0 { failure = "cannot flush to disk: \(Self.lastError())" }
        if close(descriptor) != 0, failure == nil { failure = "cannot close: \(Self.lastError())" }
        descriptor = -1
        if failure == nil, rename(temporary, path) != 0 { failure = "cannot replace the file: \(Self.lastError())" }
        done = true
        if let failure {
            unlink(temporary)
            throw FileWriteError(path: path, problem: failure)
        }
    }

    public func abandon() {
        guard !done else { return }
        done = true
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
        unlink(temporary)
    }

    private static func lastError() -> String {
        String(cString: strerror(errno))
    }
}

/// `write(2)` under a name that does not clash with `AtomicFile.write`.
private enum Glue {
    static func write(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.write(fd, buffer, count)
        #elseif canImport(Musl)
        Musl.write(fd, buffer, count)
        #else
        Darwin.write(fd, buffer, count)
        #endif
    }
}
