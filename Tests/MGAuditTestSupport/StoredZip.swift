import Foundation

/// Writes a zip of stored (uncompressed) entries, with optional raw bytes patched in afterwards.
public enum StoredZip {
    public static func make(_ entries: [(String, Data)]) -> Data {
        var out = Data()
        var central = Data()
        for (name, data) in entries {
            let nameBytes = Data(name.utf8)
            let offset = UInt32(out.count)
            let crc = crc32(data)
            out += le32(0x0403_4B50) + le16(20) + le16(0) + le16(0) + le16(0) + le16(0)
            out += le32(crc) + le32(UInt32(data.count)) + le32(UInt32(data.count)) + le16(UInt16(nameBytes.count)) + le16(0)
            out += nameBytes + data
            central += le32(0x0201_4B50) + le16(20) + le16(20) + le16(0) + le16(0) + le16(0) + le16(0)
            central += le32(crc) + le32(UInt32(data.count)) + le32(UInt32(data.count)) + le16(UInt16(nameBytes.count))
            central += le16(0) + le16(0) + le16(0) + le16(0) + le32(0) + le32(offset) + nameBytes
        }
        let start = UInt32(out.count)
        out += central
        out += le32(0x0605_4B50) + le16(0) + le16(0) + le16(UInt16(entries.count)) + le16(UInt16(entries.count))
        out += le32(UInt32(central.count)) + le32(start) + le16(0)
        return out
    }

    /// A one-worksheet workbook holding `worksheet` (the XML of `xl/worksheets/sheet1.xml`).
    public static func workbook(worksheet: String, sharedStrings: [String]? = nil) -> Data {
        let ns = #"xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main""#
        var entries: [(String, Data)] = [
            ("xl/workbook.xml", Data("<workbook \(ns)><sheets><sheet name=\"s\" sheetId=\"1\"/></sheets></workbook>".utf8)),
            ("xl/worksheets/sheet1.xml", Data("<worksheet \(ns)><sheetData>\(worksheet)</sheetData></worksheet>".utf8)),
        ]
        if let sharedStrings {
            let items = sharedStrings.map { "<si><t>\($0)</t></si>" }.joined()
            entries.append(("xl/sharedStrings.xml", Data("<sst \(ns)>\(items)</sst>".utf8)))
        }
        return make(entries)
    }

    public static func le16(_ value: UInt16) -> Data { Data([UInt8(value & 0xFF), UInt8(value >> 8)]) }
    public static func le32(_ value: UInt32) -> Data { le16(UInt16(value & 0xFFFF)) + le16(UInt16(value >> 16)) }

    public static func crc32(_ data: Data) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    /// Overwrites bytes at `offset` (little-endian fields of a header).
    public static func patch(_ data: Data, at offset: Int, with bytes: Data) -> Data {
        var patched = data
        patched.replaceSubrange(offset..<(offset + bytes.count), with: bytes)
        return patched
    }
}
