import Foundation

/// `display-name`: the app's name differs from the expected one. Compared leniently (NFKC,
/// spaces removed, case folded): the guide itself writes both 「MAILGATESΣ」 and "MAILGATES Σ".
public struct DisplayNameCheck: Check {
    public static let kind = "display-name"
    public static let placeholders: Set<String> = ["actual", "expected"]
    let expected: String
    /// `normalised(expected)`, once.
    let expectedKey: String

    public init(params: RuleParams, catalog: PermissionCatalog) throws {
        try params.allowOnly(["expected"])
        expected = try params.string("expected")
        expectedKey = Self.normalised(expected)
    }

    static func normalised(_ name: String) -> String {
        // ASCII is its own NFKC.
        let folded = name.utf8.allSatisfy { $0 < 0x80 } ? name.lowercased() : name.precomposedStringWithCompatibilityMapping.lowercased()
        return String(String.UnicodeScalarView(folded.unicodeScalars.filter { !URIText.isWhitespaceLike($0) }))
    }

    public func evaluate(_ context: AuditContext) -> [CheckHit] {
        // The expected name itself (nearly every tenant) needs no normalising: equal strings normalise alike.
        guard let actual = context.manifest?.displayName, actual != expected, Self.normalised(actual) != expectedKey else { return [] }
        let shown = VisibleText.escape(actual)
        return [CheckHit(subject: shown,
                         evidence: ["displayName": .string(shown), "expected": .string(expected)],
                         variables: ["actual": .same(shown), "expected": .same(expected)])]
    }
}
