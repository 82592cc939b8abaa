import CLibXML2
import Foundation
import ZIPFoundation

/// Reads entries of an in-memory zip (XLSX) with bounded inflation. Header sizes are checked
/// first, but a header can lie, so bytes are also counted while inflating and extraction stops as
/// soon as a bound is passed.
struct SafeZip {
    struct Limits: Sendable {
        var entryBytes: Int
        var totalBytes: Int
        static let standard = Limits(entryBytes: 8 * 1024 * 1024, totalBytes: 32 * 1024 * 1024)
    }

    static let magic = Data([0x50, 0x4B, 0x03, 0x04])

    let path: String
    let limits: Limits
    private let archive: Archive
    private var inflatedTotal = 0

    static func isZip(_ data: Data) -> Bool { data.starts(with: magic) }

    init(_ data: Data, path: String, limits: Limits = .standard) throws {
        try Self.checkSize(data, path: path)
        // ZIPFoundation trusts the sizes and offsets of the directory (converting a 64-bit offset to
        // `off_t` traps), so the directory is checked here first.
        try Self.checkDirectory(data, path: path)
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw InputError(path: path, problem: "is not a readable zip (XLSX) archive")
        }
        self.path = path
        self.limits = limits
    }

    /// Archives larger than `TextDecoding.maximumInputBytes` are refused before they are opened.
    static func checkSize(_ data: Data, path: String) throws {
        guard data.count <= TextDecoding.maximumInputBytes else {
            throw InputError(path: path, problem: "refused: zip (XLSX) archive larger than \(TextDecoding.describe(TextDecoding.maximumInputBytes))")
        }
    }

    /// Walks the central directory the way ZIPFoundation will, and refuses any ZIP64 structure (a
    /// sheet never needs one: the archive is at most 32 MiB) and any size, offset or entry count
    /// that points outside the archive. With no ZIP64, every field is 16 or 32 bits wide, so
    /// ZIPFoundation's own sums cannot overflow.
    static func checkDirectory(_ data: Data, path: String) throws {
        let bytes = [UInt8](data)
        func refuse(_ problem: String) -> InputError {
            InputError(path: path, problem: "refused: zip (XLSX) archive \(problem)")
        }
        func u16(_ offset: Int) -> Int? {
            guard offset >= 0, offset <= bytes.count - 2 else { return nil }
            return Int(bytes[offset]) | Int(bytes[offset + 1]) << 8
        }
        func u32(_ offset: Int) -> Int? {
            guard let low = u16(offset), let high = u16(offset + 2) else { return nil }
            return low | high << 16
        }
        // The end-of-central-directory record, searched from the end as ZIPFoundation does.
        let eocdSize = 22
        var found: Int?
        var start = bytes.count - eocdSize
        while start >= 0 {
            if u32(start) == 0x0605_4B50 { found = start; break }
            start -= 1
        }
        // No record: ZIPFoundation cannot open it either, and says so without trapping.
        guard let eocd = found else { return }
        if eocd >= 20, u32(eocd - 20) == 0x0706_4B50 { throw refuse("uses ZIP64 (not needed for a sheet)") }
        guard let entries = u16(eocd + 10), let directorySize = u32(eocd + 12), let directoryStart = u32(eocd + 16) else {
            throw refuse("has a truncated end-of-directory record")
        }
        if entries == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryStart == 0xFFFF_FFFF {
            throw refuse("uses ZIP64 (not needed for a sheet)")
        }
        let recordSize = 46
        guard directoryStart <= bytes.count, directorySize <= bytes.count - directoryStart,
              entries <= directorySize / recordSize else {
            throw refuse("has a central directory outside the file")
        }
        var offset = directoryStart
        for _ in 0..<entries {
            guard u32(offset) == 0x0201_4B50,
                  let compressed = u32(offset + 20), let uncompressed = u32(offset + 24),
                  let nameLength = u16(offset + 28), let extraLength = u16(offset + 30), let commentLength = u16(offset + 32),
                  let disk = u16(offset + 34), let localHeader = u32(offset + 42) else {
                throw refuse("has a damaged central directory")
            }
            if compressed == 0xFFFF_FFFF || uncompressed == 0xFFFF_FFFF
                || localHeader == 0xFFFF_FFFF || disk == 0xFFFF {
                throw refuse("uses ZIP64 (not needed for a sheet)")
            }
            var extra = offset + recordSize + nameLength
            let extraEnd = extra + extraLength
            while extra + 4 <= extraEnd {
                guard let id = u16(extra), let size = u16(extra + 2) else { break }
                if id == 0x0001 { throw refuse("uses ZIP64 (not needed for a sheet)") }
                extra += 4 + size
            }
            guard compressed <= bytes.count, localHeader <= bytes.count - 30 else {
                throw refuse("has an entry outside the file")
            }
            // A deflated entry whose stream stops before its end marker would make ZIPFoundation's
            // inflate loop for ever: check that it ends, within its bytes, before anything inflates it.
            if u16(offset + 10) == 8, let localName = u16(localHeader + 26), let localExtra = u16(localHeader + 28) {
                let dataStart = localHeader + 30 + localName + localExtra
                guard dataStart <= bytes.count, compressed <= bytes.count - dataStart else {
                    throw refuse("has an entry outside the file")
                }
                let ends = bytes.withUnsafeBufferPointer { buffer in
                    mgaudit_deflate_stream_ends(buffer.baseAddress.map { $0 + dataStart }, UInt(compressed), UInt(Limits.standard.entryBytes))
                }
                if ends == 0 { throw refuse("has a truncated or corrupt compressed entry") }
            }
            offset += recordSize + nameLength + extraLength + commentLength
            guard offset <= bytes.count else { throw refuse("has a damaged central directory") }
        }
    }

    func contains(_ entryPath: String) -> Bool { archive[entryPath] != nil }

    private struct BoundExceeded: Error {}

    /// The entry's bytes, or nil when the archive has no such entry.
    mutating func read(_ entryPath: String) throws -> Data? {
        guard let entry = archive[entryPath], entry.type == .file else { return nil }
        let entryLimit = min(limits.entryBytes, limits.totalBytes - inflatedTotal)
        guard entry.uncompressedSize <= UInt64(max(0, entryLimit)) else { throw refusal(entryPath) }
        var out = Data()
        do {
            _ = try archive.extract(entry, bufferSize: 64 * 1024, skipCRC32: false) { chunk in
                guard out.count + chunk.count <= entryLimit else { throw BoundExceeded() }
                out.append(chunk)
            }
        } catch is BoundExceeded {
            throw refusal(entryPath)
        } catch {
            throw InputError(path: path, problem: "zip entry \(entryPath) cannot be extracted (corrupt archive)")
        }
        inflatedTotal += out.count
        return out
    }

    private func refusal(_ entryPath: String) -> InputError {
        InputError(path: path, problem: "refused: zip entry \(entryPath) inflates beyond "
            + "\(TextDecoding.describe(limits.entryBytes)) per entry or \(TextDecoding.describe(limits.totalBytes)) in total")
    }

}
