import Foundation
import Testing
@testable import MGAuditCore

@Suite struct SheetXLSXTests {
    @Test func labelRowLayoutOnASecondWorksheet() throws {
        let data = try SheetSamples.fixture("header-layout.xlsx")
        #expect(NotificationSheetParser.looksLikeSheet(data, path: "h.xlsx"))
        let sheet = try NotificationSheetParser.parse(data, path: "h.xlsx")
        #expect(sheet.uri1 == SheetSamples.uri1)
        #expect(sheet.uri2 == SheetSamples.expected.uri2)
        #expect(sheet.domains == ["example.co.jp", "example-group.jp"])
    }

    @Test(arguments: ["bomb-honest.xlsx", "bomb-forged.xlsx"])
    func inflationBeyondTheBoundIsRefused(name: String) throws {
        let data = try SheetSamples.fixture(name)
        #expect(data.count < 64 * 1024)
        let start = Date()
        let error = #expect(throws: InputError.self) { try NotificationSheetParser.parse(data, path: name) }
        #expect(error?.path == name)
        #expect(error?.problem == "refused: zip entry xl/sharedStrings.xml inflates beyond 8 MiB per entry or 32 MiB in total")
        #expect(Date().timeIntervalSince(start) < 5)
        // Sniffing still claims it, so that the refusal is reported rather than the file ignored.
        #expect(NotificationSheetParser.looksLikeSheet(data, path: name))
    }

    @Test func totalBoundCountsEveryEntry() throws {
        let data = try SheetSamples.data("sheet.xlsx")
        // Each part of the sample is under 2 KiB, together more than that.
        let limits = SafeZip.Limits(entryBytes: 4096, totalBytes: 2048)
        let error = #expect(throws: InputError.self) { try XLSXSheet.rows(data, path: "s.xlsx", limits: limits) }
        #expect(error?.problem.hasPrefix("refused: zip entry") == true)
        #expect(error?.problem.hasSuffix("4096 bytes per entry or 2048 bytes in total") == true)
        #expect(try XLSXSheet.rows(data, path: "s.xlsx", limits: SafeZip.Limits(entryBytes: 4096, totalBytes: 65536)).isEmpty == false)
    }

    @Test func externalEntityInASharedStringsPartIsRefused() throws {
        let data = try SheetSamples.fixture("xxe.xlsx")
        let error = #expect(throws: InputError.self) { try NotificationSheetParser.parse(data, path: "xxe.xlsx") }
        #expect(error?.problem == SafeXML.refusedDeclarationsProblem)
        #expect(error?.path == "xxe.xlsx!xl/sharedStrings.xml")
    }

    @Test func columnReferences() {
        #expect(XLSXSheet.columnIndex("A1") == 0)
        #expect(XLSXSheet.columnIndex("B12") == 1)
        #expect(XLSXSheet.columnIndex("AA3") == 26)
        #expect(XLSXSheet.columnIndex("12") == nil)
    }

    @Test func inlineAndSharedStringCells() throws {
        let worksheet = try SafeXML.parseXML(Data("""
        <worksheet><sheetData>
        <row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="inlineStr"><is><t>inline</t></is></c></row>
        <row r="4"><c r="B4" t="s"><v>0</v></c><c r="XFD4" t="s"><v>0</v></c></row>
        </sheetData></worksheet>
        """.utf8), path: "w.xml")
        let rows = try XLSXSheet.cellRows(worksheet, shared: ["shared"])
        #expect(rows == [SheetRow(["shared", "", "inline"], line: 1), SheetRow([]), SheetRow(["", "shared"], line: 4)])
    }

    @Test func zipWithoutWorkbookIsNotASheet() throws {
        let data = try SheetSamples.fixture("not-a-workbook.zip")
        #expect(!NotificationSheetParser.looksLikeSheet(data, path: "z.zip"))
        #expect(throws: InputError(path: "z.zip", problem: "is a zip archive but not an XLSX workbook (no xl/workbook.xml)")) {
            try NotificationSheetParser.parse(data, path: "z.zip")
        }
        #expect(NotificationSheetParser.format(of: try SheetSamples.fixture("header-layout.xlsx"), path: "h.xlsx") == .xlsx)
    }
}
