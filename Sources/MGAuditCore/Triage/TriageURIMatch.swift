import Foundation

/// How a registered redirect URI differs from the one in the error, character by character.
/// Stand-in until `Matching/URIExplainer` lands: the lead swaps `nearestRegisteredURI` over to
/// `URIExplainer.compare(expected:actual:)`; everything else only reads these fields.
struct TriageURIDifference: Sendable, Hashable {
    enum EditKind: String, Sendable, Hashable { case missing, extra, changed }
    struct Edit: Sendable, Hashable {
        var kind: EditKind
        /// Unicode-scalar offset in `actual` where the difference is (0-based).
        var position: Int
        var expectedText: String
        var actualText: String
    }
    /// What the error says was requested (MailGates' value, matching the notification sheet).
    var expected: String
    /// What is registered in the app registration.
    var actual: String
    var distance: Int
    var edits: [Edit]
}

struct RegisteredCandidate: Sendable, Hashable {
    var uri: String
    /// nil for a URI only on the notification sheet.
    var platform: RedirectPlatform?
}

extension TriageCorrelator {
    /// The registered (or sheet) URI closest to `requested`, with the difference; nil when there is
    /// none within reach (3 edits, or one in twelve characters for long URIs: URI1 and URI2 of one
    /// host differ by 5, and must not pass for near misses of each other). The ONE place to switch
    /// to URIExplainer.
    static func nearestRegisteredURI(to requested: String, among candidates: [RegisteredCandidate])
        -> (candidate: RegisteredCandidate, difference: TriageURIDifference)? {
        var best: (RegisteredCandidate, TriageURIDifference)?
        for candidate in candidates {
            let difference = compare(expected: requested, actual: candidate.uri)
            if best.map({ difference.distance < $0.1.distance }) ?? true { best = (candidate, difference) }
        }
        guard let best, best.1.distance <= max(3, requested.unicodeScalars.count / 12) else { return nil }
        return best
    }

    /// Levenshtein distance over Unicode scalars with the edit script, adjacent edits merged.
    static func compare(expected: String, actual: String) -> TriageURIDifference {
        let a = Array(expected.unicodeScalars), b = Array(actual.unicodeScalars)
        var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        if !a.isEmpty && !b.isEmpty {
            for i in 1...a.count {
                for j in 1...b.count {
                    let cost = a[i - 1] == b[j - 1] ? 0 : 1
                    table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                }
            }
        }
        var edits: [TriageURIDifference.Edit] = []
        var i = a.count, j = b.count
        while i > 0 || j > 0 {
            if i > 0, j > 0, a[i - 1] == b[j - 1], table[i][j] == table[i - 1][j - 1] {
                i -= 1; j -= 1
            } else if i > 0, j > 0, table[i][j] == table[i - 1][j - 1] + 1 {
                edits.append(.init(kind: .changed, position: j - 1, expectedText: String(a[i - 1]), actualText: String(b[j - 1])))
                i -= 1; j -= 1
            } else if i > 0, table[i][j] == table[i - 1][j] + 1 {
                edits.append(.init(kind: .missing, position: j, expectedText: String(a[i - 1]), actualText: ""))
                i -= 1
            } else {
                edits.append(.init(kind: .extra, position: j - 1, expectedText: "", actualText: String(b[j - 1])))
                j -= 1
            }
        }
        return TriageURIDifference(expected: expected, actual: actual, distance: table[a.count][b.count],
                                   edits: merge(edits.reversed()))
    }

    /// Joins runs like three missing letters into one edit, so messages stay short.
    private static func merge(_ edits: [TriageURIDifference.Edit]) -> [TriageURIDifference.Edit] {
        var out: [TriageURIDifference.Edit] = []
        for edit in edits {
            if var last = out.last, last.kind == edit.kind {
                let contiguous = switch edit.kind {
                case .missing: last.position == edit.position
                case .extra, .changed: last.position + last.actualText.unicodeScalars.count == edit.position
                }
                if contiguous {
                    last.expectedText += edit.expectedText
                    last.actualText += edit.actualText
                    out[out.count - 1] = last
                    continue
                }
            }
            out.append(edit)
        }
        return out
    }
}
