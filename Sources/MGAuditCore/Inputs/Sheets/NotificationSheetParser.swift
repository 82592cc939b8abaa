import Foundation

/// Reads notification sheets (開通通知書) in the forms they reach support: text (UTF-8 or
/// Shift_JIS), HTML (saved mail or web page), XLSX, and the plain YAML/JSON form for batches.
/// The format is told from the content, never from the file name. See docs/sheet-formats.md.
public enum NotificationSheetParser {
    enum Format: Sendable, Hashable {
        case xlsx, html, json, yaml, text
    }

    /// Whether the bytes are a notification sheet: an XLSX workbook, an HTML page or a text with
    /// sheet labels (a URI1/URI2 label, or two other sheet labels), or the YAML/JSON form.
    public static func looksLikeSheet(_ data: Data, path: String) -> Bool {
        do {
            return try parseIfSheet(data, path: path) != nil
        } catch {
            // Claimed but unusable (no URI1, an unsafe workbook): still a sheet, so parsing says why.
            return true
        }
    }

    /// Parses a sheet. A sheet without 「Microsoft 365_リダイレクトURI1」 is an `InputError`, as is
    /// anything unsafe (XML with a DTD, a zip that inflates past its bounds).
    public static func parse(_ data: Data, path: String) throws -> NotificationSheet {
        if SafeZip.isZip(data) {
            return try SheetInterpreter.interpret(XLSXSheet.rows(data, path: path), path: path)
        }
        let text = try TextDecoding.decode(data, path: path).text
        switch textFormat(text) {
        case .json:
            return try StructuredSheet.parseJSON(text, path: path)
        case .yaml:
            return try StructuredSheet.parseYAML(text, path: path)
        case .html:
            return try SheetInterpreter.interpret(HTMLSheet.rows(SafeXML.parseHTML(text, path: path)), path: path)
        case .text, .xlsx:
            return try SheetInterpreter.interpret(TextSheet.rows(text), path: path)
        }
    }

    /// Sniffs and parses in one pass, for the input sniffer: nil when the bytes are not a sheet.
    /// A workbook that cannot be read safely is claimed, so that its refusal is reported.
    public static func parseIfSheet(_ data: Data, path: String) throws -> NotificationSheet? {
        if SafeZip.isZip(data) {
            guard XLSXSheet.isWorkbook(data, path: path) else { return nil }
            let rows = try XLSXSheet.rows(data, path: path)
            return SheetInterpreter.hasEvidence(rows) ? try SheetInterpreter.interpret(rows, path: path) : nil
        }
        guard let text = try? TextDecoding.decode(data, path: path).text else { return nil }
        return try parseIfSheet(text: text, path: path)
    }

    /// The same for text already decoded. JSON that is not the sheet form (a manifest, a consent
    /// export) is never scanned for labels: it cannot be a text sheet, and scanning it is slow.
    public static func parseIfSheet(text: String, path: String) throws -> NotificationSheet? {
        switch textFormat(text) {
        case .json:
            return try StructuredSheet.parseJSON(text, path: path)
        case .yaml:
            return try StructuredSheet.parseYAML(text, path: path)
        case .html:
            guard let root = try? SafeXML.parseHTML(text, path: path) else { return nil }
            let rows = HTMLSheet.rows(root)
            return SheetInterpreter.hasEvidence(rows) ? try SheetInterpreter.interpret(rows, path: path) : nil
        case .text, .xlsx:
            let start = text.first { !$0.isWhitespace }
            guard start != "{" && start != "[" else { return nil }
            let rows = TextSheet.rows(text)
            return SheetInterpreter.hasEvidence(rows) ? try SheetInterpreter.interpret(rows, path: path) : nil
        }
    }

    /// Which form a sheet is in; nil when it is not a sheet. Sniffing itself is `parseIfSheet`'s.
    static func format(of data: Data, path: String) -> Format? {
        guard looksLikeSheet(data, path: path) else { return nil }
        if SafeZip.isZip(data) { return .xlsx }
        return (try? TextDecoding.decode(data, path: path).text).map(textFormat)
    }

    /// JSON and YAML are recognised by their keys only; other JSON (a manifest) is never a sheet,
    /// but is still read as text here, where it will not show sheet labels.
    private static func textFormat(_ text: String) -> Format {
        if StructuredSheet.looksLikeJSON(text) { return .json }
        if HTMLSheet.looksLikeHTML(text) { return .html }
        if StructuredSheet.looksLikeYAML(text) { return .yaml }
        return .text
    }
}
