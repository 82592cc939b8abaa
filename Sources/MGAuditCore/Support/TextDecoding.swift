import Foundation

/// Turns the bytes people export into text: UTF-8 (with or without BOM), UTF-16LE/BE with BOM
/// (Windows PowerShell redirection), and Shift_JIS/CP932 for Japanese sheets. CRLF becomes LF.
public enum TextDecoding {
    public enum Encoding: String, Sendable {
        case utf8, utf8BOM = "utf8-bom", utf16LE = "utf16le", utf16BE = "utf16be", shiftJIS = "shift_jis"
    }

    /// Refuses files larger than this before decoding: every input is a small export.
    public static let maximumInputBytes = 32 * 1024 * 1024

    public static func decode(_ data: Data, path: String, allowShiftJIS: Bool = true) throws -> (text: String, encoding: Encoding) {
        guard data.count <= maximumInputBytes else {
            throw InputError(path: path, problem: "file is larger than \(maximumInputBytes / 1024 / 1024) MiB")
        }
        let bytes = [UInt8](data.prefix(3))
        let decoded: (String?, Encoding)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            decoded = (String(data: data.dropFirst(3), encoding: .utf8), .utf8BOM)
        } else if bytes.starts(with: [0xFF, 0xFE]) {
            decoded = (String(data: data.dropFirst(2), encoding: .utf16LittleEndian), .utf16LE)
        } else if bytes.starts(with: [0xFE, 0xFF]) {
            decoded = (String(data: data.dropFirst(2), encoding: .utf16BigEndian), .utf16BE)
        } else if let text = String(data: data, encoding: .utf8) {
            decoded = (text, .utf8)
        } else if allowShiftJIS, let text = String(data: data, encoding: .shiftJIS) {
            decoded = (text, .shiftJIS)
        } else {
            throw InputError(path: path, problem: allowShiftJIS
                ? "not valid UTF-8, UTF-16 with BOM or Shift_JIS text"
                : "not valid UTF-8 or UTF-16 (with BOM) text")
        }
        guard let text = decoded.0 else {
            throw InputError(path: path, problem: "not valid \(decoded.1.rawValue) text despite its byte-order mark")
        }
        return (normaliseLineEnds(text), decoded.1)
    }

    /// Reads a file and decodes it; the error names the file.
    public static func read(_ url: URL, allowShiftJIS: Bool = true) throws -> (text: String, encoding: Encoding) {
        try decode(try readData(url), path: url.path, allowShiftJIS: allowShiftJIS)
    }

    public static func readData(_ url: URL) throws -> Data {
        let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
        if let size = attributes?[.size] as? Int, size > maximumInputBytes {
            throw InputError(path: url.path, problem: "file is larger than \(maximumInputBytes / 1024 / 1024) MiB")
        }
        do {
            return try Data(contentsOf: url)
        } catch {
            throw InputError(path: url.path, problem: "cannot be read (\(FileManager.default.fileExists(atPath: url.path) ? "permission or I/O error" : "no such file"))")
        }
    }

    /// Reads standard input with the same bound as a file: more than `maximumInputBytes` is refused
    /// without reading the rest.
    public static func readStandardInput(path: String = "<stdin>") throws -> Data {
        var data = Data()
        let handle = FileHandle.standardInput
        while true {
            let chunk = handle.readData(ofLength: 1 << 20)
            if chunk.isEmpty { break }
            data.append(chunk)
            if data.count > maximumInputBytes {
                throw InputError(path: path, problem: "input is larger than \(maximumInputBytes / 1024 / 1024) MiB")
            }
        }
        return data
    }

    static func normaliseLineEnds(_ text: String) -> String {
        guard text.utf8.contains(13) else { return text }
        return text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }
}
