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
struct SheetInterpreter {
    let path: String
    private var customer: String?
    private var accessURL: String?
    private var domains: [String] = []
    private var uri1: String?
    private var uri2: [NotificationSheet.DomainURI] = []
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
        var fields: Set<SheetField> = []
        for row in rows {
            for cell in row.cells {
                guard let label = SheetLabels.match(cell) else { continue }
                if label.field == .uri1 || label.field == .uri2 { return true }
                fields.insert(label.field)
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
            return
        }
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
        let lines = values.flatMap { $0.split(separator: "\n") }.map { SheetLabels.trimASCII($0) }.filter { !$0.isEmpty }
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
            if accessURL == nil { accessURL = lines.first(where: SheetLabels.isURLLike) ?? lines[0] }
        case .domains:
            let listed = lines.flatMap(SheetLabels.domainList)
            listed.forEach { addDomain($0) }
            currentDomain = listed.count == 1 ? listed.first : nil
        case .uri1:
            try setURI1(lines.first(where: SheetLabels.isURLLike) ?? lines[0], line: line)
        case .uri2:
            applyURI2(label, lines: lines)
        }
    }

    private mutating func applyURI2(_ label: SheetLabel, lines: [String]) {
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
            addURI2(domain: entry.domain ?? (entries.count == 1 ? fallback : label.domain), uri: entry.uri)
        }
    }

    /// `example.co.jp：https://…` or `(example.co.jp) https://…`: a domain before the URL.
    static func splitDomainURI(_ line: String) -> (domain: String, uri: String)? {
        guard let scheme = line.range(of: "://") else { return nil }
        var start = scheme.lowerBound
        while start > line.startIndex, line[line.index(before: start)].isASCII, line[line.index(before: start)].isLetter {
            start = line.index(before: start)
        }
        let prefix = String(line[..<start])
        let (rest, bracketed) = SheetLabels.splitBrackets(prefix)
        let core = SheetLabels.trimAllSpace(rest).trimmingCharacters(in: CharacterSet(charactersIn: ":：=-→"))
        let candidate = SheetLabels.trimAllSpace(core.isEmpty && bracketed.count == 1 ? bracketed[0] : core)
        guard !candidate.isEmpty, SheetLabels.isDomainLike(candidate) else { return nil }
        return (candidate, SheetLabels.trimASCII(line[start...]))
    }

    private mutating func setURI1(_ value: String, line: Int?) throws {
        if let uri1, uri1 != value {
            throw InputError(
                path: path,
                problem: "has two different 「\(SheetLabels.uri1Label)」 values: \(VisibleText.escape(uri1)) and \(VisibleText.escape(value))",
                line: line)
        }
        uri1 = value
    }

    private mutating func addURI2(domain: String?, uri: String) {
        if let domain { addDomain(domain) }
        if let index = uri2.firstIndex(where: { $0.uri == uri && ($0.domain == nil || domain == nil || $0.domain == domain) }) {
            if uri2[index].domain == nil { uri2[index].domain = domain }
            return
        }
        uri2.append(.init(domain: domain, uri: uri))
    }

    private mutating func addDomain(_ domain: String) {
        if !domains.contains(where: { $0.caseInsensitiveCompare(domain) == .orderedSame }) { domains.append(domain) }
    }

    func result() throws -> NotificationSheet {
        guard let uri1 else {
            throw InputError(path: path, problem: "no 「\(SheetLabels.uri1Label)」 found")
        }
        return NotificationSheet(customer: customer, accessURL: accessURL, domains: domains, uri1: uri1, uri2: uri2)
    }
}
