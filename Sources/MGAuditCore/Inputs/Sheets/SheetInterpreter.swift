import Foundation

/// One line of a text sheet, one table/worksheet row, or one `<dt>`/`<dd>` group: cells as written.
struct SheetRow: Sendable, Hashable {
    var cells: [String]
    /// 1-based line or row number, for messages.
    var line: Int?
    init(_ cells: [String], line: Int? = nil) {
        self.cells = cells
        self.line = line
    }
}

/// Turns rows of any sheet format into a `NotificationSheet`. It understands the layouts sheets
/// come in: label and value in one row; the value on the next row; a label row over value rows;
/// a domain in brackets after the label, in its own cell, or as a heading line before the URIs.
/// URL values are collected as written (with a line that continues one, as in a pasted mail) and
/// cleaned once, in `result()`, by `SheetValueCleaner`.
struct SheetInterpreter {
    /// A URL value as the sheet wrote it: its lines (more than one when continued) and where it starts.
    struct RawValue: Sendable, Hashable {
        var text: String
        var line: Int?
    }

    /// Where the last URL value went, so that a continuation line can be added to it.
    private enum Slot { case uri1(Int), accessURL, uri2(Int) }

    let path: String
    private var customer: String?
    private var accessURL: RawValue?
    private var domains: [String] = []
    private var uri1: [RawValue] = []
    private var uri2: [(domain: String?, value: RawValue)] = []
    private var lastValue: Slot?
    /// How many lines the value in `lastValue` has so far.
    private var continuedLines = 1
    /// The domain the following URI2 lines belong to (from 「ドメイン：…」 or a heading line).
    private var currentDomain: String?
    /// A label whose value is on the next row.
    private var pending: SheetLabel?
    /// The field further rows may continue (several URI2 or domains, one per row).
    private var block: SheetField?
    /// A label row over value rows: which column holds which field.
    private var header: [(column: Int, label: SheetLabel)]?

    init(path: String) { self.path = path }

    static func interpret(_ rows: [SheetRow], path: String) throws -> NotificationSheet {
        var interpreter = SheetInterpreter(path: path)
        for row in rows { try interpreter.consume(row) }
        return try interpreter.result()
    }

    /// Whether rows look like a sheet at all: a URI1/URI2 label, or two other sheet labels.
    static func hasEvidence(_ rows: [SheetRow]) -> Bool {
        // The other fields seen: at most three, so a list (a Set hashed each insert).
        var fields: [SheetField] = []
        for row in rows {
            for cell in row.cells {
                guard let label = SheetLabels.match(cell) else { continue }
                if label.field == .uri1 || label.field == .uri2 { return true }
                if !fields.contains(label.field) { fields.append(label.field) }
            }
        }
        return fields.count >= 2
    }

    mutating func consume(_ row: SheetRow) throws {
        let cells = row.cells.map { SheetLabels.trimASCII($0) }
        let filled = cells.indices.filter { !cells[$0].isEmpty }
        guard let first = filled.first else {
            block = nil
            header = nil
            lastValue = nil
            return
        }
        if filled.count == 1, pending == nil, header == nil, let slot = lastValue, let before = lastLine(slot),
           SheetValueCleaner.isContinuation(cells[first], after: before) {
            // `https://abc-mgf.cybermail.jp/mg-cgi/` then `mg_login`: kept as two lines, for the
            // cleaner to report as possibly wrapped.
            append(cells[first], to: slot)
            return
        }
        lastValue = nil
        continuedLines = 1
        let labels = filled.compactMap { index in SheetLabels.match(cells[index]).map { (column: index, label: $0) } }

        if labels.count >= 2, labels.count == filled.count {
            header = labels
            pending = nil
            block = nil
            return
        }
        if let header, labels.isEmpty {
            try applyHeader(header, cells: cells, line: row.line)
            return
        }
        header = nil

        if let firstLabel = labels.first, firstLabel.column == first {
            // "label value [label value ...]" in one row.
            for (position, labelled) in labels.enumerated() {
                let end = position + 1 < labels.count ? labels[position + 1].column : cells.count
                let values = cells[(labelled.column + 1)..<max(labelled.column + 1, end)].filter { !$0.isEmpty }
                try apply(labelled.label, values: Array(values), line: row.line)
            }
            return
        }
        let values = filled.map { cells[$0] }
        if let label = pending {
            pending = nil
            try apply(label, values: values, line: row.line)
            return
        }
        switch block {
        case .uri2 where values.contains(where: SheetLabels.isURLLike):
            try apply(SheetLabel(field: .uri2), values: values, line: row.line)
            return
        case .domains where values.allSatisfy({ !SheetLabels.domainList($0).isEmpty }):
            try apply(SheetLabel(field: .domains), values: values, line: row.line)
            return
        default:
            break
        }
        if values.count == 1, let domain = SheetLabels.headingDomain(values[0]) {
            addDomain(domain)
            currentDomain = domain
            if block != .uri2 { block = nil }
            return
        }
        block = nil
    }

    private mutating func applyHeader(_ header: [(column: Int, label: SheetLabel)], cells: [String], line: Int?) throws {
        var rowDomain: String?
        for (column, label) in header where label.field == .domains && cells.indices.contains(column) {
            let listed = SheetLabels.domainList(cells[column])
            listed.forEach { addDomain($0) }
            if listed.count == 1 { rowDomain = listed.first }
        }
        for (column, label) in header where label.field != .domains && cells.indices.contains(column) {
            guard !cells[column].isEmpty else { continue }
            var label = label
            if label.field == .uri2, label.domain == nil { label.domain = rowDomain }
            try apply(label, values: [cells[column]], line: line)
        }
        pending = nil
        block = nil
    }

    private mutating func apply(_ label: SheetLabel, values: [String], line: Int?) throws {
        var lines = values.flatMap { TextDecoding.lines($0, omittingEmpty: true) }.map { SheetLabels.trimASCII($0) }.filter { !$0.isEmpty }
        if label.field == .uri1 || label.field == .uri2 || label.field == .accessURL { lines = Self.joinContinuations(lines) }
        block = label.field
        guard !lines.isEmpty else {
            pending = label
            if label.field == .uri2, let domain = label.domain { currentDomain = domain }
            return
        }
        switch label.field {
        case .customer:
            if customer == nil { customer = lines.joined(separator: " ") }
        case .accessURL:
            if accessURL == nil {
                accessURL = RawValue(text: lines.first(where: SheetLabels.isURLLike) ?? lines[0], line: line)
                lastValue = .accessURL
            }
        case .domains:
            let listed = lines.flatMap(SheetLabels.domainList)
            listed.forEach { addDomain($0) }
            currentDomain = listed.count == 1 ? listed.first : nil
        case .uri1:
            uri1.append(RawValue(text: lines.first(where: SheetLabels.isURLLike) ?? lines[0], line: line))
            lastValue = .uri1(uri1.count - 1)
        case .uri2:
            applyURI2(label, lines: lines, line: line)
        }
    }

    /// Lines of one cell or value with each continuation line kept with the URL line it continues
    /// (`https://…/mg-cgi/` + `mg_login` → one value of two lines).
    static func joinContinuations(_ lines: [String]) -> [String] {
        var out: [String] = []
        // The open group: its first line is a URL, and how many lines it has.
        var previous: String?
        var groupLines = 0
        for line in lines {
            if let before = previous, groupLines < SheetValueCleaner.maximumContinuationLines,
               SheetValueCleaner.isContinuation(line, after: before), !out.isEmpty {
                out[out.count - 1] += "\n" + line
                groupLines += 1
                previous = line
            } else {
                out.append(line)
                previous = SheetLabels.isURLLike(line) ? line : nil
                groupLines = 1
            }
        }
        return out
    }

    /// The last line of the value in `slot`, when it may still be continued.
    private func lastLine(_ slot: Slot) -> String? {
        guard continuedLines < SheetValueCleaner.maximumContinuationLines else { return nil }
        let text: String? = switch slot {
        case .uri1(let index): uri1.indices.contains(index) ? uri1[index].text : nil
        case .accessURL: accessURL?.text
        case .uri2(let index): uri2.indices.contains(index) ? uri2[index].value.text : nil
        }
        guard let text, SheetLabels.isURLLike(String(text.prefix { $0 != "\n" })) else { return nil }
        // Only the tail is looked at (bounded), never the whole value again.
        return String(text.suffix(SheetValueCleaner.maximumContinuationBytes).split(separator: "\n").last ?? "")
    }

    private mutating func append(_ continuation: String, to slot: Slot) {
        continuedLines += 1
        switch slot {
        case .uri1(let index) where uri1.indices.contains(index): uri1[index].text += "\n" + continuation
        case .accessURL: accessURL?.text += "\n" + continuation
        case .uri2(let index) where uri2.indices.contains(index): uri2[index].value.text += "\n" + continuation
        default: break
        }
    }

    private mutating func applyURI2(_ label: SheetLabel, lines: [String], line: Int?) {
        var entries: [(domain: String?, uri: String)] = []
        var looseDomains: [String] = []
        for line in lines {
            if let split = Self.splitDomainURI(line) {
                entries.append((split.domain, split.uri))
            } else if SheetLabels.isURLLike(line) {
                entries.append((nil, line))
            } else if let domain = SheetLabels.headingDomain(line) {
                looseDomains.append(domain)
            }
        }
        // A value that is no URL at all (a URI missing its scheme) still counts when it is all there is.
        if entries.isEmpty, looseDomains.isEmpty { entries = lines.map { (nil, $0) } }
        if entries.isEmpty, let domain = looseDomains.last {
            // `URI2` / `example.co.jp` / `https://…`: the domain line heads the URI on the next row.
            addDomain(domain)
            currentDomain = domain
            pending = label
            return
        }
        let fallback = label.domain ?? looseDomains.first ?? currentDomain
        for entry in entries {
            addURI2(domain: entry.domain ?? (entries.count == 1 ? fallback : label.domain), uri: entry.uri, line: line)
        }
    }

    /// What may stand between a domain and its URL (`example.co.jp：https://…`), built once.
    static let domainURISeparators = CharacterSet(charactersIn: ":：=-→")

    /// `example.co.jp：https://…` or `(example.co.jp) https://…`: a domain before the URL.
    static func splitDomainURI(_ line: String) -> (domain: String, uri: String)? {
        guard let scheme = SheetLabels.range(of: "://", in: line) else { return nil }
        var start = scheme.lowerBound
        while start > line.startIndex, line[line.index(before: start)].isASCII, line[line.index(before: start)].isLetter {
            start = line.index(before: start)
        }
        // A wrapper opened before the URL (`example.co.jp：<https://…>`) belongs to the value.
        while start > line.startIndex, SheetValueCleaner.openers.contains(line[line.index(before: start)]) {
            start = line.index(before: start)
        }
        // Nothing before the URL (most lines that hold one): no domain.
        guard start > line.startIndex else { return nil }
        let prefix = String(line[..<start])
        let (rest, bracketed) = SheetLabels.splitBrackets(prefix)
        let core = SheetLabels.trimAllSpace(rest).trimmedEnds(in: Self.domainURISeparators)
        let candidate = SheetLabels.trimAllSpace(core.isEmpty && bracketed.count == 1 ? bracketed[0] : core)
        guard !candidate.isEmpty, SheetLabels.isDomainLike(candidate) else { return nil }
        return (candidate, SheetLabels.trimASCII(line[start...]))
    }

    private mutating func addURI2(domain: String?, uri: String, line: Int?) {
        if let domain { addDomain(domain) }
        if let index = uri2.firstIndex(where: { $0.value.text == uri && ($0.domain == nil || domain == nil || $0.domain == domain) }) {
            if uri2[index].domain == nil { uri2[index].domain = domain }
            lastValue = .uri2(index)
            return
        }
        uri2.append((domain, RawValue(text: uri, line: line)))
        lastValue = .uri2(uri2.count - 1)
    }

    private mutating func addDomain(_ domain: String) {
        if !domains.contains(where: { TextDecoding.equalIgnoringCase($0, domain) }) { domains.append(domain) }
    }

    /// The sheet, its URL values cleaned. Of several URI1 values (a page quoting the sheet twice)
    /// the first usable one counts; two usable ones that differ once cleaned are an error (the same
    /// URI once plain and once in `<…>` is fine).
    func result() throws -> NotificationSheet {
        let candidates = uri1.map { (raw: $0, cleaned: SheetValueCleaner.clean(.uri1, raw: $0.text, path: path, line: $0.line)) }
        guard let fallback = candidates.first else {
            throw InputError(path: path, problem: "no 「\(SheetLabels.uri1Label)」 found")
        }
        var issues: [SheetValueIssue] = []
        func record(_ cleaned: SheetValueCleaner.Cleaned) -> String {
            for issue in cleaned.issues where !issues.contains(issue) { issues.append(issue) }
            return cleaned.value
        }
        let usable = candidates.filter { !$0.cleaned.issues.contains { $0.kind != .invisible } }
        if let first = usable.first, let other = usable.first(where: { $0.cleaned.value != first.cleaned.value }) {
            throw InputError(
                path: path,
                problem: "has two different 「\(SheetLabels.uri1Label)」 values: \(VisibleText.escape(first.cleaned.value)) and \(VisibleText.escape(other.cleaned.value))",
                line: other.raw.line)
        }
        let cleanedURI1 = record((usable.first ?? fallback).cleaned)
        let cleanedAccess = accessURL.map { record(SheetValueCleaner.clean(.accessURL, raw: $0.text, path: path, line: $0.line)) }
        var entries: [NotificationSheet.DomainURI] = []
        for (domain, raw) in uri2 {
            let value = record(SheetValueCleaner.clean(.uri2, domain: domain, raw: raw.text, path: path, line: raw.line))
            if let index = entries.firstIndex(where: { $0.uri == value && ($0.domain == nil || domain == nil || $0.domain == domain) }) {
                if entries[index].domain == nil { entries[index].domain = domain }
                continue
            }
            entries.append(.init(domain: domain, uri: value))
        }
        return NotificationSheet(customer: customer, accessURL: cleanedAccess, domains: domains, uri1: cleanedURI1, uri2: entries,
                                 valueIssues: issues)
    }
}

/// Value cleaning, done once for every format: what mail clients and people wrap around a sheet's
/// URL is stripped, and what is left is checked. Only the URL fields (URI1, URI2, access URL) are
/// cleaned; the policy is in docs/sheet-formats.md.
enum SheetValueCleaner {
    /// Wrappers stripped when they enclose the whole value; the parentheses only around a URL.
    static let wrappers: [(open: Character, close: Character)] = [
        ("<", ">"), ("＜", "＞"), ("「", "」"), ("『", "』"), ("\"", "\""), ("'", "'"), ("“", "”"), ("‘", "’"),
        ("（", "）"), ("(", ")"),
    ]
    static let openers: Set<Character> = Set(wrappers.map(\.open))
    static let closers: Set<Character> = Set(wrappers.map(\.close))
    /// Punctuation a sentence puts after a URL.
    static let trailingPunctuation: Set<Character> = ["。", "、", ".", ",", "．", "，"]
    /// Wrappers inside wrappers (`「<https://…>」。`) are peeled at most this many times.
    static let maximumPasses = 8
    /// A line longer than this is no continuation of a URL (keeps the look-ahead cheap).
    static let maximumContinuationBytes = 2048
    /// A URL is continued over at most this many lines in all; a longer run is no URL.
    static let maximumContinuationLines = 8

    struct Cleaned: Equatable {
        var value: String
        var issues: [SheetValueIssue]
    }

    /// Cleans one value of `field`. `raw` may hold several lines when the interpreter found the
    /// value continued on the next line (or a cell holds it so): the value is then `wrapped`.
    static func clean(_ field: SheetValueIssue.Field, domain: String? = nil, raw: String, path: String?, line: Int?) -> Cleaned {
        let lines = TextDecoding.lines(raw, omittingEmpty: true).map { trimSpace($0) }.filter { !$0.isEmpty }
        if lines.count >= 2 {
            let first = cleanLine(lines[0])
            let joined = cleanLine(lines.joined())
            let isWrap = SheetLabels.isURLLike(lines[0])
                && lines.indices.dropFirst().allSatisfy { isContinuation(lines[$0], after: lines[$0 - 1]) }
            let kind: SheetValueIssue.Kind = isWrap ? .wrapped : .invalid
            return Cleaned(value: first.value, issues: [SheetValueIssue(
                kind: kind, field: field, domain: domain, raw: raw, value: first.value,
                joined: isWrap ? joined.value : nil, path: path, line: line)])
        }
        let cleaned = cleanLine(lines.first ?? "")
        var issues: [SheetValueIssue] = []
        if !cleaned.isURL {
            issues.append(SheetValueIssue(kind: .invalid, field: field, domain: domain, raw: raw, value: cleaned.value,
                                          path: path, line: line))
        } else if !cleaned.characters.isEmpty {
            issues.append(SheetValueIssue(kind: .invisible, field: field, domain: domain, raw: raw, value: cleaned.value,
                                          characters: cleaned.characters, path: path, line: line))
        }
        return Cleaned(value: cleaned.value, issues: issues)
    }

    /// One line: wrappers peeled, then invisible characters dropped and full-width ASCII folded.
    static func cleanLine(_ text: String) -> (value: String, isURL: Bool, characters: [SheetValueIssue.StrayCharacter]) {
        var current = trimSpace(text)
        for _ in 0..<maximumPasses {
            guard let next = unwrapOnce(current) else { break }
            current = trimSpace(next)
        }
        // Printable ASCII only (most URLs): nothing to fold or drop.
        if current.utf8.allSatisfy({ $0 >= 0x21 && $0 <= 0x7E }) { return (current, isAbsoluteHTTPURL(current), []) }
        var out = String.UnicodeScalarView()
        var characters: [SheetValueIssue.StrayCharacter] = []
        var hasInnerASCIISpace = false
        for (offset, scalar) in current.unicodeScalars.enumerated() {
            if scalar.value >= 0x21 && scalar.value <= 0x7E {
                // Printable ASCII: no look-alike, not invisible, not a space.
                out.append(scalar)
            } else if scalar == " " || scalar == "\t" {
                hasInnerASCIISpace = true
                out.append(scalar)
            } else if let ascii = ASCIILookalike.ascii(for: scalar) {
                characters.append(.init(position: offset + 1, scalar: scalar.value, replacement: ascii))
                out.append(contentsOf: ascii.unicodeScalars)
            } else if VisibleText.isInvisible(scalar) || scalar.properties.isWhitespace {
                characters.append(.init(position: offset + 1, scalar: scalar.value, replacement: nil))
            } else {
                out.append(scalar)
            }
        }
        let value = String(out)
        // An ASCII space inside is no sheet artefact to fold away: the value is not a URL.
        return (value, !hasInnerASCIISpace && isAbsoluteHTTPURL(value), characters)
    }

    /// Peels one layer: punctuation after a URL, a wrapper pair around the whole value, a lone
    /// wrapper at one end (a pair split over two lines), Outlook's `text <url>` with the same text.
    static func unwrapOnce(_ text: String) -> String? {
        // An ASCII first byte that opens no wrapper and an ASCII last byte that closes none and is
        // no punctuation (what a URL's ends are): every member of the sets below is one scalar, so
        // neither end character is one, and nothing is peeled. A test compares both paths.
        if let head = text.utf8.first, let tail = text.utf8.last, head < 0x80, tail < 0x80,
           !"<\"'(".utf8.contains(head), !">\"').,".utf8.contains(tail) {
            return nil
        }
        return unwrapOnceByCharacter(text)
    }

    static func unwrapOnceByCharacter(_ text: String) -> String? {
        guard let first = text.first, let last = text.last else { return nil }
        if trailingPunctuation.contains(last), text.dropLast().contains("://") { return String(text.dropLast()) }
        if text.count >= 2, let pair = wrappers.first(where: { $0.open == first && $0.close == last }) {
            let inner = text.dropFirst().dropLast()
            let isParenthesis = pair.open == "(" || pair.open == "（"
            if !inner.contains(pair.open), !inner.contains(pair.close), !isParenthesis || SheetLabels.isURLLike(trimSpace(inner)) {
                return String(inner)
            }
        }
        if last == ">" || last == "＞", let open = text.lastIndex(where: { $0 == "<" || $0 == "＜" }), open > text.startIndex {
            let inner = text[text.index(after: open)..<text.index(before: text.endIndex)]
            if trimSpace(text[..<open]) == String(inner), SheetLabels.isURLLike(String(inner)) { return String(inner) }
        }
        if openers.contains(first), !text.dropFirst().contains(where: closers.contains), SheetLabels.isURLLike(String(text.dropFirst())) {
            return String(text.dropFirst())
        }
        if closers.contains(last), !text.dropLast().contains(where: openers.contains), text.contains("://") {
            return String(text.dropLast())
        }
        return nil
    }

    /// `http://` or `https://`, a host, and only the ASCII characters a URL may hold.
    static func isAbsoluteHTTPURL(_ text: String) -> Bool {
        // Over the bytes: once every byte is printable ASCII a character is a byte.
        var text = text
        return text.withUTF8 { bytes -> Bool in
            for byte in bytes {
                guard byte > 0x20, byte < 0x7F else { return false }
                switch byte {
                case 0x3C, 0x3E, 0x22, 0x7B, 0x7D, 0x7C, 0x5C, 0x5E, 0x60: return false  // < > " { } | \ ^ `
                default: continue
                }
            }
            func hasPrefix(_ scheme: StaticString) -> Bool {
                let count = scheme.utf8CodeUnitCount
                guard bytes.count >= count else { return false }
                for offset in 0..<count {
                    let byte = bytes[offset]
                    let lower = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
                    if lower != scheme.utf8Start[offset] { return false }
                }
                return true
            }
            let start = hasPrefix("https://") ? 8 : hasPrefix("http://") ? 7 : -1
            guard start >= 0 else { return false }
            var end = start
            while end < bytes.count, bytes[end] != 0x2F, bytes[end] != 0x3F, bytes[end] != 0x23 { end += 1 }
            // The last non-empty part of the authority between `@`s, up to its first `:`.
            var partEnd = end
            while partEnd > start, bytes[partEnd - 1] == 0x40 { partEnd -= 1 }
            guard partEnd > start else { return false }
            var partStart = partEnd
            while partStart > start, bytes[partStart - 1] != 0x40 { partStart -= 1 }
            let hostEnd = (partStart..<partEnd).first { bytes[$0] == 0x3A } ?? partEnd
            return hostEnd > partStart && bytes[partStart] != 0x2E
        }
    }

    /// Whether `line` goes on with the URL of the line before it: a cut in a pasted mail. Only URL
    /// characters, no scheme of its own, no label, and either the line before ends where a URL is
    /// cut (`-`, `/`, `=`, ...) or the line itself holds a path character.
    static func isContinuation(_ line: String, after previous: String) -> Bool {
        let text = trimSpace(line)
        guard !text.isEmpty, text.utf8.count <= maximumContinuationBytes, !SheetLabels.isURLLike(text),
              SheetLabels.match(text) == nil else { return false }
        var core = Substring(text)
        while let last = core.last, closers.contains(last) || trailingPunctuation.contains(last) { core = core.dropLast() }
        guard !core.isEmpty,
              core.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F && !"<>\"{}|\\^`".unicodeScalars.contains($0) }),
              core.contains(where: { $0.isLetter || $0.isNumber }) else { return false }
        // `(example.co.jp)` is a note, not the rest of a URL.
        if let head = core.first, openers.contains(head) { return false }
        let before = trimSpace(previous)
        let end = before.last
        // A domain alone on a line after `…/` is a heading (`https://abc-mgf.cybermail.jp/` then
        // `example.co.jp`); after `-`, `.` or `=` it is where the URL was cut.
        if SheetLabels.isDomainLike(String(core)), !(end.map { "-.=".contains($0) } ?? false) { return false }
        let cutEnd = end.map { "-/=?&._~%#:".contains($0) } ?? false
        return cutEnd || core.contains(where: { "/?=&_%#".contains($0) })
    }

    /// White space of any kind at either end (ASCII, U+00A0, U+3000...); zero-width characters are
    /// not white space and stay, to be reported.
    static func trimSpace<S: StringProtocol>(_ text: S) -> String {
        let scalars = text.unicodeScalars
        // Most values have nothing to trim: no scalar-by-scalar copy then.
        if let head = scalars.first, let tail = scalars.last, !head.properties.isWhitespace, !tail.properties.isWhitespace {
            return String(text)
        }
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars[first...last])
        return String(out)
    }

    /// A sheet built without the interpreter (the YAML/JSON form, tests) with its URL values
    /// cleaned the same way.
    static func cleanValues(of sheet: NotificationSheet, path: String?) -> NotificationSheet {
        var result = sheet
        var issues = sheet.valueIssues
        func record(_ cleaned: Cleaned) -> String {
            for issue in cleaned.issues where !issues.contains(issue) { issues.append(issue) }
            return cleaned.value
        }
        result.uri1 = record(clean(.uri1, raw: sheet.uri1, path: path, line: nil))
        result.accessURL = sheet.accessURL.map { record(clean(.accessURL, raw: $0, path: path, line: nil)) }
        result.uri2 = []
        for entry in sheet.uri2 {
            let value = record(clean(.uri2, domain: entry.domain, raw: entry.uri, path: path, line: nil))
            if !result.uri2.contains(where: { $0.uri == value && $0.domain == entry.domain }) {
                result.uri2.append(.init(domain: entry.domain, uri: value))
            }
        }
        result.valueIssues = issues
        return result
    }
}
