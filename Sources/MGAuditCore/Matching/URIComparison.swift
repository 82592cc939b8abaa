/// What kind of slip turns an expected redirect URI into the one actually registered or requested.
/// The raw values are a public interface (JSON evidence, rule packs), so never rename them.
public enum URIEditKind: String, Sendable, Codable, Hashable, CaseIterable {
    case missingHyphen = "missing-hyphen"
    case extraHyphen = "extra-hyphen"
    case missingSymbol = "missing-symbol"
    case extraSymbol = "extra-symbol"
    case leadingSpace = "leading-space"
    case trailingSpace = "trailing-space"
    case innerSpace = "inner-space"
    case zeroWidth = "zero-width"
    case fullWidth = "full-width"
    case hostCase = "host-case"
    case pathCase = "path-case"
    case trailingSlash = "trailing-slash"
    case scheme
    case port
    case query
    case fragment
    case missingText = "missing-text"
    case extraText = "extra-text"
    case changedText = "changed-text"

    /// Cosmetic kinds leave the URI recognisably the same one (whitespace, invisible characters,
    /// full-width forms, case, slash, scheme, port, query, fragment); any number of them is still a near miss.
    public var isCosmetic: Bool {
        switch self {
        case .missingHyphen, .extraHyphen, .missingSymbol, .extraSymbol, .missingText, .extraText, .changedText:
            false
        default:
            true
        }
    }
}

/// One difference between the expected URI and the actual one.
public struct URIEdit: Sendable, Hashable, Codable {
    public var kind: URIEditKind
    /// 0-based offset in `expected`, counted in Unicode scalars (the same as characters for the ASCII
    /// URIs a notification sheet gives). For text only in `actual`, the offset where it was inserted.
    public var position: Int
    /// The characters of `expected` this edit concerns (empty when something was added).
    public var expectedText: String
    /// The characters of `actual` this edit concerns (empty when something is missing).
    public var actualText: String

    public init(kind: URIEditKind, position: Int, expectedText: String, actualText: String) {
        self.kind = kind
        self.position = position
        self.expectedText = expectedText
        self.actualText = actualText
    }
}

/// A piece of the character diff that renderers draw (caret lines, del/ins).
/// Joining `equal` + `missing` gives `expected`; joining `equal` + `extra` gives `actual`.
public struct DiffSegment: Sendable, Hashable, Codable {
    public enum Op: String, Sendable, Hashable, Codable {
        case equal
        /// In expected, absent from actual.
        case missing
        /// In actual only.
        case extra
    }

    public var op: Op
    public var text: String

    public init(op: Op, text: String) {
        self.op = op
        self.text = text
    }
}

/// The result of comparing one expected URI with one actual (registered or requested) URI.
public struct URIComparison: Sendable, Hashable {
    public var expected: String
    public var actual: String
    /// Weighted edit cost: the sum of the edits' costs (see docs/near-miss.md); 0 only when identical.
    public var distance: Int
    /// True when `actual` differs from `expected` but is clearly meant to be it.
    public var isNearMiss: Bool
    public var edits: [URIEdit]
    public var diff: [DiffSegment]

    public init(expected: String, actual: String, distance: Int, isNearMiss: Bool, edits: [URIEdit], diff: [DiffSegment]) {
        self.expected = expected
        self.actual = actual
        self.distance = distance
        self.isNearMiss = isNearMiss
        self.edits = edits
        self.diff = diff
    }

    /// The two strings are identical.
    public var isExact: Bool { edits.isEmpty }

    /// JSON-shaped evidence for a finding. Strings are raw; renderers escape them.
    public var evidence: [String: EvidenceValue] {
        [
            "expected": .string(expected),
            "actual": .string(actual),
            "distance": .int(distance),
            "edits": .list(edits.map { edit in
                .object([
                    "kind": .string(edit.kind.rawValue),
                    "position": .int(edit.position),
                    "expected": .string(edit.expectedText),
                    "actual": .string(edit.actualText),
                ])
            }),
            "diff": .list(diff.map { .object(["op": .string($0.op.rawValue), "text": .string($0.text)]) }),
        ]
    }
}
