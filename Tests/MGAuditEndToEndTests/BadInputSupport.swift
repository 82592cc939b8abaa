import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs the built `mgaudit` for the bad-input catalog and measures what the catalog asserts:
/// wall time and peak memory (the child's VmHWM, polled), exit status, and the
/// output. stdout and stderr go to files, so a large report can never block the child.
enum MeasuredRun {
    struct Result {
        var status: Int32
        /// Set when the child died of a signal (a trap is SIGILL/SIGTRAP).
        var signal: Int32?
        var stdout: String
        var stderr: String
        var seconds: Double
        var peakMemoryMB: Double
        var killedAfterTimeout: Bool
    }

    /// Runs `mgaudit ARGUMENTS` with `folder` as the current folder, standard input from
    /// `stdinFile` (or empty), `LANG=C.UTF-8`; killed after `timeout` seconds.
    static func run(_ arguments: [String], in folder: URL, stdinFile: URL?, scratch: URL, timeout: Double) throws -> Result {
        let out = scratch.appendingPathComponent("stdout"), err = scratch.appendingPathComponent("stderr")
        let input = stdinFile ?? scratch.appendingPathComponent("empty-stdin")
        if stdinFile == nil { try Data().write(to: input) }
        // The shell only changes folder and execs, so the measured process is mgaudit itself.
        let argv = ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", folder.path, MGAuditBinary.executable.path] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["LANG"] = "C.UTF-8"
        environment["NO_COLOR"] = "1"
        environment.removeValue(forKey: "LC_ALL")
        environment.removeValue(forKey: "LC_MESSAGES")
        environment.removeValue(forKey: "MGAUDIT_RULES")
        let started = Date()
        #if canImport(Glibc)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, input.path, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, out.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, err.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let cArguments: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        let cEnvironment: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            cArguments.forEach { free($0) }
            cEnvironment.forEach { free($0) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/sh", &actions, nil, cArguments, cEnvironment)
        guard spawned == 0 else { throw CocoaError(.executableLoad) }
        var status: Int32 = 0
        var usage = rusage()
        var killed = false
        // The child's own peak (VmHWM): `ru_maxrss` would also count the test process, whose memory
        // the spawned child shares until it execs. VmHWM only grows, so the last reading is the peak.
        var highWaterKB: Double = 0
        while true {
            if let kb = Self.highWaterMarkKB(pid) { highWaterKB = max(highWaterKB, kb) }
            let done = wait4(pid, &status, WNOHANG, &usage)
            if done == pid { break }
            if done < 0 && errno != EINTR { break }
            if !killed, Date().timeIntervalSince(started) > timeout {
                kill(pid, SIGKILL)
                killed = true
            }
            usleep(5_000)
        }
        let seconds = Date().timeIntervalSince(started)
        let exited = status & 0x7F == 0
        return Result(status: exited ? (status >> 8) & 0xFF : -1, signal: exited ? nil : status & 0x7F,
                      stdout: read(out), stderr: read(err), seconds: seconds,
                      peakMemoryMB: (highWaterKB > 0 ? highWaterKB : Double(usage.ru_maxrss)) / 1024, killedAfterTimeout: killed)
        #else
        let process = Process()
        process.executableURL = URL(fileURLWithPath: argv[0])
        process.arguments = Array(argv.dropFirst())
        process.environment = environment
        process.standardInput = try FileHandle(forReadingFrom: input)
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, signal: process.terminationReason == .uncaughtSignal ? process.terminationStatus : nil,
                      stdout: read(out), stderr: read(err), seconds: Date().timeIntervalSince(started), peakMemoryMB: 0,
                      killedAfterTimeout: false)
        #endif
    }

    /// `VmHWM` of a running process, in KiB, from /proc (nil where there is none).
    static func highWaterMarkKB(_ pid: pid_t) -> Double? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return nil }
        return line.split(separator: " ").dropFirst().first.flatMap { Double($0) }
    }

    private static func read(_ url: URL) -> String {
        String(decoding: FileManager.default.contents(atPath: url.path) ?? Data(), as: UTF8.self)
    }
}

/// What a folder of inputs looked like: every regular file's SHA-256, size and modification time.
struct InputSnapshot: Equatable {
    struct Entry: Equatable {
        var sha256: String
        var size: Int
        var modified: Date
    }
    var files: [String: Entry]

    /// Files are hashed with the system's `sha256sum` (or `shasum -a 256`), in batches.
    init(_ folder: URL) throws {
        var found: [String] = []
        if let walker = FileManager.default.enumerator(atPath: folder.path) {
            while let relative = walker.nextObject() as? String {
                let full = folder.appendingPathComponent(relative).path
                var info = stat()
                if lstat(full, &info) == 0, info.st_mode & 0o170000 == 0o100000 { found.append(relative) }
            }
        }
        var files: [String: Entry] = [:]
        let hashes = try Self.sha256(found.map { folder.appendingPathComponent($0).path })
        for (relative, hash) in zip(found, hashes) {
            let attributes = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(relative).path)
            files[relative] = Entry(sha256: hash, size: (attributes[.size] as? Int) ?? -1,
                                    modified: (attributes[.modificationDate] as? Date) ?? .distantPast)
        }
        self.files = files
    }

    static func sha256(_ paths: [String]) throws -> [String] {
        var hashes: [String] = []
        let tool = FileManager.default.isExecutableFile(atPath: "/usr/bin/sha256sum") ? ["/usr/bin/sha256sum"] : ["/usr/bin/shasum", "-a", "256"]
        var start = 0
        while start < paths.count {
            let batch = Array(paths[start..<min(paths.count, start + 500)])
            start += batch.count
            let process = Process()
            process.executableURL = URL(fileURLWithPath: tool[0])
            process.arguments = Array(tool.dropFirst()) + ["--"] + batch
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let output = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            let lines = String(decoding: output, as: UTF8.self).split(separator: "\n")
            guard lines.count == batch.count else { throw CocoaError(.fileReadUnknown) }
            hashes += lines.map { String($0.prefix(64)) }
        }
        return hashes
    }
}

/// Builds the catalog's inputs in a case folder: copies of the samples, and files generated by code.
struct CaseFolder {
    let root: URL

    func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }

    @discardableResult
    func write(_ relative: String, _ text: String) throws -> String {
        try write(relative, Data(text.utf8))
    }

    @discardableResult
    func write(_ relative: String, _ data: Data) throws -> String {
        let file = url(relative)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: file)
        return relative
    }

    /// Copies `Samples/tenants/NAME` to `as` inside the case folder.
    @discardableResult
    func sample(_ name: String, as folder: String) throws -> String {
        let source = MGAuditBinary.packageRoot.appendingPathComponent("Samples/tenants/\(name)")
        try FileManager.default.createDirectory(at: url(folder).deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: source, to: url(folder))
        return folder
    }

    func text(ofSample name: String, _ file: String) throws -> String {
        try String(contentsOf: MGAuditBinary.packageRoot.appendingPathComponent("Samples/tenants/\(name)/\(file)"), encoding: .utf8)
    }
}
