import Foundation
import MGAuditTestSupport
import Testing
@testable import MGAuditCore

/// Hostile inputs that are tiny on disk: YAML alias bombs, workbooks with absurd numbers, pages
/// over the size bound, and a large log that must be classified without the sheet parser.
enum HostileInputs {
    /// "Billion laughs": nine levels of nine aliases, 9^9 (387 million) strings once expanded.
    static let aliasBomb: String = {
        var text = #"a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]"# + "\n"
        let names = Array("abcdefghi")
        for level in 1..<names.count {
            let alias = "*\(names[level - 1])"
            text += "\(names[level]): &\(names[level]) [" + Array(repeating: alias, count: 9).joined(separator: ",") + "]\n"
        }
        return text
    }()

    static let settingsBomb = "applicationId: d23f0824-128b-4f33-8c5c-7fd0a6a3a450\nclientSecret: Qx78Q~sample\n" + aliasBomb
    static let sheetBomb = "kind: mailgates-notification-sheet\nuri1: \(SheetSamples.uri1)\nuri2: \(SheetSamples.uri2Main)\n" + aliasBomb

    static func temporaryFolder(_ files: [String: Data]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mgaudit-bounds-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, data) in files { try data.write(to: folder.appendingPathComponent(name)) }
        return folder
    }

    static func seconds(_ body: () throws -> Void) rethrows -> TimeInterval {
        let start = Date()
        try body()
        return Date().timeIntervalSince(start)
    }
}

@Suite struct YAMLBoundsTests {
    @Test func theBombIsSmall() {
        #expect(HostileInputs.aliasBomb.utf8.count < 600)
    }

    @Test(arguments: [
        ("mailgates-settings.yaml", HostileInputs.settingsBomb),
        ("sheet.yaml", HostileInputs.sheetBomb),
        ("notes.yaml", HostileInputs.aliasBomb),
    ])
    func aliasBombInAnInputIsRefusedAtOnce(name: String, text: String) throws {
        var error: InputError?
        let elapsed = HostileInputs.seconds {
            error = #expect(throws: InputError.self) { try InputSniffer.parse(Data(text.utf8), path: "t/\(name)") }
        }
        #expect(elapsed < 1)
        #expect(error?.path == "t/\(name)")
        #expect(error?.problem.hasPrefix("refused: ") == true)
        #expect(error?.description.contains("\n") == false)
    }

    @Test func aliasBombInATenantFolderIsAnUnreadableInput() throws {
        let manifest = try Data(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Samples/tenants/clean/manifest.json").standardized)
        let folder = try HostileInputs.temporaryFolder(["manifest.json": manifest, "notes.yaml": Data(HostileInputs.aliasBomb.utf8),
                                                         "mailgates-settings.yaml": Data(HostileInputs.settingsBomb.utf8)])
        defer { try? FileManager.default.removeItem(at: folder) }
        var bundle: TenantBundle?
        let elapsed = try HostileInputs.seconds { bundle = try TenantLoader.load(path: folder.path) }
        #expect(elapsed < 1)
        #expect(bundle?.manifest != nil)
        let unreadable = bundle?.problems.filter { $0.kind == .unreadable }.map { URL(fileURLWithPath: $0.path).lastPathComponent }
        #expect(unreadable?.sorted() == ["mailgates-settings.yaml", "notes.yaml"])
        #expect(bundle?.problems.allSatisfy { $0.detail.hasPrefix("refused: ") } == true)
    }

    @Test func aliasBombAsARulePackIsRefusedAtOnce() throws {
        let catalog = try PermissionCatalog.load(directory: RulesFixture.rulesDirectory)
        let pack = """
        name: bomb
        version: "1"
        \(HostileInputs.aliasBomb)
        rules:
          - id: secret-none
            severity: error
            check: secret-none
            params: {laughs: *i}
        """
        var error: InputError?
        let elapsed = HostileInputs.seconds {
            error = #expect(throws: InputError.self) { try RulePackLoader.parse(text: pack, path: "r/mailgates-m365.yaml", catalog: catalog) }
        }
        #expect(elapsed < 1)
        #expect(error?.path == "r/mailgates-m365.yaml")
        #expect(error?.problem == "refused: YAML expands to more than 1000000 nodes (nested aliases)")
        #expect(error?.line != nil)
    }

    @Test func aliasBombAsACatalogIsRefusedAtOnce() throws {
        let folder = try HostileInputs.temporaryFolder([
            AADSTSCatalog.fileName: Data((HostileInputs.aliasBomb + "codes: *i\n").utf8),
            PermissionCatalog.fileName: Data((HostileInputs.aliasBomb + "resources: *i\n").utf8),
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let elapsed = HostileInputs.seconds {
            let aadsts = #expect(throws: InputError.self) { try AADSTSCatalog.load(directory: folder) }
            #expect(aadsts?.problem.hasPrefix("refused: ") == true)
            let permissions = #expect(throws: InputError.self) { try PermissionCatalog.load(directory: folder) }
            #expect(permissions?.problem.hasPrefix("refused: ") == true)
        }
        #expect(elapsed < 1)
    }

    @Test func anyAliasInAnInputFileIsRefused() {
        let text = "applicationId: &id d23f0824-128b-4f33-8c5c-7fd0a6a3a450\nclientId: *id\n"
        #expect(throws: InputError(path: "s.yaml", problem: "refused: YAML aliases (*name) are not accepted in this file", line: 2)) {
            try InputSniffer.parse(Data(text.utf8), path: "s.yaml")
        }
    }

    @Test func deepNestingIsRefusedBeforeYamsRecurses() {
        func sheet(depth: Int) -> Data {
            Data(("kind: mailgates-notification-sheet\nuri1: " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
                + "\nuri2: []\n").utf8)
        }
        let error = #expect(throws: InputError.self) { try InputSniffer.parse(sheet(depth: 40), path: "deep.yaml") }
        #expect(error?.problem == "refused: YAML nested deeper than 32 levels")
        // Deeper still, libyaml's own nesting limit answers first: a syntax error, never a crash.
        let deeper = #expect(throws: InputError.self) { try InputSniffer.parse(sheet(depth: 100_000), path: "deep.yaml") }
        #expect(deeper?.path == "deep.yaml")
    }

    @Test func largeYAMLSheetIsRefusedNotPassedOver() {
        let text = "kind: mailgates-notification-sheet\nuri1: \(SheetSamples.uri1)\nuri2: \(SheetSamples.uri2Main)\n"
            + String(repeating: "# padding\n", count: 120_000)
        #expect(throws: InputError(path: "big.yaml", problem: "refused: YAML larger than 1 MiB")) {
            try InputSniffer.parse(Data(text.utf8), path: "big.yaml")
        }
    }

    @Test func scanCountsAliasesAsWhatTheyExpandTo() throws {
        // One anchored list of three scalars (4 nodes), aliased twice, inside a mapping.
        let text = "a: &x [1, 2, 3]\nb: *x\nc: *x\n"
        let scan = try YAMLFile.scan(text, path: "x.yaml", limits: .rulePack)
        #expect(scan == .valid(YAMLFile.Shape(aliases: 2, depth: 2, nodes: 1 + 3 + 4 + 4 + 4)))
        #expect(throws: InputError.self) {
            try YAMLFile.scan(text, path: "x.yaml", limits: YAMLFile.Limits(maximumBytes: 1024, maximumDepth: 8, maximumAliases: 8, maximumNodes: 15))
        }
    }

    @Test func syntaxErrorsAreNotRefusals() throws {
        guard case .invalid(let error) = try YAMLFile.scan("a: [1, 2\nb: c\n", path: "x.yaml", limits: .inputFile) else {
            Issue.record("expected a syntax error")
            return
        }
        #expect(error.problem.hasPrefix("YAML syntax error"))
        #expect(error.line != nil)
    }

    @Test func shippedPackStaysWellInsideItsBounds() throws {
        let url = RulesFixture.rulesDirectory.appendingPathComponent(RulePackLoader.packFileName)
        let (text, _) = try TextDecoding.read(url)
        guard case .valid(let shape) = try YAMLFile.scan(text, path: url.path, limits: .rulePack) else {
            Issue.record("the shipped pack does not scan")
            return
        }
        #expect(shape.aliases <= YAMLFile.Limits.rulePack.maximumAliases / 4)
        #expect(shape.nodes <= YAMLFile.Limits.rulePack.maximumNodes / 10)
        #expect(shape.depth <= YAMLFile.Limits.rulePack.maximumDepth / 2)
    }
}

@Suite struct XLSXBoundsTests {
    func rows(_ worksheet: String, shared: [String] = []) throws -> [SheetRow] {
        try XLSXSheet.cellRows(SafeXML.parseXML(Data("<worksheet><sheetData>\(worksheet)</sheetData></worksheet>".utf8), path: "w"),
                               shared: shared, path: "b.xlsx!xl/worksheets/sheet1.xml")
    }

    @Test(arguments: ["9223372036854775807", "99999999999999999999999", "-1", "0", "1048577", "1e3", " 1"])
    func rowNumbersOutsideExcelsRangeAreRefused(number: String) {
        let error = #expect(throws: InputError.self) {
            try rows(#"<row r="\#(number)"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row><row><c/></row>"#)
        }
        #expect(error?.path == "b.xlsx!xl/worksheets/sheet1.xml")
        #expect(error?.problem.hasPrefix("XLSX row number '") == true)
        #expect(error?.problem.hasSuffix("is out of range (1–1048576)") == true)
    }

    @Test func lastRowThenAnUnnumberedRowIsRefused() {
        #expect(throws: InputError(path: "b.xlsx!xl/worksheets/sheet1.xml", problem: "XLSX worksheet has more than 1048576 rows")) {
            try rows(#"<row r="1048576"/><row/>"#)
        }
    }

    @Test(arguments: ["A9223372036854775807", "AAAA1", "XFE1", "A0", "A", "1", "A-1", "ZZZZZZZZZZZZZZZZZZZZ1"])
    func cellReferencesOutsideExcelsRangeAreRefused(reference: String) {
        let error = #expect(throws: InputError.self) {
            try rows(#"<row r="1"><c r="\#(reference)" t="inlineStr"><is><t>x</t></is></c></row>"#)
        }
        #expect(error?.problem.hasPrefix("XLSX cell reference") == true)
    }

    @Test(arguments: ["9223372036854775807", "-1", "1", "x"])
    func sharedStringIndexesOutsideTheTableAreRefused(index: String) {
        let error = #expect(throws: InputError.self) {
            try rows(#"<row r="1"><c r="B1" t="s"><v>\#(index)</v></c></row>"#, shared: ["only"])
        }
        #expect(error?.problem == "XLSX cell B1 refers to shared string '\(index)', but the workbook has 1")
    }

    @Test func excelsLastCellIsFine() throws {
        #expect(try rows(#"<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c><c r="b1048576" t="s"><v>0</v></c></row>"#,
                         shared: ["s"]) == [SheetRow(["", "s"], line: 1_048_576)])
    }

    @Test func hugeRowNumberInAWorkbookIsAnUnreadableSheetNotATrap() throws {
        let data = StoredZip.workbook(worksheet: """
        <row r="9223372036854775807"><c r="A1" t="inlineStr"><is><t>Microsoft 365_リダイレクトURI1</t></is></c></row><row><c/></row>
        """)
        let error = #expect(throws: InputError.self) { try InputSniffer.parse(data, path: "t/sheet.xlsx") }
        #expect(error?.path == "t/sheet.xlsx!xl/worksheets/sheet1.xml")
        #expect(error?.problem == "XLSX row number '9223372036854775807' is out of range (1–1048576)")
        #expect(NotificationSheetParser.looksLikeSheet(data, path: "t/sheet.xlsx"))
    }

    @Test func storedWorkbookWriterMakesReadableSheets() throws {
        let data = StoredZip.workbook(worksheet: """
        <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>\(SheetSamples.uri1)</t></is></c></row>
        """, sharedStrings: ["Microsoft 365_リダイレクトURI1"])
        let parsed = try InputSniffer.parse(data, path: "ok.xlsx")
        guard case .sheet(let sheet)? = parsed?.1 else {
            Issue.record("not read as a sheet")
            return
        }
        #expect(sheet.uri1 == SheetSamples.uri1)
    }

    @Test func zip64StructuresAreRefused() throws {
        let data = StoredZip.workbook(worksheet: "<row/>")
        let eocd = try #require(data.count >= 22 ? data.count - 22 : nil)
        // The central directory offset set to 0xFFFFFFFF, as ZIP64 archives write it.
        let forged = StoredZip.patch(data, at: eocd + 16, with: StoredZip.le32(0xFFFF_FFFF))
        #expect(throws: InputError(path: "z.xlsx", problem: "refused: zip (XLSX) archive uses ZIP64 (not needed for a sheet)")) {
            try InputSniffer.parse(forged, path: "z.xlsx")
        }
        // A ZIP64 end-of-directory locator before the record.
        let locator = StoredZip.le32(0x0706_4B50) + StoredZip.le32(0) + Data(repeating: 0, count: 8) + StoredZip.le32(1)
        var withLocator = data.prefix(eocd)
        withLocator += locator
        withLocator += data.suffix(22)
        #expect(throws: InputError.self) { try InputSniffer.parse(Data(withLocator), path: "z.xlsx") }
    }

    @Test func directoryPointingOutsideTheFileIsRefused() throws {
        let data = StoredZip.workbook(worksheet: "<row/>")
        let eocd = data.count - 22
        let forged = StoredZip.patch(data, at: eocd + 12, with: StoredZip.le32(0x7FFF_FFF0))
        #expect(throws: InputError(path: "z.xlsx", problem: "refused: zip (XLSX) archive has a central directory outside the file")) {
            try InputSniffer.parse(forged, path: "z.xlsx")
        }
        // An entry whose local header offset lies past the end.
        let entryOffset = try #require(data.range(of: StoredZip.le32(0x0201_4B50))?.lowerBound)
        let pastEnd = StoredZip.patch(data, at: entryOffset + 42, with: StoredZip.le32(0x00FF_FFFF))
        #expect(throws: InputError(path: "z.xlsx", problem: "refused: zip (XLSX) archive has an entry outside the file")) {
            try InputSniffer.parse(pastEnd, path: "z.xlsx")
        }
    }

    @Test func everyFieldOfTheHeadersSetToItsMaximumNeverTraps() throws {
        // Each 2- and 4-byte position of a small workbook set to all ones: refused or read, never a trap.
        let data = StoredZip.workbook(worksheet: #"<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>"#)
        for offset in 0..<(data.count - 4) {
            for width in [2, 4] {
                let forged = StoredZip.patch(data, at: offset, with: Data(repeating: 0xFF, count: width))
                _ = try? InputSniffer.parse(forged, path: "f.xlsx")
            }
        }
    }
}

@Suite struct SniffingCostTests {
    /// About 7 MB of gateway log lines: timestamps, colons and spaces, no sheet label anywhere.
    static let largeLog: String = {
        var lines: [String] = []
        var size = 0
        var index = 0
        while size < 7 * 1024 * 1024 {
            let line = "2025-03-10T09:\(index / 60 % 60):\(index % 60)Z INFO mg_login request id=\(index) user=user\(index % 977)@example.co.jp status=200 elapsed=\(index % 1000)ms path=/mg-cgi/mg_login"
            lines.append(line)
            size += line.utf8.count + 1
            index += 1
        }
        return lines.joined(separator: "\n") + "\n"
    }()

    @Test func largeLogIsClassifiedFromItsFirstLines() throws {
        let data = Data(Self.largeLog.utf8)
        var parsed: (InputKind, InputSniffer.Parsed)?
        let elapsed = try HostileInputs.seconds { parsed = try InputSniffer.parse(data, path: "mailgates.log") }
        #expect(parsed == nil)
        // Before: the sheet parser read all 7 MB (96 s in a debug build; now about 2 s there).
        #expect(elapsed < 20)
        // The decision rests on the head only: the sheet parser never sees the rest.
        #expect(InputSniffer.Head(Self.largeLog).text.utf8.count <= InputSniffer.headBytes)
    }

    @Test func largeLogWithAnErrorIsErrorText() throws {
        let text = Self.largeLog + "2025-03-10T10:00:00Z ERROR AADSTS50011: The redirect URI does not match\n"
        var parsed: (InputKind, InputSniffer.Parsed)?
        let elapsed = try HostileInputs.seconds { parsed = try InputSniffer.parse(Data(text.utf8), path: "mailgates.log") }
        #expect(parsed?.0 == .errorText)
        #expect(elapsed < 20)
    }

    @Test func sheetLabelsFarDownALogDoNotMakeItASheet() throws {
        let text = Self.largeLog + "Microsoft 365_リダイレクトURI1：\(SheetSamples.uri1)\n"
        #expect(try InputSniffer.parse(Data(text.utf8), path: "mailgates.log") == nil)
    }

    @Test func aadstsCodeScan() {
        #expect(InputSniffer.containsAADSTSCode("x AADSTS50011: y"))
        #expect(InputSniffer.containsAADSTSCode("AAADSTS7000215"))
        #expect(!InputSniffer.containsAADSTSCode("AADSTS501 and AADSTS"))
        #expect(!InputSniffer.containsAADSTSCode("aadsts50011"))
    }

    @Test(arguments: [
        ("a: 1\n", true), ("# c\n---\nkey: v\n", true), ("\"quoted key\": v\n", true), ("- a\n", false),
        ("2025-03-10T09:30:43Z INFO x\n", false), ("Microsoft 365_リダイレクトURI1：https://x\n", false),
        ("url: https://a/b # c\n", true), ("not a key\nb: c\n", false),
    ])
    func yamlShapedHeads(text: String, shaped: Bool) {
        #expect(InputSniffer.Head(text).isYAMLShaped == shaped)
    }

    @Test func structuredSheetKeysInTheHead() {
        #expect(InputSniffer.Head("kind: \"mailgates-notification-sheet\" # batch\n").isStructuredSheet)
        #expect(InputSniffer.Head("uri1: https://a/x\nuri2: https://a/y\n").isStructuredSheet)
        #expect(!InputSniffer.Head("kind: other\nuri1: https://a/x\nuri2: https://a/y\n").isStructuredSheet)
        #expect(!InputSniffer.Head("uri1: https://a/x\n").isStructuredSheet)
    }
}

@Suite struct HTMLBoundsTests {
    @Test func htmlSheetOverTheSizeBoundIsRefusedNotUnrecognised() throws {
        let table = "<html><body><table><tr><td>Microsoft 365_リダイレクトURI1</td><td>\(SheetSamples.uri1)</td></tr></table>"
        let text = table + String(repeating: "<p>x</p>", count: SafeXML.maximumInputBytes / 8 + 1) + "</body></html>"
        #expect(throws: InputError(path: "big.html", problem: "refused: XML/HTML larger than 16 MiB")) {
            try InputSniffer.parse(Data(text.utf8), path: "big.html")
        }
        #expect(NotificationSheetParser.format(of: Data(text.utf8), path: "big.html") == .html)
    }

    @Test func workbookOverTheSizeBoundIsRefused() {
        var data = SafeZip.magic
        data.append(Data(count: TextDecoding.maximumInputBytes))
        #expect(throws: InputError(path: "big.xlsx", problem: "refused: zip (XLSX) archive larger than 32 MiB")) {
            try InputSniffer.parse(data, path: "big.xlsx")
        }
    }
}

@Suite struct SheetTextBoundsTests {
    @Test func textSheetOverTheBoundIsRefused() {
        let text = "Microsoft 365_リダイレクトURI1：\(SheetSamples.uri1)\n" + String(repeating: "備考：なし\n", count: 100_000)
        #expect(throws: InputError(path: "big.txt", problem: "refused: text notification sheet longer than 10000 lines")) {
            try InputSniffer.parse(Data(text.utf8), path: "big.txt")
        }
        #expect(NotificationSheetParser.format(of: Data(text.utf8), path: "big.txt") == .text)
    }

    @Test func pageTextOverTheBoundIsNotReadLineByLine() throws {
        let html = "<html><body><p>Microsoft 365_リダイレクトURI1：\(SheetSamples.uri1)</p>"
            + String(repeating: "<p>word word word word</p>", count: 50_000) + "</body></html>"
        var parsed: (InputKind, InputSniffer.Parsed)?
        let elapsed = try HostileInputs.seconds { parsed = try InputSniffer.parse(Data(html.utf8), path: "page.html") }
        #expect(parsed == nil)
        #expect(elapsed < 20)
    }
}
