import CLibXML2
import Foundation

/// How many bytes a file is once gzip-compressed, counted as its bytes are fed in: GitHub code
/// scanning rejects a SARIF file over 10 MB compressed (`SARIFReport.githubLimitProblems`), and a
/// run cannot tell from the plain size. Nothing compressed is kept: each chunk of output is counted
/// and dropped, so memory stays flat whatever the size.
///
/// A class, not a struct: zlib's stream state points back at its `z_stream` and refuses a copy
/// that moved, so the stream lives at one heap address for its whole life.
public final class GzipSize {
    public struct Failure: Error, Sendable, Hashable, CustomStringConvertible {
        public var problem: String
        public var description: String { problem }
    }

    private let stream: UnsafeMutablePointer<z_stream>
    private var scratch = [UInt8](repeating: 0, count: 1 << 16)
    private var open = true
    /// Compressed bytes so far (all of them once `finish` returned).
    public private(set) var compressedBytes = 0

    public init() throws {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        guard mgaudit_deflate_init_gzip(stream) == Z_OK else {
            stream.deinitialize(count: 1)
            stream.deallocate()
            throw Failure(problem: "cannot start a gzip stream (zlib)")
        }
    }

    deinit {
        if open { deflateEnd(stream) }
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// Feeds bytes in (any number of calls, before `finish`).
    public func add(_ bytes: UnsafeRawBufferPointer) throws {
        guard open else { throw Failure(problem: "gzip stream already finished") }
        var rest = bytes[...]
        // `avail_in` is 32-bit: feed large buffers in slices.
        while !rest.isEmpty {
            let slice = UnsafeRawBufferPointer(rebasing: rest.prefix(1 << 24))
            try deflate(slice, flush: Z_NO_FLUSH)
            rest = rest.dropFirst(slice.count)
        }
    }

    public func add(_ bytes: some Sequence<UInt8>) throws {
        let array = Array(bytes)
        try array.withUnsafeBytes { try add($0) }
    }

    /// Ends the stream (gzip trailer included) and returns the compressed size.
    public func finish() throws -> Int {
        guard open else { return compressedBytes }
        try deflate(UnsafeRawBufferPointer(start: nil, count: 0), flush: Z_FINISH)
        deflateEnd(stream)
        open = false
        return compressedBytes
    }

    private func deflate(_ input: UnsafeRawBufferPointer, flush: Int32) throws {
        stream.pointee.next_in = input.baseAddress.map { UnsafeMutablePointer(mutating: $0.assumingMemoryBound(to: Bytef.self)) }
        stream.pointee.avail_in = uInt(input.count)
        while true {
            let (result, produced, outputFull) = scratch.withUnsafeMutableBytes { output -> (Int32, Int, Bool) in
                stream.pointee.next_out = output.baseAddress?.assumingMemoryBound(to: Bytef.self)
                stream.pointee.avail_out = uInt(output.count)
                let result = CLibXML2.deflate(stream, flush)
                return (result, output.count - Int(stream.pointee.avail_out), stream.pointee.avail_out == 0)
            }
            compressedBytes += produced
            switch result {
            case Z_STREAM_END:
                return
            case Z_OK, Z_BUF_ERROR:
                // Without Z_FINISH, done once zlib left output room (it took all the input);
                // with it, go on until the end marker is out.
                if flush != Z_FINISH && !outputFull { return }
                if result == Z_BUF_ERROR && !outputFull { throw Failure(problem: "gzip stream stalled (zlib)") }
            default:
                throw Failure(problem: "gzip compression failed (zlib error \(result))")
            }
        }
    }

    /// zlib's upper bound (`deflateBound`) on the gzip-compressed size of `plainBytes` bytes, with
    /// the settings `GzipSize` compresses with: no input compresses to more.
    public static func bound(plainBytes: Int) throws -> Int {
        let counter = try GzipSize()
        return Int(deflateBound(counter.stream, uLong(max(0, plainBytes))))
    }

    /// The gzip-compressed size of the file at `path`, or, when even `bound` of its plain size is
    /// at most `limit`, that bound: a file that cannot compress to more than `limit` is not
    /// compressed only to learn by how much it stays under (GitHub's SARIF cap, asked of every run).
    public static func ofFile(atPath path: String, exactAbove limit: Int) throws -> Int {
        let plain = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
        if let plain, case let most = try bound(plainBytes: plain), most <= limit { return most }
        return try ofFile(atPath: path)
    }

    /// The gzip-compressed size of the file at `path`, read in chunks.
    public static func ofFile(atPath path: String) throws -> Int {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw Failure(problem: "\(path): cannot be read")
        }
        defer { try? handle.close() }
        let counter = try GzipSize()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            try chunk.withUnsafeBytes { try counter.add($0) }
        }
        return try counter.finish()
    }
}
