import Foundation

/// XLSX sheets: the worksheets of the workbook (in workbook order) read as rows of cell text, with
/// shared strings and inline strings resolved. The first worksheet holding sheet labels is used.
enum XLSXSheet {
    static let workbookPath = "xl/workbook.xml"
    /// Columns past this are ignored: a sheet is two or three columns wide, and a cell reference
    /// like `XFD1` must not make us allocate sixteen thousand cells per row.
    static let maximumColumns = 64
    static let maximumWorksheets = 16

    /// Excel's own bounds: a row number or column beyond them is a corrupt or hostile workbook.
    static let maximumRow = 1_048_576
    static let maximumColumn = 16_384

    static func rows(_ data: Data, path: String, limits: SafeZip.Limits = .standard) throws -> [SheetRow] {
        var zip = try SafeZip(data, path: path, limits: limits)
        guard zip.contains(workbookPath) else {
            throw InputError(path: path, problem: "is a zip archive but not an XLSX workbook (no \(workbookPath))")
        }
        return try rows(&zip)
    }

    /// The rows of an opened workbook that holds `xl/workbook.xml`.
    static func rows(_ zip: inout SafeZip) throws -> [SheetRow] {
        let path = zip.path
        let shared = try zip.read("xl/sharedStrings.xml").map { try sharedStrings(SafeXML.parseXML($0, path: "\(path)!xl/sharedStrings.xml")) } ?? []
        var first: [SheetRow]?
        for worksheet in try worksheetPaths(&zip).prefix(maximumWorksheets) {
            guard let xml = try zip.read(worksheet) else { continue }
            let part = "\(path)!\(worksheet)"
            let rows = try cellRows(try SafeXML.parseXML(xml, path: part), shared: shared, path: part)
            if SheetInterpreter.hasEvidence(rows) { return rows }
            if first == nil { first = rows }
        }
        guard let first else { throw InputError(path: path, problem: "XLSX workbook has no readable worksheet") }
        return first
    }

    /// Worksheet parts in workbook order, via `xl/_rels/workbook.xml.rels`; `sheet1.xml` otherwise.
    private static func worksheetPaths(_ zip: inout SafeZip) throws -> [String] {
        let fallback = ["xl/worksheets/sheet1.xml"]
        guard let workbookXML = try zip.read(workbookPath),
              let relsXML = try zip.read("xl/_rels/workbook.xml.rels") else { return fallback }
        let workbook = try SafeXML.parseXML(workbookXML, path: "\(zip.path)!\(workbookPath)")
        let rels = try SafeXML.parseXML(relsXML, path: "\(zip.path)!xl/_rels/workbook.xml.rels")
        var targets: [String: String] = [:]
        for relation in rels.descendants(named: "Relationship") {
            if let id = relation.attributes["Id"], let target = relation.attributes["Target"] { targets[id] = target }
        }
        let paths = workbook.descendants(named: "sheet").compactMap { sheet -> String? in
            guard let id = sheet.attributes["id"], let target = targets[id] else { return nil }
            return target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
        }
        return paths.isEmpty ? fallback : paths
    }

    /// `<si>` text: plain `<t>`, or rich-text runs `<r><t>`; phonetic guides (`<rPh>`, furigana
    /// Excel adds to Japanese text) are not part of the value.
    static func sharedStrings(_ root: SafeXML.Element) -> [String] {
        root.children(named: "si").map(stringItemText)
    }

    private static func stringItemText(_ item: SafeXML.Element) -> String {
        var out = ""
        for child in item.childElements {
            switch child.name {
            case "t": out += child.text
            case "r": out += child.children(named: "t").map(\.text).joined()
            default: break
            }
        }
        return out
    }

    /// Rows of cell text. Every number read from the worksheet (row numbers, cell references,
    /// shared-string indexes) is checked against Excel's bounds before it is used; one outside them
    /// is an `InputError` naming the part and the value.
    static func cellRows(_ worksheet: SafeXML.Element, shared: [String], path: String = "worksheet") throws -> [SheetRow] {
        var rows: [SheetRow] = []
        var previousNumber = 0
        for row in worksheet.descendants(named: "row") {
            let number: Int
            if let written = row.attributes["r"] {
                number = try rowNumber(written, path: path)
            } else {
                // Rows without `r` follow the previous one; past Excel's last row there is no such row.
                guard previousNumber < maximumRow else {
                    throw InputError(path: path, problem: "XLSX worksheet has more than \(maximumRow) rows")
                }
                number = previousNumber + 1
            }
            if number > previousNumber + 1, !rows.isEmpty { rows.append(SheetRow([])) }
            previousNumber = number
            var cells: [String] = []
            for cell in row.children(named: "c") {
                let column = try cell.attributes["r"].map { try cellColumn($0, path: path) } ?? cells.count
                guard column < maximumColumns else { continue }
                while cells.count <= column { cells.append("") }
                cells[column] = try value(of: cell, shared: shared, path: path)
            }
            rows.append(SheetRow(cells, line: number))
        }
        return rows
    }

    private static func value(of cell: SafeXML.Element, shared: [String], path: String) throws -> String {
        let raw = cell.children(named: "v").first?.text
        switch cell.attributes["t"] {
        case "s":
            guard let raw else { return "" }
            let written = SheetLabels.trimASCII(raw)
            guard let index = decimal(written, atMost: shared.count - 1) else {
                let reference = cell.attributes["r"].map { "cell \(VisibleText.escape(String($0.prefix(16)))) " } ?? "a cell "
                throw InputError(path: path, problem: "XLSX \(reference)refers to shared string "
                    + "'\(VisibleText.escape(String(written.prefix(24))))', but the workbook has \(shared.count)")
            }
            return shared[index]
        case "inlineStr":
            return cell.children(named: "is").first.map(stringItemText) ?? ""
        default:
            return raw ?? ""
        }
    }

    /// A row's `r`: 1…1,048,576.
    static func rowNumber(_ written: String, path: String) throws -> Int {
        guard let number = decimal(written, atMost: maximumRow), number >= 1 else {
            throw InputError(path: path, problem: "XLSX row number '\(VisibleText.escape(String(written.prefix(24))))' "
                + "is out of range (1–\(maximumRow))")
        }
        return number
    }

    /// The zero-based column of a cell reference such as `B12`: letters A…XFD, then a row number.
    static func cellColumn(_ reference: String, path: String) throws -> Int {
        guard let column = columnIndex(reference) else {
            throw InputError(path: path, problem: "XLSX cell reference '\(VisibleText.escape(String(reference.prefix(24))))' "
                + "is not a column A–XFD and a row 1–\(maximumRow)")
        }
        return column
    }

    /// `B12` → 1 (zero-based column); nil unless the letters are A…XFD and the digits a row number
    /// 1…1,048,576.
    static func columnIndex(_ reference: String) -> Int? {
        var column = 0
        var letters = 0
        var digits = Substring.UnicodeScalarView()
        for scalar in reference.unicodeScalars {
            if digits.isEmpty, let letter = Self.letterValue(scalar) {
                letters += 1
                // Three letters at most, so this stays far from overflow.
                guard letters <= 3 else { return nil }
                column = column * 26 + letter
            } else {
                digits.append(scalar)
            }
        }
        guard letters > 0, column <= maximumColumn,
              let row = decimal(String(digits), atMost: maximumRow), row >= 1 else { return nil }
        return column - 1
    }

    /// A = 1 … Z = 26, either case.
    private static func letterValue(_ scalar: Unicode.Scalar) -> Int? {
        switch scalar.value {
        case 0x41...0x5A: Int(scalar.value) - 0x40
        case 0x61...0x7A: Int(scalar.value) - 0x60
        default: nil
        }
    }

    /// A plain decimal number (ASCII digits only, no sign) no larger than `bound`; nil otherwise.
    /// Digits are accumulated with overflow checks, so any length of input is safe.
    static func decimal(_ text: String, atMost bound: Int) -> Int? {
        guard !text.isEmpty, bound >= 0 else { return nil }
        var value = 0
        for byte in text.utf8 {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            let (times, overflow) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(Int(byte - 0x30))
            guard !overflow, !overflow2, sum <= bound else { return nil }
            value = sum
        }
        return value
    }
}
