/// Compares an expected redirect URI with an actual one and says exactly what differs.
///
/// Both strings are split tolerantly into parts (scheme, host, port, path, query, fragment, blank
/// edges); when both split, each part is aligned with its counterpart, otherwise the cores are
/// aligned whole. Every run of differing characters is then named (see `URIEditKind`).
/// docs/near-miss.md describes the costs and the near-miss threshold.
public enum URIExplainer {
    public static func compare(expected: String, actual: String) -> URIComparison {
        // Identical (scalar for scalar): nothing to align. Most registered URIs are exactly the
        // sheet's, and the alignment of two equal strings was a third of the pairing's cost.
        // `identicalIsTheFullComparison` in the tests checks this against `compareInFull`.
        if sameScalars(expected, actual) {
            return URIComparison(expected: expected, actual: actual, distance: 0, isNearMiss: false, edits: [],
                                 diff: expected.isEmpty ? [] : [DiffSegment(op: .equal, text: expected)])
        }
        return compareInFull(expected: expected, actual: actual)
    }

    /// Whether two URIs hold the same scalars, in order (`TextDecoding.sameBytes`): not `==`, which
    /// calls a decomposed "パ" identical to the composed one.
    static func sameScalars(_ a: String, _ b: String) -> Bool { TextDecoding.sameBytes(a, b) }

    static func compareInFull(expected: String, actual: String) -> URIComparison {
        let e = Array(expected.unicodeScalars)
        let a = Array(actual.unicodeScalars)
        let eParts = URIParts.parse(e)
        let aParts = URIParts.parse(a) ?? (eParts == nil ? nil : URIParts.parse(a, schemeless: true))
        let pieces = makePieces(e, a, eParts: eParts, aParts: aParts)
        let classifier = EditClassifier(e: e, a: a, eParts: eParts)
        var drafts: [EditDraft] = []
        for piece in pieces {
            for draft in classifier.edits(in: piece) {
                // A URI typed entirely in full-width forms is one edit, not one per part; so is a
                // scheme missing with its "://".
                if var last = drafts.last, last.kind == draft.kind, [.fullWidth, .scheme].contains(draft.kind),
                   last.position + last.expectedText.unicodeScalars.count == draft.position {
                    last.expectedText += draft.expectedText
                    last.actualText += draft.actualText
                    last.cost += draft.kind == .scheme ? 0 : draft.cost
                    drafts[drafts.count - 1] = last
                } else {
                    drafts.append(draft)
                }
            }
        }

        let edits = drafts.map { URIEdit(kind: $0.kind, position: $0.position, expectedText: $0.expectedText, actualText: $0.actualText) }
        let distance = drafts.reduce(0) { $0 + $1.cost }
        let substantive = drafts.filter { !$0.kind.isCosmetic }.reduce(0) { $0 + $1.cost }
        let domainCost = drafts.reduce(0) { $0 + $1.domainCost }
        let isNearMiss = !edits.isEmpty && substantive <= nearMissLimit(expectedLength: e.count) && domainCost <= maxDomainCost
        return URIComparison(
            expected: expected, actual: actual, distance: distance, isNearMiss: isNearMiss,
            edits: edits, diff: diffSegments(pieces.flatMap(\.ops))
        )
    }

    /// The largest cost of non-cosmetic edits a near miss may have: 15 % of the expected length,
    /// at least 3 (one letter, or three hyphens/symbols).
    public static func nearMissLimit(expectedLength: Int) -> Int {
        max(3, expectedLength * 15 / 100)
    }

    /// Within the registrable domain (e.g. `cybermail.jp`) at most one letter may differ, otherwise
    /// the URI points at someone else's server, not at a mistyped one.
    public static let maxDomainCost = Alignment.letterCost

    static func makePieces(_ e: [Unicode.Scalar], _ a: [Unicode.Scalar], eParts: URIParts?, aParts: URIParts?) -> [Piece] {
        if let eParts, let aParts {
            return zip(eParts.pieces, aParts.pieces).map { ep, ap in
                Piece(region: ep.0, structured: true, eRange: ep.1, aRange: ap.1,
                      ops: Alignment.align(Array(e[ep.1]), Array(a[ap.1]), eBase: ep.1.lowerBound, aBase: ap.1.lowerBound))
            }
        }
        let eEdges = URIParts.edges(e)
        let aEdges = URIParts.edges(a)
        return [(URIRegion.leading, eEdges.leading, aEdges.leading), (.path, eEdges.core, aEdges.core),
                (.trailing, eEdges.trailing, aEdges.trailing)].map { region, er, ar in
            Piece(region: region, structured: false, eRange: er, aRange: ar,
                  ops: Alignment.align(Array(e[er]), Array(a[ar]), eBase: er.lowerBound, aBase: ar.lowerBound))
        }
    }

    /// Equal runs, and for each differing run what is missing then what is extra.
    static func diffSegments(_ ops: [AlignedOp]) -> [DiffSegment] {
        var segments: [DiffSegment] = []
        func append(_ op: DiffSegment.Op, _ text: String) {
            guard !text.isEmpty else { return }
            if let last = segments.last, last.op == op {
                segments[segments.count - 1].text += text
            } else {
                segments.append(DiffSegment(op: op, text: text))
            }
        }
        var missing = String.UnicodeScalarView()
        var extra = String.UnicodeScalarView()
        func flush() {
            append(.missing, String(missing))
            append(.extra, String(extra))
            missing = String.UnicodeScalarView()
            extra = String.UnicodeScalarView()
        }
        for op in ops {
            if op.kind == .equal, let e = op.e {
                flush()
                append(.equal, String(e))
            } else {
                if let e = op.e { missing.append(e) }
                if let a = op.a { extra.append(a) }
            }
        }
        flush()
        return segments
    }
}

/// One aligned part of the two strings.
struct Piece {
    var region: URIRegion
    /// True when both strings were split into parts, so this piece is exactly one part of each.
    var structured: Bool
    var eRange: Range<Int>
    var aRange: Range<Int>
    var ops: [AlignedOp]
}

/// An edit before it is made public, with what the near-miss test needs.
struct EditDraft {
    var kind: URIEditKind
    var position: Int
    var expectedText: String
    var actualText: String
    var cost: Int
    /// Cost of non-cosmetic changes inside the expected registrable domain.
    var domainCost: Int
}
