import Plot

/// A piece of the dashboard rendered by Plot once, with numbered holes where a tenant's values
/// go, broken into lines, and split into literal text and hole numbers; a tenant's piece is then
/// the literals with each hole filled, with no node tree built or scanned per tenant.
///
/// Only the template passes through Plot and `breakLines`, and only the template is split at
/// hole marks: a mark in input is copied as it is. Each hole that takes text is filled with what
/// the Plot path renders for it (`HTMLNodes.escape` of the safe, visible or prose text) or with
/// another filled template; attribute holes take renderer-chosen words only (`t<position>`,
/// severity raw values). Running `breakLines` before filling gives the same bytes as after:
/// it breaks only after a block closing tag, every `<` is the template's (input's is escaped),
/// and no tag straddles a hole (`RenderHTMLTemplateTests` compares both paths).
struct HTMLTemplate: Sendable {
    private enum Piece: Sendable {
        case literal(String)
        case hole(Int)
    }

    private let pieces: [Piece]
    /// The literals' length in UTF-8 bytes.
    private let literalCount: Int

    /// The mark for hole `number`: private-use characters around the number.
    static func mark(_ number: Int) -> String { "\u{E000}\(number)\u{E001}" }
    static func hole<Context>(_ number: Int) -> Node<Context> { .raw(mark(number)) }

    /// `node` rendered and broken into lines, then split at its hole marks.
    init<Context>(_ node: Node<Context>) {
        self.init(broken: HTMLReport.breakLines(node.render()))
    }

    init(broken html: String) {
        let bytes = Array(html.utf8)
        var pieces: [Piece] = []
        var start = 0
        var index = 0
        func isMark(_ at: Int, last: UInt8) -> Bool {
            at + 2 < bytes.count && bytes[at] == 0xEE && bytes[at + 1] == 0x80 && bytes[at + 2] == last
        }
        while index < bytes.count {
            guard isMark(index, last: 0x80) else { index += 1; continue }
            var end = index + 3
            var number = 0
            while end < bytes.count, end - index < 9, bytes[end] >= 0x30, bytes[end] <= 0x39 {
                number = number * 10 + Int(bytes[end] - 0x30)
                end += 1
            }
            guard end > index + 3, isMark(end, last: 0x81) else { index += 1; continue }
            if start < index { pieces.append(.literal(String(decoding: bytes[start..<index], as: UTF8.self))) }
            pieces.append(.hole(number))
            index = end + 3
            start = index
        }
        if start < bytes.count { pieces.append(.literal(String(decoding: bytes[start...], as: UTF8.self))) }
        self.pieces = pieces
        literalCount = pieces.reduce(0) { total, piece in
            if case .literal(let text) = piece { total + text.utf8.count } else { total }
        }
    }

    /// The hole numbers in order (tests check each template has the holes it is filled by).
    var holes: [Int] {
        pieces.compactMap { if case .hole(let number) = $0 { number } else { nil } }
    }

    /// The literals with hole `n` filled by `fills[n]` (a hole without a fill stays empty).
    func append(to out: inout String, _ fills: [String]) {
        for piece in pieces {
            switch piece {
            case .literal(let text): out += text
            case .hole(let number): if number < fills.count { out += fills[number] }
            }
        }
    }

    /// A new string of the filled template, its room reserved once.
    func render(_ fills: [String]) -> String {
        var out = ""
        out.reserveCapacity(fills.reduce(literalCount) { $0 + $1.utf8.count })
        append(to: &out, fills)
        return out
    }
}

/// The dashboard's per-tenant templates in one language, made on first use (a `static let`,
/// so once per process and safe from every worker thread); a class, so handing it out copies
/// no fields.
final class HTMLTenantTemplates: Sendable {
    static let ja = HTMLTenantTemplates(language: .ja)
    static let en = HTMLTenantTemplates(language: .en)

    static func of(_ language: Language) -> HTMLTenantTemplates {
        switch language {
        case .ja: ja
        case .en: en
        }
    }

    let labels: ReportLabels
    /// Index rows: `[clean ? 1 : 0][baseline ? 1 : 0]`.
    let rows: [[HTMLTemplate]]
    let section: HTMLTemplate
    let noInputs: String
    let inputs: HTMLTemplate
    let input: HTMLTemplate
    let noFindings: String
    let heading: HTMLTemplate
    let newBadge: String
    let article: HTMLTemplate
    let diff: HTMLTemplate
    let expectedLine: HTMLTemplate
    let actualLine: HTMLTemplate
    let gap: String
    let deleted: HTMLTemplate
    let inserted: HTMLTemplate
    let evidence: HTMLTemplate
    let evidenceItem: HTMLTemplate
    let remedy: HTMLTemplate
    let related: HTMLTemplate
    let commands: HTMLTemplate
    let suppressedTitle: String
    let suppressed: HTMLTemplate
    let fixedList: HTMLTemplate
    let fixedItem: HTMLTemplate

    private static func fixed<Context>(_ node: Node<Context>) -> String { HTMLReport.breakLines(node.render()) }

    init(language: Language) {
        let labels = ReportLabels(language: language)
        self.labels = labels
        rows = [false, true].map { clean in
            [false, true].map { baseline in
                HTMLTemplate(Node<HTML.TableContext>.tr(
                    .if(clean, .class("clean")),
                    .td(.class("n"), hole(0)),
                    .td(.class("name"), .a(.href(HTMLTemplate.mark(1)), hole(2))),
                    .td(.class("n error"), hole(3)),
                    .td(.class("n warning"), hole(4)),
                    .td(.class("n info"), hole(5)),
                    .if(baseline, .group(.td(.class("n new"), hole(6)), .td(.class("n fixed"), hole(7)))),
                    .td(.class("n suppressed"), hole(8))
                ))
            }
        }
        section = HTMLTemplate(Node<HTML.BodyContext>.section(
            .class("tenant"),
            .id(HTMLTemplate.mark(0)),
            .h2(node("\(labels.tenant): "), hole(1)),
            .p(.class("counts"), hole(2)),
            .p(.class("top"), .a(.href("#overview"), node(labels.backToSummary))),
            .h3(node(labels.inputs)),
            hole(3),
            .h3(node(labels.findings)),
            hole(4),
            hole(5),
            hole(6)
        ))
        noInputs = Self.fixed(Node<HTML.BodyContext>.p(node(labels.noInputs)))
        inputs = HTMLTemplate(Node<HTML.BodyContext>.ul(.class("inputs"), hole(0)))
        input = HTMLTemplate(Node<HTML.ListContext>.li(.code(hole(0)), hole(1)))
        noFindings = Self.fixed(Node<HTML.BodyContext>.p(.class("none"), node(labels.noFindings)))
        heading = HTMLTemplate(Node<HTML.BodyContext>.h4(
            .span(.class("sev"), hole(0)), node(" "), .code(.class("rule"), hole(1)), node(" "), hole(2), hole(3)
        ))
        newBadge = Self.fixed(Node<HTML.BodyContext>.span(.class("badge new"), node(labels.newBadge)))
        article = HTMLTemplate(Node<HTML.BodyContext>.article(
            .class("finding " + HTMLTemplate.mark(0)),
            hole(1),
            .p(.class("subject"), .span(.class("k"), node("\(labels.subject): ")), .code(hole(2))),
            .p(.class("message"), hole(3)),
            hole(4),
            hole(5),
            hole(6),
            .p(.class("fix"), .span(.class("k"), node("\(labels.fix): ")), hole(7)),
            hole(8),
            hole(9)
        ))
        diff = HTMLTemplate(Node<HTML.BodyContext>.div(.class("diff"), hole(0), hole(1)))
        func line(_ label: String) -> HTMLTemplate {
            HTMLTemplate(Node<HTML.BodyContext>.div(.class("line"), .span(.class("label"), node(label)), .code(hole(0))))
        }
        expectedLine = line(labels.expected)
        actualLine = line(labels.actual)
        gap = Self.fixed(Node<HTML.BodyContext>.span(.class("gap")))
        deleted = HTMLTemplate(Node<HTML.BodyContext>.del(hole(0)))
        inserted = HTMLTemplate(Node<HTML.BodyContext>.ins(hole(0)))
        evidence = HTMLTemplate(Node<HTML.BodyContext>.div(.class("evidence"), .p(.class("k"), node(labels.evidence)), .dl(hole(0))))
        evidenceItem = HTMLTemplate(Node<HTML.DescriptionListContext>.group(.dt(hole(0)), .dd(hole(1))))
        remedy = HTMLTemplate(Node<HTML.BodyContext>.p(.class("remedy"), .span(.class("k"), node("\(labels.remedy): ")), hole(0)))
        related = HTMLTemplate(Node<HTML.BodyContext>.p(.class("related"), .span(.class("k"), node("\(labels.related): ")), .code(hole(0))))
        let tools = labels.commandTools
        commands = HTMLTemplate(Node<HTML.BodyContext>.details(
            .class("commands"), .summary(node(labels.fixCommands)), .forEach(tools.indices) { index in
                .group(.p(.class("k"), node(tools[index].name)), .pre(.code(hole(index))))
            }
        ))
        suppressedTitle = Self.fixed(Node<HTML.BodyContext>.h3(node(labels.suppressedFindings)))
        suppressed = HTMLTemplate(Node<HTML.BodyContext>.article(
            .class("finding suppressed " + HTMLTemplate.mark(0)),
            hole(1),
            .p(.class("subject"), .span(.class("k"), node("\(labels.subject): ")), .code(hole(2))),
            .p(.class("reason"), .span(.class("k"), node("\(labels.reason): ")), hole(3)),
            .p(.class("source"), .span(.class("k"), node("\(labels.suppressionSource): ")), .code(hole(4)), hole(5))
        ))
        fixedList = HTMLTemplate(Node<HTML.BodyContext>.group(
            .h3(node(labels.fixedSinceBaseline)), .ul(.class("fixed-list"), hole(0))
        ))
        fixedItem = HTMLTemplate(Node<HTML.ListContext>.li(.code(.class("rule"), hole(0)), node(" "), .code(hole(1))))
    }

    // MARK: - Filling

    /// What the Plot path's `safe`, `visible` and `prose` nodes render.
    private static func safe(_ text: String) -> String { HTMLNodes.escape(text) }
    private static func visible(_ text: String) -> String { HTMLNodes.escape(VisibleText.escape(text)) }
    private static func prose(_ text: String) -> String { HTMLNodes.escape(ReportSupport.prose(text)) }

    func indexRow(_ tenant: TenantResult, position: Int, run: ReportRun) -> String {
        let counts = SeverityCounts(tenant.findings)
        let new = tenant.findings.lazy.filter { $0.change == .new }.count
        let template = rows[tenant.findings.isEmpty ? 1 : 0][run.hasBaseline ? 1 : 0]
        return template.render([
            String(position + 1), HTMLReport.anchor(position), Self.visible(tenant.name),
            String(counts.error), String(counts.warning), String(counts.info),
            String(new), String(tenant.fixed.count), String(tenant.suppressed.count),
        ])
    }

    func tenant(_ tenant: TenantResult, position: Int, run: ReportRun) -> String {
        let findings = ReportSupport.sorted(tenant.findings)
        var inputs = ""
        if tenant.inputs.isEmpty {
            inputs = noInputs
        } else {
            var items = ""
            for file in tenant.inputs {
                input.append(to: &items, [Self.visible(file.path), Self.safe(" (\(file.kind.rawValue))")])
            }
            self.inputs.append(to: &inputs, [items])
        }
        var articles = ""
        if findings.isEmpty {
            articles = noFindings
        } else {
            for finding in findings { append(finding, to: &articles) }
        }
        var held = ""
        if !tenant.suppressed.isEmpty {
            held = suppressedTitle
            for item in tenant.suppressed { append(item, to: &held) }
        }
        var fixes = ""
        if run.hasBaseline && !tenant.fixed.isEmpty {
            var items = ""
            for item in tenant.fixed { fixedItem.append(to: &items, [Self.visible(item.rule), Self.visible(item.subject)]) }
            fixedList.append(to: &fixes, [items])
        }
        return section.render([
            HTMLReport.anchorID(position), Self.visible(tenant.name), Self.safe(labels.counts(SeverityCounts(tenant.findings))),
            inputs, articles, held, fixes,
        ])
    }

    private func headingText(_ finding: Finding) -> String {
        heading.render([
            Self.safe(labels.severity(finding.severity)), Self.safe(finding.rule),
            Self.prose(finding.title.text(labels.language)), finding.change == .new ? newBadge : "",
        ])
    }

    private func append(_ finding: Finding, to out: inout String) {
        let language = labels.language
        var comparison = ""
        if let found = ReportSupport.comparison(finding) {
            diff.append(to: &comparison, [diffLine(expectedLine, found.expectedPieces), diffLine(actualLine, found.actualPieces)])
        }
        var listed = ""
        let items = ReportSupport.listedEvidence(finding)
        if !items.isEmpty {
            var list = ""
            for item in items {
                evidenceItem.append(to: &list, [Self.visible(item.key), Self.safe(ReportSupport.visible(item.value))])
            }
            evidence.append(to: &listed, [list])
        }
        var commandBlock = ""
        if let found = finding.commands {
            commandBlock = commands.render(labels.commandTools.map { Self.safe(found[keyPath: $0.key].text(language)) })
        }
        article.append(to: &out, [
            finding.severity.rawValue,
            headingText(finding),
            Self.visible(finding.subject),
            Self.prose(finding.message.text(language)),
            comparison,
            listed,
            finding.fix.map { remedy.render([Self.prose($0.text(language))]) } ?? "",
            Self.prose(finding.guideStep.text(language)),
            finding.related.isEmpty ? "" : related.render([Self.safe(finding.related.joined(separator: ", "))]),
            commandBlock,
        ])
    }

    private func diffLine(_ template: HTMLTemplate, _ pieces: [VisiblePiece]) -> String {
        var code = ""
        for piece in pieces {
            switch piece.op {
            case .equal: code += Self.safe(piece.text)
            case .missing: code += piece.text.isEmpty ? gap : deleted.render([Self.safe(piece.text)])
            case .extra: code += inserted.render([Self.safe(piece.text)])
            }
        }
        return template.render([code])
    }

    private func append(_ item: SuppressedFinding, to out: inout String) {
        suppressed.append(to: &out, [
            item.finding.severity.rawValue,
            headingText(item.finding),
            Self.visible(item.finding.subject),
            Self.visible(item.reason),
            Self.visible(item.source),
            item.until.map { Self.safe(" (\(labels.until) \(VisibleText.escape($0)))") } ?? "",
        ])
    }
}

private func node<Context>(_ text: String) -> Node<Context> { HTMLNodes.safe(text) }
private func hole<Context>(_ number: Int) -> Node<Context> { HTMLTemplate.hole(number) }
