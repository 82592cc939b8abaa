import Foundation

/// Reads notification sheets (開通通知書) in the forms they reach support: text (UTF-8 or
/// Shift_JIS), HTML (saved mail or web page), XLSX, and the plain YAML/JSON form for batches.
/// Which form a file is in is the input sniffer's decision (`InputSniffer`), made from the content,
/// never from the file name; this type only parses. See docs/sheet-formats.md.
public enum NotificationSheetParser {
    enum Format: Sendable, Hashable {
        case xlsx, html, json, yaml, text
    }

    /// A sheet read line by line (a text sheet, or an HTML page's text) with more lines than this
    /// is refused: a real sheet has a few dozen, and each line costs a few label matches.
    public static let maximumTextLines = 10_000

    static func lineCount(_ text: String) -> Int {
        text.utf8.reduce(into: 1) { count, byte in if byte == 0x0A { count += 1 } }
    }

    static func checkTextSize(_ text: String, path: String) throws {
        guard lineCount(text) <= maximumTextLines else {
            throw InputError(path: path, problem: "refused: text notification sheet longer than \(maximumTextLines) lines")
        }
    }

    /// Whether the sniffer takes the bytes for a notification sheet (one that is claimed but
    /// unusable, such as a sheet without URI1 or an unsafe workbook, included).
    public static func looksLikeSheet(_ data: Data, path: String) -> Bool {
        format(of: data, path: path) != nil
    }

    /// The form the sniffer takes a sheet to be in; nil when it does not take the bytes for a sheet.
    static func format(of data: Data, path: String) -> Format? {
        InputSniffer.sheetFormat(of: data, path: path)
    }

    /// Parses bytes given as a sheet. The form is the sniffer's cheap look (zip magic, JSON, HTML,
    /// the YAML form's keys); anything else is read as a text sheet, so that a file without sheet
    /// labels says which label is missing. A sheet without 「Microsoft 365_リダイレクトURI1」 is an
    /// `InputError`, as is anything unsafe (XML with a DTD, a zip that inflates past its bounds).
    public static func parse(_ data: Data, path: String) throws -> NotificationSheet {
        if InputSniffer.form(of: data) == .workbook {
            return try parse(rows: XLSXSheet.rows(data, path: path), path: path)
        }
        let text = try TextDecoding.decode(data, path: path).text
        switch InputSniffer.sheetFormat(ofText: text) {
        case .json: return try StructuredSheet.parseJSON(text, path: path)
        case .yaml: return try StructuredSheet.parseYAML(text, path: path)
        case .html: return try parse(rows: HTMLSheet.rows(SafeXML.parseHTML(text, path: path)), path: path)
        case .text, .xlsx:
            try checkTextSize(text, path: path)
            return try parse(rows: TextSheet.rows(text), path: path)
        }
    }

    /// Rows of any tabular form (text lines, HTML table rows, worksheet rows) read as a sheet.
    static func parse(rows: [SheetRow], path: String) throws -> NotificationSheet {
        try SheetInterpreter.interpret(rows, path: path)
    }
}
