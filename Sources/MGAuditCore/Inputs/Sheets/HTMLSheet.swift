import Foundation

/// HTML sheets (a saved mail or web page): `<table>` rows of label and value cells (`th` or `td`),
/// `<dl>` groups of `<dt>` and `<dd>`, and, when neither holds sheet labels, the page's text read
/// line by line like a text sheet (when that text is no longer than a text sheet may be).
enum HTMLSheet {
    static func looksLikeHTML(_ text: String) -> Bool {
        // Up to 64 KiB of UTF-8 is within the first 64 Ki characters: search the bytes, ASCII
        // case-insensitively (no other letter lower-cases to one of the markers'). A marker followed
        // by a non-ASCII scalar (a combining mark would make another character) takes the slow path.
        if text.utf8.count <= 64 * 1024, let found = asciiMarker(in: text) { return found }
        let head = text.prefix(64 * 1024).lowercased()
        return head.contains("<html") || head.contains("<table") || head.contains("<dl") || head.contains("<!doctype html")
    }

    private static let markers: [[UInt8]] = ["<html", "<table", "<dl", "<!doctype html"].map { Array($0.utf8) }

    /// true or false when the bytes decide; nil when a marker is followed by a non-ASCII byte.
    private static func asciiMarker(in text: String) -> Bool? {
        var text = text
        return text.withUTF8 { bytes -> Bool? in
            var found = false
            var index = 0
            while index < bytes.count {
                if bytes[index] == 0x3C {
                    for marker in markers where matches(marker, bytes, at: index) {
                        let after = index + marker.count
                        if after < bytes.count, bytes[after] >= 0x80 { return nil }
                        found = true
                    }
                }
                index += 1
            }
            return found
        }
    }

    private static func matches(_ marker: [UInt8], _ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        guard bytes.count - start >= marker.count else { return false }
        for offset in 0..<marker.count {
            let byte = bytes[start + offset]
            let lower = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
            if lower != marker[offset] { return false }
        }
        return true
    }

    static func rows(_ root: SafeXML.Element) -> [SheetRow] {
        var rows: [SheetRow] = []
        collectRows(root, into: &rows)
        if SheetInterpreter.hasEvidence(rows) { return rows }
        var text = ""
        render(root, into: &text)
        guard NotificationSheetParser.lineCount(text) <= NotificationSheetParser.maximumTextLines else { return rows }
        return TextSheet.rows(text)
    }

    private static let skipped: Set<String> = ["head", "script", "style", "template", "title"]
    private static let blocks: Set<String> = [
        "p", "div", "br", "li", "tr", "table", "dt", "dd", "dl", "h1", "h2", "h3", "h4", "h5", "h6", "pre",
        "blockquote", "section", "article", "header", "footer", "ul", "ol", "hr", "body",
    ]

    /// Table rows and definition lists in document order; a blank row after each table or list
    /// keeps one table's URI2 block from running into the next.
    private static func collectRows(_ element: SafeXML.Element, into rows: inout [SheetRow]) {
        for child in element.childElements where !skipped.contains(child.name) {
            switch child.name {
            case "tr":
                let cells = child.childElements.filter { $0.name == "td" || $0.name == "th" }
                if cells.contains(where: { !$0.descendants(named: "table").isEmpty }) {
                    collectRows(child, into: &rows)
                } else if !cells.isEmpty {
                    rows.append(SheetRow(cells.map(cellText)))
                }
            case "dl":
                rows.append(contentsOf: definitionRows(child))
                rows.append(SheetRow([]))
            case "table":
                collectRows(child, into: &rows)
                rows.append(SheetRow([]))
            default:
                collectRows(child, into: &rows)
            }
        }
    }

    private static func definitionRows(_ list: SafeXML.Element) -> [SheetRow] {
        // HTML5 allows <div> wrappers around dt/dd groups.
        let items = list.childElements.flatMap { $0.name == "div" ? $0.childElements : [$0] }
        var rows: [SheetRow] = []
        for item in items {
            if item.name == "dt" {
                rows.append(SheetRow([cellText(item)]))
            } else if item.name == "dd", !rows.isEmpty {
                rows[rows.count - 1].cells.append(cellText(item))
            }
        }
        return rows
    }

    /// A cell's text with `<br>` and block elements as line breaks (a URI2 cell may list one URI per
    /// domain); characters are kept as parsed, entities decoded.
    static func cellText(_ element: SafeXML.Element) -> String {
        var text = ""
        render(element, into: &text)
        return text
    }

    private static func render(_ element: SafeXML.Element, into text: inout String) {
        for child in element.children {
            switch child {
            case .text(let string):
                text += string
            case .element(let inner):
                guard !skipped.contains(inner.name) else { continue }
                let isBlock = blocks.contains(inner.name)
                if isBlock { text += "\n" }
                render(inner, into: &text)
                if inner.name == "td" || inner.name == "th" { text += "\t" }
                if isBlock { text += "\n" }
            }
        }
    }
}
