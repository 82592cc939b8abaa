import Foundation

/// The notification sheet's redirect URIs paired with the registered ones, shared by the checks
/// that compare the two (`uri1-missing`, `uri2-missing-for-domain`, `uri-near-miss`,
/// `uri-unexpected-host`, and `uri-wrong-platform` when a sheet is given).
///
/// Every platform's URIs take part in the pairing, so a right URI under the wrong platform counts
/// as present (uri-wrong-platform reports it) rather than missing. Web URIs come first, so when
/// the same URI is under Web and SPA, the Web one is paired.
struct SheetURIMatch: Sendable {
    enum Label: String {
        case uri1 = "URI1"
        case uri2 = "URI2"

        /// The sheet's label, as the customer sees it.
        var sheetLabel: String { "Microsoft 365_リダイレクト\(rawValue)" }

        /// The setup-guide step that registers a URI of this label (phrases.yaml `sheet.guideStepURI1/2`).
        func guideStep(_ phrases: CheckPhrases.SheetPhrases) -> LocalizedText {
            switch self {
            case .uri1: phrases.guideStepURI1
            case .uri2: phrases.guideStepURI2
            }
        }
    }

    /// One place on the sheet a URI comes from.
    struct Use: Hashable {
        var label: Label
        var domain: String?
    }

    /// A distinct URI the sheet asks for, with every place on the sheet it comes from (a sheet
    /// may give the same URI2 for several domains; one registration serves them all).
    struct Expected {
        var uri: String
        var uses: [Use]
        var label: Label { uses.first?.label ?? .uri2 }
        var domain: String? { uses.first?.domain }
    }

    let sheet: NotificationSheet
    let expected: [Expected]
    let registered: [RedirectURI]
    /// One pair per `expected`, in the same order (`URIAssignment.assign`).
    let pairs: [URIAssignment.Pair]
    /// For each unpaired registered URI, the expected URIs worth a full comparison in
    /// `counterpart(ofRegistered:)`: all of them for a tenant of ordinary size, the few closest
    /// past `URIAssignment.exhaustivePairLimit` (the same bounded choice as the pairing).
    let counterpartCandidates: [Int: [Int]]

    init(sheet: NotificationSheet, manifest: AppRegistration) {
        self.sheet = sheet
        var expected: [Expected] = []
        func add(_ raw: String, _ use: Use) {
            // A sheet value that is no URL or may be wrapped is no reference: nothing is derived
            // from it (sheet-value-invalid / sheet-value-wrapped say so instead).
            let field: SheetValueIssue.Field = use.label == .uri1 ? .uri1 : .uri2
            guard sheet.isTrusted(field, domain: use.domain, value: raw) else { return }
            // Blanks around a sheet value are never part of the URI MailGates sends (the sheet
            // interpreter strips them; sheets built otherwise may still carry them).
            let uri = URIText.trimmed(raw)
            guard !uri.isEmpty else { return }
            if let index = expected.firstIndex(where: { URIExplainer.sameScalars($0.uri, uri) }) {
                if !expected[index].uses.contains(use) { expected[index].uses.append(use) }
            } else {
                expected.append(Expected(uri: uri, uses: [use]))
            }
        }
        add(sheet.uri1, Use(label: .uri1, domain: nil))
        for entry in sheet.uri2 { add(entry.uri, Use(label: .uri2, domain: entry.domain)) }
        self.expected = expected

        let order: [RedirectPlatform] = [.web, .spa, .publicClient]
        let registered = order.flatMap { platform in manifest.redirectURIs.filter { $0.platform == platform } }
        let pairs = URIAssignment.assign(expected: expected.map(\.uri), registered: registered.map(\.uri))
        self.registered = registered
        self.pairs = pairs
        let paired = Set(pairs.compactMap(\.registeredIndex))
        let unpaired = registered.indices.filter { !paired.contains($0) }
        let candidates = URIAssignment.candidateColumns(open: unpaired.map { registered[$0].uri }, free: expected.map(\.uri))
        counterpartCandidates = Dictionary(uniqueKeysWithValues: zip(unpaired, candidates))
    }

    /// Expected URIs nothing registered is close to.
    var missing: [Expected] {
        pairs.filter { $0.registeredIndex == nil }.compactMap { expected.indices.contains($0.expectedIndex) ? expected[$0.expectedIndex] : nil }
    }

    /// Near misses: a registered URI paired with an expected one it is not identical to.
    var nearMisses: [(expected: Expected, registered: RedirectURI, comparison: URIComparison)] {
        pairs.compactMap { pair in
            guard let j = pair.registeredIndex, let comparison = pair.comparison, !comparison.isExact,
                  expected.indices.contains(pair.expectedIndex), registered.indices.contains(j) else { return nil }
            return (expected[pair.expectedIndex], registered[j], comparison)
        }
    }

    /// Indices into `registered` that some expected URI is paired with.
    var pairedIndices: Set<Int> { Set(pairs.compactMap(\.registeredIndex)) }

    /// Hosts the sheet names (URI1, URI2s, access URL), lower-cased; untrusted values count too,
    /// in both readings.
    var expectedHosts: [String] {
        var hosts: [String] = []
        let readings = sheet.valueIssues.compactMap(\.joined)
        for uri in [sheet.uri1] + sheet.uri2.map(\.uri) + [sheet.accessURL].compactMap({ $0 }) + readings {
            if let host = URIText.parts(uri)?.host, !host.isEmpty, !hosts.contains(host) { hosts.append(host) }
        }
        return hosts
    }

    /// Whether every URI of the sheet took part: false when one is invalid or may be wrapped, so
    /// that an unpaired registered URI may well be the one the sheet meant.
    var sheetIsComplete: Bool { sheet.allURIsTrusted }

    /// The expected URI a registered one stands for: the one it is paired with, else the closest
    /// expected URI it equals or nearly matches; nil when it is no sheet URI at all.
    func counterpart(ofRegistered index: Int) -> (expected: Expected, comparison: URIComparison)? {
        guard registered.indices.contains(index) else { return nil }
        if let pair = pairs.first(where: { $0.registeredIndex == index }), let comparison = pair.comparison,
           expected.indices.contains(pair.expectedIndex) {
            return (expected[pair.expectedIndex], comparison)
        }
        let actual = registered[index].uri
        return (counterpartCandidates[index] ?? []).filter(expected.indices.contains)
            .map { (expected[$0], URIExplainer.compare(expected: expected[$0].uri, actual: actual)) }
            .filter { $0.1.isExact || $0.1.isNearMiss }
            .min { $0.1.distance < $1.1.distance }
    }

    /// "「Microsoft 365_リダイレクトURI2」（example.co.jp）" / "\"Microsoft 365_リダイレクトURI2\" (example.co.jp)".
    static func labelText(_ expected: Expected, _ phrases: CheckPhrases.SheetPhrases) -> LocalizedText {
        let name = LocalizedText.same(expected.label.sheetLabel)
        guard expected.label == .uri2, let domain = expected.domain else { return MessageTemplate.fill(phrases.label, with: ["name": name]) }
        return MessageTemplate.fill(phrases.labelWithDomain, with: ["name": name, "domain": .same(domain)])
    }
}
