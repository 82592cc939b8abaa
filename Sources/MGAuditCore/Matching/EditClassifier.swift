/// Names each run of differing characters of one aligned piece (see `URIEditKind`).
struct EditClassifier {
    let e: [Unicode.Scalar]
    let a: [Unicode.Scalar]
    let eParts: URIParts?
    let domain: Range<Int>?
    let ePathEnd: Int
    let aPathEnd: Int

    init(e: [Unicode.Scalar], a: [Unicode.Scalar], eParts: URIParts?) {
        self.e = e
        self.a = a
        self.eParts = eParts
        domain = eParts?.registrableDomain(e)
        ePathEnd = eParts?.path.upperBound ?? URIParts.edges(e).core.upperBound
        // Used only when the actual string could not be split: its path ends at "?", "#" or the core end.
        let aCore = URIParts.edges(a).core
        aPathEnd = aCore.first { ["?", "#"].contains(URIChar.skeleton(a[$0])) } ?? aCore.upperBound
    }

    private struct Group {
        var kind: URIEditKind
        var first: Int
        var last: Int
    }

    func edits(in piece: Piece) -> [EditDraft] {
        let ops = piece.ops
        let regions = ops.map { region(of: $0, in: piece) }
        let kinds = ops.indices.map { ops[$0].kind == .equal ? nil : rawKind(ops[$0], region: regions[$0], piece: piece) }

        var groups: [Group] = []
        var index = 0
        while index < ops.count {
            guard kinds[index] != nil else { index += 1; continue }
            var end = index
            while end + 1 < ops.count, kinds[end + 1] != nil { end += 1 }
            groups += groupRun(index...end, kinds: kinds.map { $0 ?? .changedText }, ops: ops)
            index = end + 1
        }
        groups = mergeAcrossShortGaps(groups)

        var drafts: [EditDraft] = []
        var regionDraft: EditDraft?
        for group in groups {
            var draft = makeDraft(group, ops: ops, regions: regions)
            if piece.structured, Self.regionKind(piece.region) == group.kind {
                // One edit for the whole part, e.g. "http" vs "https", ":443" added.
                draft.position = piece.eRange.lowerBound
                draft.expectedText = String(String.UnicodeScalarView(e[piece.eRange]))
                draft.actualText = String(String.UnicodeScalarView(a[piece.aRange]))
                draft.cost = 1
                if regionDraft == nil { regionDraft = draft }
                continue
            }
            drafts.append(draft)
        }
        if let regionDraft { drafts.append(regionDraft) }
        return drafts.enumerated()
            .sorted { ($0.element.position, $0.offset) < ($1.element.position, $1.offset) }
            .map(\.element)
    }

    static func regionKind(_ region: URIRegion) -> URIEditKind? {
        switch region {
        case .scheme, .separator: .scheme
        case .port: .port
        case .query: .query
        case .fragment: .fragment
        default: nil
        }
    }

    private func region(of op: AlignedOp, in piece: Piece) -> URIRegion {
        if piece.structured || piece.region != .path { return piece.region }
        guard let eParts else { return .path }
        if op.kind == .insert {
            return op.ePos > piece.eRange.lowerBound ? eParts.region(at: op.ePos - 1) : eParts.region(at: op.ePos)
        }
        return eParts.region(at: op.ePos)
    }

    private func rawKind(_ op: AlignedOp, region: URIRegion, piece: Piece) -> URIEditKind {
        let partKind = piece.structured ? Self.regionKind(region) : nil
        switch op.kind {
        case .equal:
            return .changedText
        case .substitute:
            guard let ec = op.e, let ac = op.a else { return .changedText }
            if URIChar.isFullWidthForm(ac, of: ec) { return .fullWidth }
            if let partKind { return partKind }
            if URIChar.isCaseVariant(ec, ac) { return region == .host ? .hostCase : .pathCase }
            return .changedText
        case .delete:
            guard let ec = op.e else { return .missingText }
            if URIChar.isBlank(ec) { return .missingText }
            if let partKind { return partKind }
            if ec == "/" && isTrailingSlashDeletion(op, piece: piece) { return .trailingSlash }
            if ec == "-" { return .missingHyphen }
            return URIChar.isAlphanumeric(ec) ? .missingText : .missingSymbol
        case .insert:
            guard let ac = op.a else { return .extraText }
            if URIChar.isSpace(ac) {
                switch region {
                case .leading: return .leadingSpace
                case .trailing: return .trailingSpace
                default: return .innerSpace
                }
            }
            if URIChar.isZeroWidth(ac) { return .zeroWidth }
            if let partKind { return partKind }
            if ac == "/" && isTrailingSlashInsertion(op, piece: piece) { return .trailingSlash }
            if ac == "-" { return .extraHyphen }
            return URIChar.isAlphanumeric(ac) ? .extraText : .extraSymbol
        }
    }

    private func pathEnds(_ piece: Piece) -> (e: Int, a: Int)? {
        if piece.structured { return piece.region == .path ? (piece.eRange.upperBound, piece.aRange.upperBound) : nil }
        return piece.region == .path ? (ePathEnd, aPathEnd) : nil
    }

    /// An added "/" (or run of them) that ends the actual path where the expected path ends.
    private func isTrailingSlashInsertion(_ op: AlignedOp, piece: Piece) -> Bool {
        guard let ends = pathEnds(piece), op.ePos == ends.e, op.aPos < ends.a else { return false }
        return a[op.aPos..<ends.a].allSatisfy { $0 == "/" }
    }

    /// A "/" that ends the expected path and is absent at the end of the actual path.
    private func isTrailingSlashDeletion(_ op: AlignedOp, piece: Piece) -> Bool {
        guard let ends = pathEnds(piece), op.aPos == ends.a, op.ePos < ends.e else { return false }
        return e[op.ePos..<ends.e].allSatisfy { $0 == "/" }
    }

    /// Hyphens, symbols and letters next to each other are one slip: if the run holds letters it is
    /// one missing/extra/changed text, otherwise each kind of symbol slip stands alone.
    private func groupRun(_ run: ClosedRange<Int>, kinds: [URIEditKind], ops: [AlignedOp]) -> [Group] {
        let textual: Set<URIEditKind> = [.missingHyphen, .extraHyphen, .missingSymbol, .extraSymbol, .missingText, .extraText, .changedText]
        let letters: Set<URIEditKind> = [.missingText, .extraText, .changedText]
        var groups: [Group] = []
        var start = run.lowerBound
        while start <= run.upperBound {
            let isText = textual.contains(kinds[start])
            var end = start
            while end + 1 <= run.upperBound,
                  isText ? textual.contains(kinds[end + 1]) : kinds[end + 1] == kinds[start] { end += 1 }
            let sub = start...end
            if isText, sub.contains(where: { letters.contains(kinds[$0]) }) {
                let kind: URIEditKind = sub.allSatisfy { ops[$0].kind == .delete } ? .missingText
                    : sub.allSatisfy { ops[$0].kind == .insert } ? .extraText : .changedText
                groups.append(Group(kind: kind, first: start, last: end))
            } else {
                var k = start
                while k <= end {
                    var m = k
                    while m + 1 <= end, kinds[m + 1] == kinds[k] { m += 1 }
                    groups.append(Group(kind: kinds[k], first: k, last: m))
                    k = m + 1
                }
            }
            start = end + 1
        }
        return groups
    }

    /// "ABC-MGF" is one host-case edit, not two: case and full-width edits of the same kind join
    /// across up to two equal characters.
    private func mergeAcrossShortGaps(_ groups: [Group]) -> [Group] {
        var merged: [Group] = []
        for group in groups {
            if let last = merged.last, last.kind == group.kind, [.hostCase, .pathCase, .fullWidth].contains(group.kind),
               group.first - last.last - 1 <= 2 {
                merged[merged.count - 1].last = group.last
            } else {
                merged.append(group)
            }
        }
        return merged
    }

    private func makeDraft(_ group: Group, ops: [AlignedOp], regions: [URIRegion]) -> EditDraft {
        let span = ops[group.first...group.last]
        let ePositions = span.compactMap { $0.e == nil ? nil : $0.ePos }
        let aPositions = span.compactMap { $0.a == nil ? nil : $0.aPos }
        let eText = ePositions.isEmpty ? "" : String(String.UnicodeScalarView(e[(ePositions.min() ?? 0)...(ePositions.max() ?? 0)]))
        let aText = aPositions.isEmpty ? "" : String(String.UnicodeScalarView(a[(aPositions.min() ?? 0)...(aPositions.max() ?? 0)]))
        var cost = 0
        var domainCost = 0
        for index in group.first...group.last where ops[index].kind != .equal {
            let c = Self.cost(of: ops[index])
            cost += c
            if !group.kind.isCosmetic, regions[index] == .host, let domain, isInDomain(ops[index], domain) { domainCost += c }
        }
        if [.trailingSlash, .scheme, .port, .query, .fragment].contains(group.kind) { cost = 1 }
        return EditDraft(kind: group.kind, position: span.first?.ePos ?? 0, expectedText: eText, actualText: aText,
                         cost: cost, domainCost: domainCost)
    }

    private func isInDomain(_ op: AlignedOp, _ domain: Range<Int>) -> Bool {
        op.kind == .insert ? (domain.lowerBound...domain.upperBound).contains(op.ePos) : domain.contains(op.ePos)
    }

    static func cost(of op: AlignedOp) -> Int {
        switch op.kind {
        case .equal: 0
        case .substitute:
            if let ec = op.e, let ac = op.a { Alignment.substituteCost(ec, ac) ?? Alignment.indelCost(ec) + Alignment.indelCost(ac) } else { 0 }
        case .delete: op.e.map(Alignment.indelCost) ?? 0
        case .insert: op.a.map(Alignment.indelCost) ?? 0
        }
    }
}
