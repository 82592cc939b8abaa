import Foundation

/// XLSX sheets: the worksheets of the workbook (in workbook order) read as rows of cell text, with
/// shared strings and inline strings resolved. The first worksheet holding sheet labels is used.
enum XLSXSheet {
    static let workbookPath = "xl/workbook.xml"
    /// Columns past this are ignored: a sheet is two or three columns wide, and a cell reference
    /// like `XFD1` must not make us allocate sixteen thousand cells per row.
    static let maximumColumns = 64
    static let maximumWorksheets = 16

    static func isWorkbook(_ data: Data, path: String) -> Bool {
        guard SafeZip.isZip(data), let zip = try? SafeZip(data, path: path) else { return false }
        return zip.contains(workbookPath)
    }

    static func rows(_ data: Data, path: String, limits: SafeZip.Limits = .standard) throws -> [SheetRow] {
        var zip = try SafeZip(data, path: path, limits: limits)
        guard zip.contains(workbookPath) else {
            throw InputError(path: path, problem: "is a zip archive but not an XLSX workbook (no \(workbookPath))")
        }
        let shared = try zip.read("xl/sharedStrings.xml").map { try sharedStrings(SafeXML.parseXML($0, path: "\(path)!xl/sharedStrings.xml")) } ?? []
        var first: [SheetRow]?
        for worksheet in try worksheetPaths(&zip).prefix(maximumWorksheets) {
            guard let xml = try zip.read(worksheet) else { continue }
            let rows = cellRows(try SafeXML.parseXML(xml, path: "\(path)!\(worksheet)"), shared: shared)
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

    static func cellRows(_ worksheet: SafeXML.Element, shared: [String]) -> [SheetRow] {
        var rows: [SheetRow] = []
        var previousNumber = 0
        for row in worksheet.descendants(named: "row") {
            let number = row.attributes["r"].flatMap { Int($0) } ?? previousNumber + 1
            if number > previousNumber + 1, !rows.isEmpty { rows.append(SheetRow([])) }
            previousNumber = number
            var cells: [String] = []
            for cell in row.children(named: "c") {
                let column = cell.attributes["r"].flatMap(columnIndex) ?? cells.count
                guard column < maximumColumns else { continue }
                while cells.count <= column { cells.append("") }
                cells[column] = value(of: cell, shared: shared)
            }
            rows.append(SheetRow(cells, line: number))
        }
        return rows
    }

    private static func value(of cell: SafeXML.Element, shared: [String]) -> String {
        let raw = cell.children(named: "v").first?.text
        switch cell.attributes["t"] {
        case "s":
            guard let index = raw.flatMap({ Int(SheetLabels.trimASCII($0)) }), shared.indices.contains(index) else { return "" }
            return shared[index]
        case "inlineStr":
            return cell.children(named: "is").first.map(stringItemText) ?? ""
        default:
            return raw ?? ""
        }
    }

    /// `B12` → 1 (zero-based column).
    static func columnIndex(_ reference: String) -> Int? {
        var column = 0
        var sawLetter = false
        for scalar in reference.unicodeScalars {
            guard ("A"..."Z").contains(scalar) else { break }
            column = column * 26 + Int(scalar.value - 64)
            sawLetter = true
            if column > 100_000 { return nil }
        }
        return sawLetter ? column - 1 : nil
    }
}
