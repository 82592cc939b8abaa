import FuzzDriver
import Foundation
import MGAuditCore

/// The library call under test: the notification sheet parser (XLSX workbook), which tells the
/// sheet's format from its content. Thrown errors are fine (a broken sheet is reported, not a
/// crash); only traps, hangs, leaks and memory blow-ups count.
func fuzzOne(_ data: Data) {
    _ = try? NotificationSheetParser.parse(workbook(data), path: "fuzz-sheet.xlsx")
}

/// A zip (`PK\u{3}\u{4}…`) is passed as it is: that fuzzes the archive layer. Anything else is the
/// worksheet XML, optionally followed by a NUL byte and the shared strings XML, and is packed into a
/// minimal workbook of stored (uncompressed) entries with correct CRCs, so that mutations reach the
/// cell and row parsing instead of dying at the CRC check.
/// With `MGAUDIT_FUZZ_SAVE_WORKBOOK=FILE` the packed workbook is also written to FILE: that is how
/// a finding becomes a real .xlsx for Fuzz/regressions/sheet-xlsx/ (see Fuzz/README.md).
func workbook(_ data: Data) -> Data {
    if data.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return data }
    let parts = data.split(separator: 0, maxSplits: 1, omittingEmptySubsequences: false)
    var entries: [(String, Data)] = [
        ("xl/workbook.xml", Data(#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="Sheet1" sheetId="1"/></sheets></workbook>"#.utf8)),
        ("xl/worksheets/sheet1.xml", Data(parts.first ?? Data())),
    ]
    if parts.count > 1 { entries.append(("xl/sharedStrings.xml", Data(parts[1]))) }
    let zip = StoredZip.archive(entries)
    if let file = ProcessInfo.processInfo.environment["MGAUDIT_FUZZ_SAVE_WORKBOOK"] {
        try? zip.write(to: URL(fileURLWithPath: file))
    }
    return zip
}

/// Writes a zip archive of stored entries (no compression, no extra fields).
enum StoredZip {
    static let crcTable: [UInt32] = (0..<256).map { index in
        var crc = UInt32(index)
        for _ in 0..<8 { crc = crc & 1 == 1 ? 0xEDB8_8320 ^ (crc >> 1) : crc >> 1 }
        return crc
    }

    static func crc32(_ data: Data) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data { crc = crcTable[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }

    static func archive(_ entries: [(String, Data)]) -> Data {
        var out = Data()
        var central = Data()
        func le16(_ value: Int, _ into: inout Data) { into.append(contentsOf: [UInt8(value & 0xFF), UInt8((value >> 8) & 0xFF)]) }
        func le32(_ value: UInt32, _ into: inout Data) { for shift in [0, 8, 16, 24] { into.append(UInt8((value >> UInt32(shift)) & 0xFF)) } }
        for (name, body) in entries {
            let nameBytes = Data(name.utf8)
            let crc = crc32(body)
            let offset = UInt32(truncatingIfNeeded: out.count)
            let size = UInt32(truncatingIfNeeded: body.count)
            // Local file header: version 2.0, no flags, stored, 1980-01-01 00:00.
            le32(0x0403_4B50, &out); le16(20, &out); le16(0, &out); le16(0, &out); le16(0, &out); le16(0x21, &out)
            le32(crc, &out); le32(size, &out); le32(size, &out); le16(nameBytes.count, &out); le16(0, &out)
            out.append(nameBytes)
            out.append(body)
            // Central directory header.
            le32(0x0201_4B50, &central); le16(20, &central); le16(20, &central); le16(0, &central); le16(0, &central)
            le16(0, &central); le16(0x21, &central); le32(crc, &central); le32(size, &central); le32(size, &central)
            le16(nameBytes.count, &central); le16(0, &central); le16(0, &central); le16(0, &central); le16(0, &central)
            le32(0, &central); le32(offset, &central)
            central.append(nameBytes)
        }
        let centralOffset = UInt32(truncatingIfNeeded: out.count)
        out.append(central)
        // End of central directory record.
        le32(0x0605_4B50, &out); le16(0, &out); le16(0, &out); le16(entries.count, &out); le16(entries.count, &out)
        le32(UInt32(truncatingIfNeeded: central.count), &out); le32(centralOffset, &out); le16(0, &out)
        return out
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let bytes, count > 0 else { return 0 }
    fuzzOne(Data(bytes: bytes, count: count))
    return 0
}

/// `main` of a SwiftPM debug build (linked as `main=fuzz_sheet_xlsx_main`): runs libFuzzer's driver.
@_cdecl("fuzz_sheet_xlsx_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv, fuzzerTestOneInput)
}
