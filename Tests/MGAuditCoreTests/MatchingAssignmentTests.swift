import Testing
@testable import MGAuditCore

@Suite struct MatchingAssignmentTests {
    /// registeredIndex per expected index.
    func chosen(_ expected: [String], _ registered: [String]) -> [Int?] {
        let pairs = URIAssignment.assign(expected: expected, registered: registered)
        #expect(pairs.map(\.expectedIndex) == Array(expected.indices))
        for pair in pairs {
            #expect((pair.registeredIndex == nil) == (pair.comparison == nil))
            if let j = pair.registeredIndex, let comparison = pair.comparison {
                #expect(comparison.actual == registered[j])
                #expect(comparison.expected == expected[pair.expectedIndex])
                #expect(comparison.isExact || comparison.isNearMiss)
            }
        }
        let used = pairs.compactMap(\.registeredIndex)
        #expect(Set(used).count == used.count, "a registered URI is used at most once")
        return pairs.map(\.registeredIndex)
    }

    @Test func twoDomainsEachFindTheirOwnShuffledRegisteredURI() {
        let expected = [SheetURI.uri2, SheetURI.uri2OtherDomain]
        // The registered list is shuffled; abd's has a stray slash, abc's has a missing symbol.
        let registered = ["https://abd-mgf.cybermail.jp/mg-cgi/mg_login/", "https://abc-mgf.cybermail.jp/mg-cgi/mglogin"]
        #expect(chosen(expected, registered) == [1, 0])
    }

    /// Entra's maximum of 256 registered URIs against a sheet of 256 URIs: past the exhaustive
    /// limit, each expected URI still finds its own near miss (the registered list reversed, so the
    /// candidates are not simply in the same places).
    @Test func twoHundredFiftySixURIsEachFindTheirOwn() {
        let expected = (0..<256).map { "https://abc-mgf.cybermail.jp/mg-cgi/mg_login?domain=d\($0).example.jp" }
        let registered = expected.map { $0.replacingOccurrences(of: "abc-mgf", with: "abcmgf") + " " }.reversed().map { $0 }
        #expect(expected.count * registered.count > URIAssignment.exhaustivePairLimit)
        #expect(chosen(expected, registered) == expected.indices.map { Optional(255 - $0) })
    }

    @Test func cheapDistanceIsBandedAndFolds() {
        let key = URIKey("https://ABC-mgf.cybermail.jp/ｍg\u{3000}")
        #expect(key.folded == "https://abc-mgf.cybermail.jp/mg")
        #expect(key.distance(to: URIKey("https://abcmgf.cybermail.jp/mg"), limit: 3) == 1)
        #expect(key.distance(to: URIKey("https://xyz-mgf.cybermail.jp/mg"), limit: 2) == nil)
        #expect(key.distance(to: URIKey("https://xyz-mgf.cybermail.jp/mg"), limit: 3) == 3)
    }

    @Test func minimumCostBeatsFirstComeFirstServed() {
        // Greedy would give abc the first registered URI (c→d plus a missing "_", still a near miss),
        // leaving abd with abc's; the minimum-cost assignment pairs each with its own one-slip URI.
        let expected = [SheetURI.uri2, SheetURI.uri2OtherDomain]
        let registered = ["https://abd-mgf.cybermail.jp/mg-cgi/mglogin", "https://abc-mgf.cybermail.jp/mg-cgi/mg_login "]
        #expect(URIExplainer.compare(expected: expected[0], actual: registered[0]).isNearMiss)
        let pairs = URIAssignment.assign(expected: expected, registered: registered)
        #expect(pairs.map(\.registeredIndex) == [1, 0])
        #expect(pairs[0].comparison?.edits.map(\.kind) == [.trailingSpace])
        #expect(pairs[1].comparison?.edits.map(\.kind) == [.missingSymbol])
    }

    @Test func uri1AndUri2OnOneHostPairWithTheirOwn() {
        let expected = [SheetURI.uri1, SheetURI.uri2]
        let registered = ["https://abc-mgf.cybermail.jp/mg-cgi/mg_login\u{3000}", "https://abc-mgf.cybermail.jp/mg-cgi/mgoauth"]
        #expect(chosen(expected, registered) == [1, 0])
    }

    @Test func exactMatchesPairFirstAndWithDistanceZero() {
        let expected = [SheetURI.uri1, SheetURI.uri2]
        let registered = ["https://abc-mgf.cybermail.jp/mg-cgi/mg_oauth/", SheetURI.uri2, SheetURI.uri1]
        let pairs = URIAssignment.assign(expected: expected, registered: registered)
        #expect(pairs.map(\.registeredIndex) == [2, 1])
        #expect(pairs.allSatisfy { $0.comparison?.distance == 0 })
    }

    @Test func aRegisteredURIIsUsedOnce() {
        // Only abc's URI2 is registered: abd's is missing, even though it is one letter away.
        let expected = [SheetURI.uri2OtherDomain, SheetURI.uri2]
        #expect(chosen(expected, [SheetURI.uri2]) == [nil, 0])
    }

    @Test func unrelatedRegisteredURIsLeaveTheExpectedOneMissing() {
        let expected = [SheetURI.uri1, SheetURI.uri2]
        let registered = ["https://old-mgf.cybermail.jp/mg-cgi/mg_oauth", "https://localhost/callback", SheetURI.uri2 + "/"]
        let pairs = URIAssignment.assign(expected: expected, registered: registered)
        #expect(pairs.map(\.registeredIndex) == [nil, 2])
        #expect(pairs[1].comparison?.edits.map(\.kind) == [.trailingSlash])
    }

    @Test func emptyLists() {
        #expect(URIAssignment.assign(expected: [], registered: [SheetURI.uri1]).isEmpty)
        #expect(chosen([SheetURI.uri1], []) == [nil])
    }

    @Test func manyDomainsBeyondSmallSizes() {
        let hosts = (0..<12).map { "t\($0)x-mgf" }
        let expected = hosts.map { "https://\($0).cybermail.jp/mg-cgi/mg_login" }
        // Every registered URI has one cosmetic slip and the list is reversed.
        let registered = expected.reversed().map { $0 + " " }
        #expect(chosen(expected, registered) == expected.indices.map { expected.count - 1 - $0 })
    }

    /// Deterministic pseudo-random matrices; the Hungarian optimum must equal brute force.
    @Test(arguments: 1...40)
    func hungarianIsOptimal(seed: Int) {
        var state = UInt64(seed) &* 6364136223846793005 &+ 1442695040888963407
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        let rows = 1 + next(5)
        let columns = rows + next(3)
        let cost = (0..<rows).map { _ in (0..<columns).map { _ in next(20) } }
        let assignment = Hungarian.solve(cost)
        #expect(assignment.allSatisfy { $0 != nil })
        let columnsUsed = assignment.compactMap { $0 }
        #expect(Set(columnsUsed).count == rows)
        let total = assignment.enumerated().reduce(0) { $0 + cost[$1.offset][$1.element ?? 0] }
        #expect(total == bruteForce(cost, row: 0, used: []))
    }

    func bruteForce(_ cost: [[Int]], row: Int, used: Set<Int>) -> Int {
        guard row < cost.count else { return 0 }
        var best = Int.max
        for j in cost[row].indices where !used.contains(j) {
            best = min(best, cost[row][j] + bruteForce(cost, row: row + 1, used: used.union([j])))
        }
        return best
    }
}
