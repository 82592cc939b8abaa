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
        guard data.count <= TextDecoding.maximumInputBytes else {
            throw InputError(path: path, problem: "file is larger than \(TextDecoding.maximumInputBytes / 1024 / 1024) MiB")
        }
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw InputError(path: path, problem: "is not a readable zip (XLSX) archive")
        }
        self.path = path
        self.limits = limits
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
            + "\(Self.describe(limits.entryBytes)) per entry or \(Self.describe(limits.totalBytes)) in total")
    }

    static func describe(_ bytes: Int) -> String {
        bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0 ? "\(bytes / 1024 / 1024) MiB" : "\(bytes) bytes"
    }
}
