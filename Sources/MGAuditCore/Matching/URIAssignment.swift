/// Pairs each expected URI with the registered URI meant for it.
///
/// Exact matches pair first. The rest is a minimum-cost assignment (Hungarian algorithm) that
/// first pairs as many expected URIs as possible with near misses, then minimises the total
/// distance, so two near-identical expected URIs (URI2 of `abc-mgf` and of `abd-mgf`, or URI1 and
/// URI2 on one host) each find their own registered URI instead of both taking the first one.
/// A registered URI is used at most once; an expected URI with no near miss left gets `nil`.
public enum URIAssignment {
    public struct Pair: Sendable, Hashable {
        public var expectedIndex: Int
        /// Index into `registered`, nil when nothing registered is close enough ("missing").
        public var registeredIndex: Int?
        /// The comparison with the paired registered URI, nil when unpaired.
        public var comparison: URIComparison?

        public init(expectedIndex: Int, registeredIndex: Int?, comparison: URIComparison?) {
            self.expectedIndex = expectedIndex
            self.registeredIndex = registeredIndex
            self.comparison = comparison
        }
    }

    /// One pair per expected URI, in the order of `expected`.
    public static func assign(expected: [String], registered: [String]) -> [Pair] {
        var pairs = expected.indices.map { Pair(expectedIndex: $0, registeredIndex: nil, comparison: nil) }
        var used = Set<Int>()
        var open: [Int] = []
        for (i, uri) in expected.enumerated() {
            // Scalar equality, not String ==, which would call a decomposed "パ" identical.
            if let j = registered.indices.first(where: { !used.contains($0) && registered[$0].unicodeScalars.elementsEqual(uri.unicodeScalars) }) {
                used.insert(j)
                pairs[i] = Pair(expectedIndex: i, registeredIndex: j, comparison: URIExplainer.compare(expected: uri, actual: registered[j]))
            } else {
                open.append(i)
            }
        }
        let free = registered.indices.filter { !used.contains($0) }
        guard !open.isEmpty, !free.isEmpty else { return pairs }

        var comparisons: [[URIComparison?]] = []
        for i in open {
            comparisons.append(free.map { j in
                let c = URIExplainer.compare(expected: expected[i], actual: registered[j])
                return c.isNearMiss ? c : nil
            })
        }
        // A forbidden pair or leaving a row unpaired costs more than all allowed pairs together,
        // so the optimum pairs as many rows as it can.
        let total = comparisons.joined().reduce(0) { $0 + ($1?.distance ?? 0) }
        let big = total + 1
        let cost = comparisons.map { row in
            row.map { $0?.distance ?? big } + Array(repeating: big, count: open.count)
        }
        let columns = Hungarian.solve(cost)
        for (row, column) in columns.enumerated() {
            guard let column, column < free.count, let comparison = comparisons[row][column] else { continue }
            pairs[open[row]] = Pair(expectedIndex: open[row], registeredIndex: free[column], comparison: comparison)
        }
        return pairs
    }
}

/// Minimum-cost assignment of rows to distinct columns (rows ≤ columns), O(rows² · columns).
/// The classic potentials formulation (Kuhn–Munkres with Jonker–Volgenant style updates).
enum Hungarian {
    /// The column chosen for each row; nil only when the matrix is malformed (ragged or too narrow).
    static func solve(_ cost: [[Int]]) -> [Int?] {
        let n = cost.count
        guard n > 0 else { return [] }
        let m = cost[0].count
        guard m >= n, cost.allSatisfy({ $0.count == m }) else { return Array(repeating: nil, count: n) }
        let infinity = Int.max / 4
        var u = [Int](repeating: 0, count: n + 1)
        var v = [Int](repeating: 0, count: m + 1)
        var owner = [Int](repeating: 0, count: m + 1)  // owner[j]: row (1-based) holding column j, 0 = none
        var way = [Int](repeating: 0, count: m + 1)
        for row in 1...n {
            owner[0] = row
            var j0 = 0
            var minValue = [Int](repeating: infinity, count: m + 1)
            var visited = [Bool](repeating: false, count: m + 1)
            repeat {
                visited[j0] = true
                let i0 = owner[j0]
                var delta = infinity
                var j1 = 0
                for j in 1...m where !visited[j] {
                    let reduced = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if reduced < minValue[j] {
                        minValue[j] = reduced
                        way[j] = j0
                    }
                    if minValue[j] < delta {
                        delta = minValue[j]
                        j1 = j
                    }
                }
                for j in 0...m {
                    if visited[j] {
                        u[owner[j]] += delta
                        v[j] -= delta
                    } else {
                        minValue[j] -= delta
                    }
                }
                j0 = j1
            } while owner[j0] != 0
            repeat {
                let j1 = way[j0]
                owner[j0] = owner[j1]
                j0 = j1
            } while j0 != 0
        }
        var result = [Int?](repeating: nil, count: n)
        for j in 1...m where owner[j] != 0 {
            result[owner[j] - 1] = j - 1
        }
        return result
    }
}
