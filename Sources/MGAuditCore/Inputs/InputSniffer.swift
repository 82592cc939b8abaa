import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Tells what a file is from its content (never its name) and parses it into the model.
///
/// Sniffing is a cheap look, never a trial parse: the first bytes (zip magic, `{`/`[`), the first
/// 64 KiB (`<html`, `<table`, `<dl`), or the first lines (top-level YAML keys, sheet labels,
/// settings labels). The look decides the kind; then exactly one parser reads the whole file. JSON,
/// HTML and workbooks are parsed once and told apart by what the parse shows (keys, table rows),
/// which is the parse the model is built from.
public enum InputSniffer {
    public enum Parsed: Sendable {
        case manifest(AppRegistration)
        case sheet(NotificationSheet)
        case settings(GatewaySettings)
        case consent(InputKind, ConsentState)
        case servicePrincipal
        case errorText(String)
    }

    /// Lines and bytes of a text file that the sniffer looks at.
    public static let headLines = 200
    public static let headBytes = 64 * 1024

    /// The container the first bytes show; each has one parser.
    enum Form: Sendable, Hashable {
        case workbook, json, html, text
    }

    /// What the look decided, with the one parse that builds the model.
    struct Recognised {
        var kind: InputKind
        /// The sheet format, when the file is a notification sheet.
        var sheetFormat: NotificationSheetParser.Format?
        var build: () throws -> Parsed
    }

    /// Sniffs and parses one file. Throws `InputError` for a file that is recognisably one of ours
    /// but broken or refused (unreadable); returns nil for a file that is none of ours (unrecognised).
    public static func parse(_ data: Data, path: String) throws -> (InputKind, Parsed)? {
        guard let recognised = try recognise(data, path: path) else { return nil }
        return (recognised.kind, try recognised.build())
    }

    /// The sheet format these bytes are taken for: what `parse` would read them as, or, for a file
    /// whose reading is refused, the form the look claimed; nil when they are not a sheet.
    static func sheetFormat(of data: Data, path: String) -> NotificationSheetParser.Format? {
        do {
            return try recognise(data, path: path)?.sheetFormat
        } catch {
            switch form(of: data) {
            case .workbook: return .xlsx
            case .json, .html, .text:
                guard let text = try? TextDecoding.decode(data, path: path).text else { return nil }
                switch sheetFormat(ofText: text) {
                // JSON is a sheet only when its parsed keys say so.
                case .json: return nil
                case .text: return SheetInterpreter.hasEvidence(TextSheet.rows(Head(text).text)) ? .text : nil
                case let format: return format
                }
            }
        }
    }

    /// The sheet form decoded text is in, from the cheap look alone: `.text` unless JSON, HTML or
    /// the YAML form's keys show otherwise.
    static func sheetFormat(ofText text: String) -> NotificationSheetParser.Format {
        switch form(ofText: text) {
        case .json: .json
        case .html: .html
        case .text, .workbook: Head(text).isStructuredSheet ? .yaml : .text
        }
    }

    static func form(of data: Data) -> Form {
        if SafeZip.isZip(data) { return .workbook }
        return .text
    }

    /// The cheap look, plus the document parse where the form needs one to tell kinds apart.
    static func recognise(_ data: Data, path: String) throws -> Recognised? {
        // A workbook is the only binary input.
        if form(of: data) == .workbook { return try recogniseWorkbook(data, path: path) }
        let text = try TextDecoding.decode(data, path: path).text
        return try recognise(text: text, path: path)
    }

    static func form(ofText text: String) -> Form {
        let start = text.first { !$0.isWhitespace }
        if start == "{" || start == "[" { return .json }
        if HTMLSheet.looksLikeHTML(text) { return .html }
        return .text
    }

    static func recognise(text: String, path: String) throws -> Recognised? {
        switch form(ofText: text) {
        case .json: try recogniseJSON(text, path: path)
        case .html: try recogniseHTML(text, path: path)
        case .text, .workbook: try recogniseText(text, path: path)
        }
    }

    // MARK: Workbooks

    private static func recogniseWorkbook(_ data: Data, path: String) throws -> Recognised? {
        // A zip that is not a workbook is none of ours; one that cannot be read safely (too large, a
        // directory pointing outside the file, ZIP64) is refused before anything reads it.
        try SafeZip.checkSize(data, path: path)
        try SafeZip.checkDirectory(data, path: path)
        guard var zip = try? SafeZip(data, path: path), zip.contains(XLSXSheet.workbookPath) else { return nil }
        let rows = try XLSXSheet.rows(&zip)
        guard SheetInterpreter.hasEvidence(rows) else { return nil }
        return sheet(.xlsx) { try NotificationSheetParser.parse(rows: rows, path: path) }
    }

    // MARK: JSON

    private static func recogniseJSON(_ text: String, path: String) throws -> Recognised? {
        // Parsed once here; the kind is told by the top-level keys, and the model is read from the tree.
        let json = try JSONDocument.parse(text, path: path)
        if StructuredSheet.isStructured(json) {
            return sheet(.json) { try StructuredSheet.sheet(fromJSON: json, path: path) }
        }
        if let app = ManifestParser.applicationObject(in: json) {
            let registration = ManifestParser.read(application: app)
            let kind: InputKind = registration.format == .aadGraph ? .manifestAADGraph : .manifestMicrosoftGraph
            return Recognised(kind: kind) { .manifest(registration) }
        }
        if let export = ConsentParser.recognise(json) {
            let kind: InputKind = if case .appRoleAssignments = export { .consentAppRoleAssignments } else { .consentPermissionGrants }
            return Recognised(kind: kind) { .consent(kind, ConsentParser.merge(export, into: nil)) }
        }
        if ConsentParser.isServicePrincipal(json) {
            return Recognised(kind: .servicePrincipal) { .servicePrincipal }
        }
        if let settings = GatewaySettingsParser.recognise(json: json) {
            return Recognised(kind: .gatewaySettings) { .settings(settings) }
        }
        if case .object = json, json.value(forKey: "error") != nil,
           json.value(forKey: "error_description") != nil || json.value(forKey: "error_codes") != nil {
            return Recognised(kind: .errorText) { .errorText(text) }
        }
        return nil
    }

    // MARK: HTML

    private static func recogniseHTML(_ text: String, path: String) throws -> Recognised? {
        // An HTML page over the size bound is refused, not passed over.
        let rows = HTMLSheet.rows(try SafeXML.parseHTML(text, path: path))
        if SheetInterpreter.hasEvidence(rows) {
            return sheet(.html) { try NotificationSheetParser.parse(rows: rows, path: path) }
        }
        return looksLikeOAuthError(text) ? Recognised(kind: .errorText) { .errorText(text) } : nil
    }

    // MARK: Text and YAML

    private static func recogniseText(_ text: String, path: String) throws -> Recognised? {
        let head = Head(text)
        if head.isStructuredSheet {
            let node = try YAMLFile.compose(text, path: path, limits: .inputFile)
            if StructuredSheet.isStructured(node) {
                return sheet(.yaml) { try StructuredSheet.sheet(from: node, path: path) }
            }
        }
        let headRows = TextSheet.rows(head.text)
        if SheetInterpreter.hasEvidence(headRows) {
            try NotificationSheetParser.checkTextSize(text, path: path)
            // The head is a prefix of the text: when it is the whole text, its rows are the text's.
            let whole = head.text.utf8.count == text.utf8.count
            return sheet(.text) { try NotificationSheetParser.parse(rows: whole ? headRows : TextSheet.rows(text), path: path) }
        }
        if head.hasSettingsKey, let settings = try settingsYAML(text, path: path) {
            return Recognised(kind: .gatewaySettings) { .settings(settings) }
        }
        if head.hasOnlySettingsLabels, let settings = GatewaySettingsParser.recognise(text: text) {
            return Recognised(kind: .gatewaySettings) { .settings(settings) }
        }
        if looksLikeOAuthError(text) {
            return Recognised(kind: .errorText) { .errorText(text) }
        }
        if head.isYAMLShaped, text.utf8.count <= YAMLFile.Limits.otherFile.maximumBytes {
            // None of ours, and never built; but a YAML alias bomb is refused rather than passed over.
            _ = try YAMLFile.scan(text, path: path, limits: .otherFile)
        }
        return nil
    }

    /// The YAML form of the settings; nil when the text is not a YAML mapping (the pasted-lines
    /// form is tried next). Refusals (aliases, size) are thrown.
    private static func settingsYAML(_ text: String, path: String) throws -> GatewaySettings? {
        guard let fields = try YAMLFile.topLevelFields(text, path: path) else { return nil }
        return GatewaySettingsParser.recognise(fields: GatewaySettingsParser.lastOfEachKey(fields))
    }

    private static func sheet(_ format: NotificationSheetParser.Format, _ build: @escaping () throws -> NotificationSheet) -> Recognised {
        Recognised(kind: .notificationSheet, sheetFormat: format) { .sheet(try build()) }
    }

    /// The first lines of a text file and what they show.
    struct Head {
        /// The first `headLines` lines, at most `headBytes` bytes.
        var text: String
        /// Top-level YAML keys (`key:` at column 0, quotes removed) with their inline values.
        var keys: [(key: String, value: String)] = []
        /// The first line that is not blank, a comment or a directive is a top-level `key:`.
        var isYAMLShaped = false
        /// Labels before `:`, `：` or a tab, as the pasted settings form writes them.
        var labels: [String] = []

        init(_ full: String) {
            text = Self.prefix(full)
            var sawContent = false
            for line in TextDecoding.lines(text, omittingEmpty: true) {
                let standalone = Graphemes.isStandaloneText(line)
                if standalone {
                    if let separator = Self.firstSeparatorByte(line) { labels.append(String(line[..<separator])) }
                } else if let separator = line.firstIndex(where: { Self.startsLike($0, 0x3A, 0xFF1A, 0x09) && ($0 == ":" || $0 == "：" || $0 == "\t") }) {
                    labels.append(String(line[..<separator]))
                }
                guard !(standalone ? Self.isPassedOverByByte(line) : Self.isPassedOver(line)) else { continue }
                let key = standalone ? Self.byteKey(line) : Self.topLevelKey(line)
                if let key { keys.append(key) }
                if !sawContent { isYAMLShaped = key != nil }
                sawContent = true
            }
        }

        /// The first `headLines` lines, cut at the last whole scalar within `headBytes` bytes: one
        /// pass over the UTF-8 bytes.
        static func prefix(_ full: String) -> String {
            let utf8 = full.utf8
            let cut = utf8.withContiguousStorageIfAvailable { bytes -> Int in
                var cut = min(bytes.count, InputSniffer.headBytes)
                // Back to the start of a scalar the byte bound falls inside.
                while cut > 0, cut < bytes.count, bytes[cut] & 0xC0 == 0x80 { cut -= 1 }
                var lines = 0
                for offset in 0..<cut where bytes[offset] == 0x0A {
                    lines += 1
                    if lines >= InputSniffer.headLines { return offset + 1 }
                }
                return cut
            }
            guard let cut else { return slowPrefix(full) }
            if cut == utf8.count { return full }
            return String(full.unicodeScalars[..<utf8.index(utf8.startIndex, offsetBy: cut)])
        }

        private static func slowPrefix(_ full: String) -> String {
            var end = full.unicodeScalars.startIndex
            var bytes = 0
            var lines = 0
            for index in full.unicodeScalars.indices {
                let scalar = full.unicodeScalars[index]
                bytes += UTF8.width(scalar)
                if bytes > InputSniffer.headBytes { break }
                end = full.unicodeScalars.index(after: index)
                if scalar == "\n" {
                    lines += 1
                    if lines >= InputSniffer.headLines { break }
                }
            }
            return String(full.unicodeScalars[..<end])
        }

        /// Blank, a comment, a directive or a document marker: no line to judge the shape by.
        static func isPassedOver(_ line: Substring) -> Bool {
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            return trimmed.isEmpty || trimmed.hasPrefix("#") || line.hasPrefix("%") || line.hasPrefix("---")
        }

        /// `isPassedOver` over the bytes of a line whose every scalar is a character of its own.
        static func isPassedOverByByte(_ line: Substring) -> Bool {
            let utf8 = line.utf8
            guard let first = utf8.first(where: { $0 != 0x20 && $0 != 0x09 }) else { return true }
            return first == 0x23 || utf8.first == 0x25 || utf8.starts(with: [0x2D, 0x2D, 0x2D])
        }

        /// The first `:`, `：` or tab of a line whose every scalar is a character of its own, found
        /// over the UTF-8 bytes (`：` is EF BC 9A).
        static func firstSeparatorByte(_ line: Substring) -> String.Index? {
            let utf8 = line.utf8
            let offset = utf8.withContiguousStorageIfAvailable { bytes -> Int? in
                for offset in bytes.indices {
                    let byte = bytes[offset]
                    if byte == 0x3A || byte == 0x09 { return offset }
                    if byte == 0xEF, offset + 2 < bytes.count, bytes[offset + 1] == 0xBC, bytes[offset + 2] == 0x9A { return offset }
                }
                return nil
            }
            if let offset { return offset.map { utf8.index(utf8.startIndex, offsetBy: $0) } }
            return firstSeparatorByIndex(line)
        }

        /// `firstSeparatorByte` by the UTF-8 view's indices, for a line without contiguous bytes.
        static func firstSeparatorByIndex(_ line: Substring) -> String.Index? {
            let utf8 = line.utf8
            var index = utf8.startIndex
            while index < utf8.endIndex {
                let byte = utf8[index]
                if byte == 0x3A || byte == 0x09 { return index }
                if byte == 0xEF {
                    let second = utf8.index(after: index)
                    if second < utf8.endIndex, utf8[second] == 0xBC {
                        let third = utf8.index(after: second)
                        if third < utf8.endIndex, utf8[third] == 0x9A { return index }
                    }
                }
                index = utf8.index(after: index)
            }
            return nil
        }

        /// Whether a character's first scalar is one of these: the cheap test before comparing
        /// the character itself (a character equal to a one-scalar literal starts with it).
        @inline(__always)
        static func startsLike(_ character: Character, _ a: UInt32, _ b: UInt32, _ c: UInt32) -> Bool {
            guard let first = character.unicodeScalars.first?.value else { return false }
            return first == a || first == b || first == c
        }

        /// `key: value` or `"key": value` at column 0; nil for anything else. By Character; `byteKey`
        /// gives the same for lines of standalone scalars.
        static func topLevelKey(_ line: Substring) -> (key: String, value: String)? {
            // The first scalar is tested before the character is compared with the list.
            guard let head = line.unicodeScalars.first, let first = line.first,
                  !(head.isASCII && " \t-#{[&*!|>%@`".utf8.contains(UInt8(head.value)) && " \t-#{[&*!|>%@`".contains(first)) else { return nil }
            var index = line.startIndex
            if first == "\"" || first == "'" {
                index = line.index(after: index)
                guard let close = line[index...].firstIndex(of: first) else { return nil }
                let key = String(line[index..<close])
                let rest = line[line.index(after: close)...]
                guard rest.first == ":" else { return nil }
                return (key, value(rest.dropFirst()))
            }
            while index < line.endIndex {
                // Only a character starting with `:` or `#` can be either.
                let byte = line.utf8[index]
                guard byte == 0x3A || byte == 0x23 else {
                    index = line.index(after: index)
                    continue
                }
                if line[index] == ":" {
                    let next = line.index(after: index)
                    if next == line.endIndex || line[next] == " " || line[next] == "\t" {
                        let key = String(line[..<index]).trimmedEnds(in: .whitespaces)
                        return key.isEmpty ? nil : (key, value(line[next...]))
                    }
                }
                if line[index] == "#", index > line.startIndex, line[line.index(before: index)] == " " { return nil }
                index = line.index(after: index)
            }
            return nil
        }

        /// `topLevelKey` over UTF-8 bytes, for a line whose every scalar is a character of its own
        /// (`Graphemes.isStandalone`, or a tab): there a quote, `:`, `#`, space or tab byte is that
        /// character. A test compares both on generated lines.
        static func byteKey(_ line: Substring) -> (key: String, value: String)? {
            let found = line.utf8.withContiguousStorageIfAvailable { bytes -> (key: String, rest: Int)?? in
                guard let first = bytes.first else { return .some(nil) }
                if " \t-#{[&*!|>%@`".utf8.contains(first) { return .some(nil) }
                // A quoted key: the Character walk reads it (rare in the files sniffed).
                if first == 0x22 || first == 0x27 { return nil }
                var previous: UInt8 = 0
                for index in bytes.indices {
                    let byte = bytes[index]
                    let next = index + 1
                    if byte == 0x3A, next == bytes.count || bytes[next] == 0x20 || bytes[next] == 0x09 {
                        let key = String(decoding: UnsafeBufferPointer(rebasing: bytes[..<index]), as: UTF8.self).trimmedEnds(in: .whitespaces)
                        return .some(key.isEmpty ? nil : (key, next))
                    }
                    if byte == 0x23, previous == 0x20 { return .some(nil) }
                    previous = byte
                }
                return .some(nil)
            }
            guard let found, let answer = found else { return topLevelKey(line) }
            guard let answer else { return nil }
            let utf8 = line.utf8
            return (answer.key, value(line[utf8.index(utf8.startIndex, offsetBy: answer.rest)...]))
        }

        /// An inline scalar value with a trailing comment and quotes removed.
        private static func value(_ raw: Substring) -> String {
            var value = raw.trimmedEnds(in: .whitespaces)
            if let comment = SheetLabels.range(of: " #", in: value) { value = String(value[..<comment.lowerBound]).trimmedEnds(in: .whitespaces) }
            // With a quote at both ends, two or more bytes are two or more characters.
            if value.utf8.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
                value = String(value.dropFirst().dropLast())
            }
            return value
        }

        /// `kind: mailgates-notification-sheet`, or `uri1:` and `uri2:` without a `kind:`.
        var isStructuredSheet: Bool {
            if let kind = keys.first(where: { $0.key == "kind" }) { return kind.value == StructuredSheet.kind }
            return keys.contains { $0.key == "uri1" } && keys.contains { $0.key == "uri2" }
        }

        /// A top-level key naming the application ID or the secret.
        var hasSettingsKey: Bool {
            let labels = GatewaySettingsParser.applicationIdLabels + GatewaySettingsParser.secretLabels
            return keys.contains { labels.contains(GatewaySettingsParser.normalisedLabel($0.key)) }
        }

        /// Every labelled line names a settings field, and there is one.
        var hasOnlySettingsLabels: Bool {
            !labels.isEmpty && labels.allSatisfy(GatewaySettingsParser.isKnown)
        }
    }

    // MARK: OAuth errors

    /// An OAuth error redirect, a token-endpoint error or Microsoft's error page. Byte searches
    /// (memmem), so a long log costs a few passes over its bytes.
    public static func looksLikeOAuthError(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            ["error_description=", "サインイン中に問題が発生しました", "having trouble signing you in"].contains { find($0, in: bytes) != nil }
                || containsAADSTSCode(bytes)
        }
    }

    /// `AADSTS` followed by at least four ASCII digits.
    static func containsAADSTSCode(_ text: String) -> Bool {
        var text = text
        return text.withUTF8(containsAADSTSCode)
    }

    private static func containsAADSTSCode(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let marker = "AADSTS"
        let length = marker.utf8.count
        var from = 0
        while let at = find(marker, in: bytes, from: from) {
            let digits = at + length
            if digits <= bytes.count - 4, bytes[digits..<(digits + 4)].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) { return true }
            from = at + 1
        }
        return false
    }

    /// The offset of the first occurrence of `needle` at or after `from` (`TextDecoding.firstOffset`).
    private static func find(_ needle: String, in bytes: UnsafeBufferPointer<UInt8>, from: Int = 0) -> Int? {
        var needle = needle
        return needle.withUTF8 { TextDecoding.firstOffset(of: $0, in: bytes, from: from) }
    }
}
