import Foundation

/// Content-Security-Policy hashes for tests of pages with inline styles and scripts.
public enum CSPHash {
    /// base64 of SHA-256 of the UTF-8 of `text`, by `sha256sum` (coreutils).
    public static func sha256Base64(_ text: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sha256sum"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(text.utf8))
        try input.fileHandleForWriting.close()
        let hex = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).prefix(64)
        process.waitUntilExit()
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2, limitedBy: hex.endIndex) ?? hex.endIndex
            guard let byte = UInt8(hex[index..<next], radix: 16) else { return "" }
            bytes.append(byte)
            index = next
        }
        return "sha256-" + Data(bytes).base64EncodedString()
    }
}
