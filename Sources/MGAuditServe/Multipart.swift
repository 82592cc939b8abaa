import Foundation

/// Why a multipart/form-data body was refused (answered with 400).
public enum MultipartError: Error, Equatable, Sendable {
    case notMultipart
    case missingBoundary
    case malformed
    case tooManyParts
    case headerTooLarge
    case bodyTooLarge
}

/// One part of a multipart/form-data body, held in memory only.
public struct MultipartPart: Sendable {
    public var name: String
    public var filename: String?
    public var data: Data
}

/// A bounded, linear multipart/form-data parser: one pass over the body, at most `maximumParts`
/// parts, part headers of at most `maximumHeaderBytes`, a body of at most `maximumBodyBytes`.
public struct MultipartParser: Sendable {
    public var maximumParts = 64
    public var maximumHeaderBytes = 4_096
    public var maximumBodyBytes: Int

    public init(maximumBodyBytes: Int) { self.maximumBodyBytes = maximumBodyBytes }

    /// The boundary named in a `Content-Type: multipart/form-data; boundary=…` header.
    public static func boundary(contentType: String?) throws -> String {
        guard let contentType else { throw MultipartError.notMultipart }
        let fields = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard fields.first?.lowercased() == "multipart/form-data" else { throw MultipartError.notMultipart }
        for field in fields.dropFirst() where field.lowercased().hasPrefix("boundary=") {
            var value = String(field.dropFirst("boundary=".count))
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            guard !value.isEmpty, value.utf8.count <= 70 else { throw MultipartError.missingBoundary }
            return value
        }
        throw MultipartError.missingBoundary
    }

    public func parse(_ body: Data, contentType: String?) throws -> [MultipartPart] {
        guard body.count <= maximumBodyBytes else { throw MultipartError.bodyTooLarge }
        let boundary = try Self.boundary(contentType: contentType)
        let bytes = [UInt8](body)
        let delimiter = Array("--\(boundary)".utf8)
        let separator = Array("\r\n--\(boundary)".utf8)
        guard var position = Self.find(delimiter, in: bytes, from: 0), position == 0 else { throw MultipartError.malformed }
        position += delimiter.count
        var parts: [MultipartPart] = []
        while true {
            // After a delimiter: "--" ends the body, CRLF starts a part.
            if Self.starts(Array("--".utf8), in: bytes, at: position) { return parts }
            guard Self.starts([13, 10], in: bytes, at: position) else { throw MultipartError.malformed }
            position += 2
            guard parts.count < maximumParts else { throw MultipartError.tooManyParts }
            let headerLimit = min(bytes.count, position + maximumHeaderBytes)
            guard let headerEnd = Self.find([13, 10, 13, 10], in: bytes, from: position, before: headerLimit) else {
                throw headerLimit < bytes.count ? MultipartError.headerTooLarge : MultipartError.malformed
            }
            let headers = String(decoding: bytes[position..<headerEnd], as: UTF8.self)
            let contentStart = headerEnd + 4
            guard let contentEnd = Self.find(separator, in: bytes, from: contentStart) else { throw MultipartError.malformed }
            guard let (name, filename) = Self.disposition(headers) else { throw MultipartError.malformed }
            parts.append(MultipartPart(name: name, filename: filename, data: Data(bytes[contentStart..<contentEnd])))
            position = contentEnd + separator.count
        }
    }

    /// `name` and `filename` of a part's `Content-Disposition: form-data` header.
    static func disposition(_ headers: String) -> (String, String?)? {
        for line in headers.components(separatedBy: "\r\n") {
            let pieces = line.split(separator: ":", maxSplits: 1)
            guard pieces.count == 2, pieces[0].trimmingCharacters(in: .whitespaces).lowercased() == "content-disposition" else { continue }
            var name: String?
            var filename: String?
            for field in pieces[1].split(separator: ";").map({ $0.trimmingCharacters(in: .whitespaces) }) {
                let pair = field.split(separator: "=", maxSplits: 1).map(String.init)
                guard pair.count == 2 else { continue }
                var value = pair[1]
                if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
                switch pair[0].lowercased() {
                case "name": name = value
                case "filename": filename = value
                default: break
                }
            }
            return name.map { ($0, filename) }
        }
        return nil
    }

    static func starts(_ needle: [UInt8], in bytes: [UInt8], at index: Int) -> Bool {
        guard index >= 0, index + needle.count <= bytes.count else { return false }
        for offset in 0..<needle.count where bytes[index + offset] != needle[offset] { return false }
        return true
    }

    /// The first index of `needle` in `bytes[from..<before]`, scanning forward once.
    static func find(_ needle: [UInt8], in bytes: [UInt8], from: Int, before: Int? = nil) -> Int? {
        let end = min(before ?? bytes.count, bytes.count)
        guard let first = needle.first, end - from >= needle.count else { return nil }
        var index = from
        while index + needle.count <= end {
            if bytes[index] == first, starts(needle, in: bytes, at: index) { return index }
            index += 1
        }
        return nil
    }
}
