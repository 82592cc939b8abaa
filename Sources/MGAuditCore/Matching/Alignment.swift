/// One step of a character alignment between expected (`e`) and actual (`a`).
struct AlignedOp: Sendable, Hashable {
    enum Kind: Sendable, Hashable { case equal, substitute, delete, insert }
    var kind: Kind
    /// The expected character (nil for an insertion).
    var e: Unicode.Scalar?
    /// The actual character (nil for a deletion).
    var a: Unicode.Scalar?
    /// Offset in expected of `e`, or for an insertion the offset it is inserted before.
    var ePos: Int
    /// Offset in actual of `a`, or for a deletion the offset it would have been at.
    var aPos: Int
}

/// Weighted edit-distance alignment with backtrace.
///
/// Letters and digits cost 3 to add, drop or change; symbols, hyphens and blanks cost 1; a case
/// change or a full-width form costs 1. A blank is never "substituted" for a visible character, so a
/// hyphen typed as a space comes out as a missing hyphen plus a stray space, which is what happened.
enum Alignment {
    static let letterCost = 3

    static func indelCost(_ s: Unicode.Scalar) -> Int {
        URIChar.isAlphanumeric(s) ? letterCost : 1
    }

    static func substituteCost(_ e: Unicode.Scalar, _ a: Unicode.Scalar) -> Int? {
        if e == a { return 0 }
        if URIChar.isBlank(e) || URIChar.isBlank(a) { return nil }
        if URIChar.isCaseVariant(e, a) || URIChar.isFullWidthForm(a, of: e) { return 1 }
        if !URIChar.isAlphanumeric(e) && !URIChar.isAlphanumeric(a) { return 1 }
        return letterCost
    }

    /// Above this many DP cells the middle is treated as one replaced block (pathological input only:
    /// Entra limits a redirect URI to 256 characters).
    static let maxCells = 600_000

    static func align(_ e: [Unicode.Scalar], _ a: [Unicode.Scalar], eBase: Int, aBase: Int) -> [AlignedOp] {
        // Common prefix and suffix first: cheap, and keeps the DP small.
        var prefix = 0
        while prefix < e.count, prefix < a.count, e[prefix] == a[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < e.count - prefix, suffix < a.count - prefix, e[e.count - 1 - suffix] == a[a.count - 1 - suffix] { suffix += 1 }
        var ops: [AlignedOp] = []
        for i in 0..<prefix {
            ops.append(AlignedOp(kind: .equal, e: e[i], a: a[i], ePos: eBase + i, aPos: aBase + i))
        }
        let em = Array(e[prefix..<(e.count - suffix)])
        let am = Array(a[prefix..<(a.count - suffix)])
        ops += alignMiddle(em, am, eBase: eBase + prefix, aBase: aBase + prefix)
        for k in 0..<suffix {
            let i = e.count - suffix + k
            let j = a.count - suffix + k
            ops.append(AlignedOp(kind: .equal, e: e[i], a: a[j], ePos: eBase + i, aPos: aBase + j))
        }
        return ops
    }

    private static func alignMiddle(_ e: [Unicode.Scalar], _ a: [Unicode.Scalar], eBase: Int, aBase: Int) -> [AlignedOp] {
        let n = e.count
        let m = a.count
        if n == 0 || m == 0 || (n + 1) * (m + 1) > maxCells {
            return e.indices.map { AlignedOp(kind: .delete, e: e[$0], a: nil, ePos: eBase + $0, aPos: aBase) }
                + a.indices.map { AlignedOp(kind: .insert, e: nil, a: a[$0], ePos: eBase + n, aPos: aBase + $0) }
        }
        let width = m + 1
        var cost = [Int](repeating: 0, count: (n + 1) * width)
        for i in 1...n { cost[i * width] = cost[(i - 1) * width] + indelCost(e[i - 1]) }
        for j in 1...m { cost[j] = cost[j - 1] + indelCost(a[j - 1]) }
        for i in 1...n {
            for j in 1...m {
                var best = cost[(i - 1) * width + j] + indelCost(e[i - 1])
                best = min(best, cost[i * width + j - 1] + indelCost(a[j - 1]))
                if let sub = substituteCost(e[i - 1], a[j - 1]) {
                    best = min(best, cost[(i - 1) * width + j - 1] + sub)
                }
                cost[i * width + j] = best
            }
        }
        // Backtrace from the end; preferring diagonal, then insertion, then deletion puts a
        // deletion before an insertion at the same spot ("missing" then "extra").
        var ops: [AlignedOp] = []
        var i = n
        var j = m
        while i > 0 || j > 0 {
            let here = cost[i * width + j]
            if i > 0, j > 0, let sub = substituteCost(e[i - 1], a[j - 1]), cost[(i - 1) * width + j - 1] + sub == here {
                ops.append(AlignedOp(kind: sub == 0 ? .equal : .substitute, e: e[i - 1], a: a[j - 1], ePos: eBase + i - 1, aPos: aBase + j - 1))
                i -= 1
                j -= 1
            } else if j > 0, cost[i * width + j - 1] + indelCost(a[j - 1]) == here {
                ops.append(AlignedOp(kind: .insert, e: nil, a: a[j - 1], ePos: eBase + i, aPos: aBase + j - 1))
                j -= 1
            } else if i > 0 {
                ops.append(AlignedOp(kind: .delete, e: e[i - 1], a: nil, ePos: eBase + i - 1, aPos: aBase + j))
                i -= 1
            } else {
                // Unreachable: with i == 0 the insertion branch always matches; kept total for safety.
                ops.append(AlignedOp(kind: .insert, e: nil, a: a[j - 1], ePos: eBase, aPos: aBase + j - 1))
                j -= 1
            }
        }
        return ops.reversed()
    }
}
