/// Ordering and evidence formatting shared by the renderers, so every format lists the same
/// findings in the same order and shows evidence the same way.
enum ReportSupport {
    /// Errors first, then warnings, then info; within a severity by rule id, then subject.
    /// Ties keep the engine's order, so output is deterministic for the same input.
    static func sorted(_ findings: [Finding]) -> [Finding] {
        // Most tenants' findings are few and already in this order (every format asks again):
        // a stable sort of a sorted list is that list.
        if findings.indices.dropFirst().allSatisfy({ !comesBefore(findings[$0], findings[$0 - 1]) }) { return findings }
        return findings.enumerated().sorted { lhs, rhs in
            if comesBefore(lhs.element, rhs.element) { return true }
            if comesBefore(rhs.element, lhs.element) { return false }
            return lhs.offset < rhs.offset
        }.map(\.element)
    }

    /// Whether `sorted` puts `l` before `r` whatever their places (a tie is neither).
    private static func comesBefore(_ l: Finding, _ r: Finding) -> Bool {
        if l.severity != r.severity { return l.severity > r.severity }
        if l.rule != r.rule { return l.rule < r.rule }
        return l.subject < r.subject
    }

    /// The evidence to list as key/value pairs, sorted by key. When the finding carries a
    /// near-miss (a diff, or plain expected/actual strings) those keys are shown as the diff
    /// block instead and left out here.
    static func listedEvidence(_ finding: Finding) -> [(key: String, value: EvidenceValue)] {
        // A drawn diff already says what the edit list and its cost say; JSON keeps them.
        let hidden: Set<String> = switch comparison(finding) {
        case .diff: [NearMissDiff.expectedKey, NearMissDiff.actualKey, NearMissDiff.diffKey, "edits", "distance"]
        case .plain: [NearMissDiff.expectedKey, NearMissDiff.actualKey]
        case nil: []
        }
        return finding.evidence.keys.sorted().filter { !hidden.contains($0) }.compactMap { key in
            finding.evidence[key].map { (key, $0) }
        }
    }

    /// What to show as expected/actual lines: a full diff when the evidence has a valid one,
    /// otherwise the plain `expected`/`actual` strings when both are present.
    static func comparison(_ finding: Finding) -> Comparison? {
        if let diff = NearMissDiff(evidence: finding.evidence) { return .diff(diff) }
        if case .string(let expected)? = finding.evidence[NearMissDiff.expectedKey],
           case .string(let actual)? = finding.evidence[NearMissDiff.actualKey] {
            return .plain(expected: expected, actual: actual)
        }
        return nil
    }

    enum Comparison {
        case diff(NearMissDiff)
        case plain(expected: String, actual: String)

        /// Plain strings become a diff with one equal segment each, so renderers handle one shape.
        var expectedPieces: [VisiblePiece] {
            switch self {
            case .diff(let diff): diff.expectedPieces
            case .plain(let expected, _): NearMissDiff(segments: [.init(.equal, expected)]).expectedPieces
            }
        }
        var actualPieces: [VisiblePiece] {
            switch self {
            case .diff(let diff): diff.actualPieces
            case .plain(_, let actual): NearMissDiff(segments: [.init(.equal, actual)]).actualPieces
            }
        }
        var caretLine: String {
            switch self {
            case .diff(let diff): diff.caretLine
            case .plain: ""
            }
        }
    }

    /// Rule-written prose (title, message, guide step) may embed input, e.g. a URI in a message,
    /// and rule packs are user-editable: show invisible and control characters (ESC included,
    /// so nothing can drive the terminal) as code points, but keep spaces and line breaks.
    static func prose(_ text: String) -> String {
        // Printable ASCII, spaces and line breaks (most English prose) is shown as it is.
        // So is most other prose (Japanese included): told by one pass over the UTF-8 bytes that
        // builds nothing, with the same test as the copy below.
        var text = text
        if text.withUTF8({ hasNothingToShow($0) }) { return text }
        return proseCopied(text)
    }

    /// `prose` by copying scalar by scalar, each invisible one as its code point (what `prose`
    /// does when the text has something to show; a test compares both on any text).
    static func proseCopied(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            if scalar == " " || scalar == "\n" || !VisibleText.isInvisible(scalar) {
                UTF8.encode(scalar) { out.append($0) }
            } else {
                out += VisibleText.codePoint(scalar).utf8
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether every scalar is a space, a line break or visible: ASCII told by its byte, others
    /// decoded from their bytes (a String's UTF-8 is valid) for `VisibleText.isInvisible`.
    static func hasNothingToShow(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        TextDecoding.allScalars(in: utf8, printableASCIIOr: 0x0A) { value in
            Unicode.Scalar(value).map { !VisibleText.isInvisible($0) } ?? false
        }
    }

    /// An evidence value on one line, every string made visible (`⟨U+3000⟩`).
    static func visible(_ value: EvidenceValue) -> String {
        switch value {
        case .string(let text): VisibleText.escape(text)
        case .int(let number): String(number)
        case .bool(let flag): flag ? "true" : "false"
        case .null: "null"
        case .list(let items): "[" + items.map(visible).joined(separator: ", ") + "]"
        case .object(let object):
            "{" + object.keys.sorted().map { "\(VisibleText.escape($0)): \(object[$0].map(visible) ?? "")" }
                .joined(separator: ", ") + "}"
        }
    }
}
