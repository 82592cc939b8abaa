/// The character-level difference between an expected and an actual string, as carried in a
/// finding's evidence: `"expected"`, `"actual"` and `"diff"`, a list of
/// `{"op": "equal"|"missing"|"extra", "text": …}`. "missing" is in expected but absent from
/// actual; "extra" is in actual but not expected. Renderers show it; rules produce it.
public struct NearMissDiff: Sendable, Hashable {
    public enum Op: String, Sendable, Hashable, CaseIterable {
        case equal
        case missing
        case extra
    }

    public struct Segment: Sendable, Hashable {
        public var op: Op
        public var text: String
        public init(_ op: Op, _ text: String) {
            self.op = op
            self.text = text
        }
    }

    /// Evidence keys a near-miss uses; renderers show them as a diff instead of plain evidence.
    public static let expectedKey = "expected"
    public static let actualKey = "actual"
    public static let diffKey = "diff"

    public var segments: [Segment]

    public init(segments: [Segment]) {
        self.segments = segments
    }

    /// Reads the diff from evidence. nil when there is no well-formed `diff`, or when it does not
    /// rebuild the evidence's `expected`/`actual` strings (a renderer then shows them plainly).
    public init?(evidence: [String: EvidenceValue]) {
        guard case .list(let items)? = evidence[Self.diffKey] else { return nil }
        var segments: [Segment] = []
        for item in items {
            guard case .object(let object) = item,
                  case .string(let opName)? = object["op"], let op = Op(rawValue: opName),
                  case .string(let text)? = object["text"]
            else { return nil }
            segments.append(Segment(op, text))
        }
        self.segments = segments
        if case .string(let expected)? = evidence[Self.expectedKey], expected != self.expected { return nil }
        if case .string(let actual)? = evidence[Self.actualKey], actual != self.actual { return nil }
    }

    public var expected: String { segments.filter { $0.op != .extra }.map(\.text).joined() }
    public var actual: String { segments.filter { $0.op != .missing }.map(\.text).joined() }

    /// The diff as evidence, in the shape `init?(evidence:)` reads: merge it into a finding's
    /// evidence with `merging(_:uniquingKeysWith:)`.
    public var evidence: [String: EvidenceValue] {
        [
            Self.expectedKey: .string(expected),
            Self.actualKey: .string(actual),
            Self.diffKey: .list(segments.map { .object(["op": .string($0.op.rawValue), "text": .string($0.text)]) }),
        ]
    }
}

/// One run of visible (escaped) text on an expected or actual line, with its display width.
struct VisiblePiece: Hashable {
    var op: NearMissDiff.Op
    /// Escaped text; empty for a gap (a "missing" run on the actual line).
    var text: String
    var width: Int
}

extension NearMissDiff {
    /// The expected line: equal and missing runs.
    var expectedPieces: [VisiblePiece] { pieces(hiding: .extra) }

    /// The actual line: equal and extra runs, plus an empty gap piece where text is missing
    /// (except next to extra text, which already marks the spot).
    var actualPieces: [VisiblePiece] { pieces(hiding: .missing) }

    /// Escapes like `VisibleText.escape` over the whole line, and also escapes every space that
    /// is part of a difference: a stray space is the point of the diff, so it must be seen.
    private func pieces(hiding hidden: Op) -> [VisiblePiece] {
        let total = segments.filter { $0.op != hidden }.reduce(0) { $0 + $1.text.unicodeScalars.count }
        var index = 0
        var result: [VisiblePiece] = []
        for (position, segment) in segments.enumerated() {
            if segment.op == hidden {
                // Missing text leaves a gap mark on the actual line, unless extra text next to
                // it (a substitution) already shows the spot.
                let neighbours = [position - 1, position + 1].filter(segments.indices.contains).map { segments[$0].op }
                if hidden == .missing && !neighbours.contains(.extra) {
                    result.append(VisiblePiece(op: .missing, text: "", width: 0))
                }
                continue
            }
            var text = ""
            for scalar in segment.text.unicodeScalars {
                let atEdge = index == 0 || index == total - 1
                if scalar == " " && !atEdge && segment.op == .equal {
                    text.unicodeScalars.append(scalar)
                } else if scalar == " " || VisibleText.isInvisible(scalar) {
                    text += VisibleText.codePoint(scalar)
                } else {
                    text.unicodeScalars.append(scalar)
                }
                index += 1
            }
            result.append(VisiblePiece(op: segment.op, text: text, width: DisplayWidth.of(text)))
        }
        return result
    }

    /// The caret line under the actual line (no indentation, no trailing spaces): carets under
    /// every column of extra text, and one caret at each gap, the column where missing text
    /// belongs. Empty when nothing differs.
    var caretLine: String {
        var marked = Set<Int>()
        var column = 0
        for piece in actualPieces {
            switch piece.op {
            case .equal: break
            case .extra: marked.formUnion(column..<(column + piece.width))
            case .missing: marked.insert(column)
            }
            column += piece.width
        }
        guard let last = marked.max() else { return "" }
        return String((0...last).map { marked.contains($0) ? "^" : " " })
    }
}
