/// Pairs each expected URI with the registered URI meant for it.
///
/// Exact matches pair first. The rest is a minimum-cost assignment (Hungarian algorithm) that
/// first pairs as many expected URIs as possible with near misses, then minimises the total
/// distance, so two near-identical expected URIs (URI2 of `abc-mgf` and of `abd-mgf`, or URI1 and
/// URI2 on one host) each find their own registered URI instead of both taking the first one.
/// A registered URI is used at most once; an expected URI with no near miss left gets `nil`.
///
/// Bounded work: up to `exhaustivePairLimit` open pairs every pair is compared in full. Beyond it
/// (a sheet with hundreds of URI2s against Entra's maximum of 256 registered URIs) each expected URI
/// is compared in full only with its `candidatesPerURI` closest registered URIs by a cheap
/// distance (`URIKey`: blanks dropped, full-width and case folded, unit edit distance), and the
/// assignment runs on those candidates. Past `sortedNeighbourLimit` pairs (far beyond anything
/// Entra accepts) even the cheap distance is not taken for every pair: candidates are the
/// neighbours in the sorted order of the folded URIs. docs/near-miss.md describes the tiers.
public enum URIAssignment {
    /// Open (expected × registered) pairs up to which every pair is compared in full.
    public static let exhaustivePairLimit = 1_024
    /// Registered URIs compared in full with each expected URI beyond `exhaustivePairLimit`.
    public static let candidatesPerURI = 4
    /// A candidate further than this (unit edits, after folding) is never a near miss worth a full
    /// comparison: the near-miss limit is 15 % of the URI's length and Entra caps a URI at 256.
    static let maxCandidateDistance = 64
    /// Open pairs up to which the cheap distance is taken for every pair.
    public static let sortedNeighbourLimit = 4_000_000

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
            if let j = registered.indices.first(where: { !used.contains($0) && URIExplainer.sameScalars(registered[$0], uri) }) {
                used.insert(j)
                pairs[i] = Pair(expectedIndex: i, registeredIndex: j, comparison: URIExplainer.compare(expected: uri, actual: registered[j]))
            } else {
                open.append(i)
            }
        }
        let free = registered.indices.filter { !used.contains($0) }
        guard !open.isEmpty, !free.isEmpty else { return pairs }

        let candidates = candidateColumns(open: open.map { expected[$0] }, free: free.map { registered[$0] })
        // Near misses per open row, sparse: (index into `free`, comparison).
        let rows: [[(column: Int, comparison: URIComparison)]] = open.enumerated().map { row, i in
            candidates[row].compactMap { column in
                let c = URIExplainer.compare(expected: expected[i], actual: registered[free[column]])
                return c.isNearMiss ? (column, c) : nil
            }
        }
        for (row, column) in solve(rows) {
            guard let hit = rows[row].first(where: { $0.column == column }) else { continue }
            pairs[open[row]] = Pair(expectedIndex: open[row], registeredIndex: free[column], comparison: hit.comparison)
        }
        return pairs
    }
}

extension URIAssignment {
    /// Rows up to which the pairing is the optimum (Hungarian, O(rows² · columns)); beyond, greedy
    /// by distance (each row's candidates are few, so it stays O(p log p) in the candidate pairs).
    public static let optimalRowLimit = 300

    /// (row, column) pairs: as many rows as possible paired, then the least total distance.
    static func solve(_ rows: [[(column: Int, comparison: URIComparison)]]) -> [(row: Int, column: Int)] {
        // Only columns some row can take matter; compact them.
        var columnIndex: [Int: Int] = [:]
        var columns: [Int] = []
        for row in rows {
            for hit in row where columnIndex[hit.column] == nil {
                columnIndex[hit.column] = columns.count
                columns.append(hit.column)
            }
        }
        guard !columns.isEmpty else { return [] }
        if rows.count > optimalRowLimit {
            let hits = rows.enumerated().flatMap { row, hits in hits.map { (row: row, column: $0.column, distance: $0.comparison.distance) } }
                .sorted { ($0.distance, $0.row, $0.column) < ($1.distance, $1.row, $1.column) }
            var takenRows = Set<Int>()
            var takenColumns = Set<Int>()
            var result: [(row: Int, column: Int)] = []
            for hit in hits where !takenRows.contains(hit.row) && !takenColumns.contains(hit.column) {
                takenRows.insert(hit.row)
                takenColumns.insert(hit.column)
                result.append((hit.row, hit.column))
            }
            return result
        }
        // A forbidden pair or leaving a row unpaired costs more than all allowed pairs together,
        // so the optimum pairs as many rows as it can.
        let total = rows.joined().reduce(0) { $0 + $1.comparison.distance }
        let big = total + 1
        let cost = rows.map { hits in
            var line = [Int](repeating: big, count: columns.count + rows.count)
            for hit in hits {
                if let compact = columnIndex[hit.column] { line[compact] = hit.comparison.distance }
            }
            return line
        }
        return Hungarian.solve(cost).enumerated().compactMap { row, column in
            guard let column, column < columns.count else { return nil }
            return (row, columns[column])
        }
    }

    /// For each open expected URI, the indices into `free` worth a full comparison: all of them up
    /// to `exhaustivePairLimit` pairs, else the `candidatesPerURI` closest by `URIKey` distance.
    static func candidateColumns(open: [String], free: [String]) -> [[Int]] {
        let (pairs, overflow) = open.count.multipliedReportingOverflow(by: free.count)
        if !overflow, pairs <= exhaustivePairLimit {
            return open.map { _ in Array(free.indices) }
        }
        let keys = free.map(URIKey.init)
        let k = min(candidatesPerURI, free.count)
        if !overflow, pairs <= sortedNeighbourLimit {
            return open.enumerated().map { row, uri in
                let key = URIKey(uri)
                // Running k best. Columns in the same place of the list go first: lists are usually
                // in the same order, so the bound is tight from the start.
                var best: [(distance: Int, column: Int)] = []
                let diagonal = free.count * row / max(open.count, 1)
                let seeds = (max(0, diagonal - k / 2)..<min(free.count, max(0, diagonal - k / 2) + k))
                for column in Array(seeds) + keys.indices.filter({ !seeds.contains($0) }) {
                    let other = keys[column]
                    // Only a distance better than the k-th best so far matters.
                    let limit = best.count == k ? (best.last?.distance ?? 0) - 1 : Int.max / 4
                    guard limit >= 0, let distance = key.distance(to: other, limit: min(limit, maxCandidateDistance)) else { continue }
                    best.append((distance, column))
                    best.sort { ($0.distance, $0.column) < ($1.distance, $1.column) }
                    if best.count > k { best.removeLast() }
                }
                return best.map(\.column)
            }
        }
        // Sorted neighbours: O((n + m) log(n + m)) whatever the input.
        let order = keys.indices.sorted { keys[$0].folded < keys[$1].folded }
        let sortedKeys = order.map { keys[$0].folded }
        return open.map { uri in
            let folded = URIKey(uri).folded
            var low = 0
            var high = sortedKeys.count
            while low < high {
                let middle = (low + high) / 2
                if sortedKeys[middle] < folded { low = middle + 1 } else { high = middle }
            }
            let start = max(0, low - k / 2)
            let end = min(sortedKeys.count, start + k)
            return Array(order[start..<end])
        }
    }
}

/// A URI folded for the cheap distance used to choose candidates: blanks and invisible characters
/// dropped, full-width forms folded to ASCII, letters lower-cased. Only chooses candidates; every
/// reported difference comes from `URIExplainer.compare`.
struct URIKey {
    let scalars: [UInt32]
    var folded: String { String(String.UnicodeScalarView(scalars.compactMap(Unicode.Scalar.init))) }

    init(_ uri: String) {
        var out: [UInt32] = []
        out.reserveCapacity(uri.unicodeScalars.count)
        for scalar in uri.unicodeScalars where !URIChar.isBlank(scalar) {
            var value = URIChar.skeleton(scalar).value
            if value >= 0x41, value <= 0x5A { value += 0x20 }
            out.append(value)
        }
        scalars = out
    }

    /// Unit edit distance (Levenshtein) after dropping the common prefix and suffix, or nil when
    /// it is more than `limit`. Only the band of width 2·limit+1 is computed: O(length · limit).
    func distance(to other: URIKey, limit: Int) -> Int? {
        scalars.withUnsafeBufferPointer { a in
            other.scalars.withUnsafeBufferPointer { b in Self.banded(a, b, limit: limit) }
        }
    }

    private static func banded(_ a: UnsafeBufferPointer<UInt32>, _ b: UnsafeBufferPointer<UInt32>, limit: Int) -> Int? {
        var start = 0
        while start < a.count, start < b.count, a[start] == b[start] { start += 1 }
        var aEnd = a.count
        var bEnd = b.count
        while aEnd > start, bEnd > start, a[aEnd - 1] == b[bEnd - 1] {
            aEnd -= 1
            bEnd -= 1
        }
        let n = aEnd - start
        let m = bEnd - start
        guard abs(n - m) <= limit else { return nil }
        if n == 0 || m == 0 { return max(n, m) }
        let outside = limit + 1
        // previous[j] = distance of a[..<i-1] and b[..<j]; cells outside the band hold `outside`.
        var previous = [Int](repeating: outside, count: m + 1)
        var current = [Int](repeating: outside, count: m + 1)
        for j in 0...min(m, limit) { previous[j] = j }
        for i in 1...n {
            let low = max(1, i - limit)
            let high = min(m, i + limit)
            current[low - 1] = low == 1 ? min(i, outside) : outside
            var rowBest = current[low - 1]
            if low <= high {
                for j in low...high {
                    let substitution = previous[j - 1] + (a[start + i - 1] == b[start + j - 1] ? 0 : 1)
                    let value = min(substitution, previous[j] + 1, current[j - 1] + 1, outside)
                    current[j] = value
                    rowBest = min(rowBest, value)
                }
            }
            if high < m { current[high + 1] = outside }
            guard rowBest <= limit else { return nil }
            swap(&previous, &current)
        }
        return previous[m] <= limit ? previous[m] : nil
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
