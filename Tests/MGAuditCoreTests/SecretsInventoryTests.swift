import Foundation
@testable import MGAuditCore
import Testing

@Suite struct SecretsInventoryTests {
    static func day(_ text: String) -> Date { EntraDate.parse(text) ?? Date(timeIntervalSince1970: 0) }

    @Test func statesAndOrder() {
        let asOf = Self.day("2026-12-01")
        let manifest = AppRegistration(format: .microsoftGraph, appId: "app", passwordCredentials: [
            PasswordCredential(keyId: "valid", start: Self.day("2025-01-01"), end: Self.day("2027-06-01")),
            PasswordCredential(keyId: "expiring", start: Self.day("2025-01-01"), end: Self.day("2026-12-20")),
            PasswordCredential(keyId: "expired", start: Self.day("2024-01-01"), end: Self.day("2026-01-01")),
            PasswordCredential(keyId: "future", start: Self.day("2027-01-01"), end: Self.day("2029-01-01")),
            PasswordCredential(keyId: "broken", start: Self.day("2025-01-01"), endUnreadable: true),
            PasswordCredential(keyId: "open", start: Self.day("2025-01-01")),
        ])
        let entries = SecretInventory.entries(of: [TenantBundle(name: "t", manifest: manifest)], asOf: asOf, expiringWithin: 30)
        #expect(entries.map(\.keyId) == ["expired", "expiring", "valid", "future", "broken", "open"])
        #expect(entries.map(\.state) == [.expired, .expiring, .valid, .notYetValid, .unreadableDate, .noEndDate])
        #expect(entries.map(\.daysLeft) == [-334, 19, 182, 762, nil, nil])
        // An unreadable end is never guessed.
        #expect(entries[4].end == nil && entries[4].endDate == nil)
    }

    @Test func expiringWindowIsInclusive() {
        let asOf = Self.day("2026-12-01")
        let manifest = AppRegistration(format: .microsoftGraph, appId: "app", passwordCredentials: [
            PasswordCredential(keyId: "k", end: Self.day("2026-12-31")),
        ])
        let bundle = TenantBundle(name: "t", manifest: manifest)
        #expect(SecretInventory.entries(of: [bundle], asOf: asOf, expiringWithin: 30).first?.state == .expiring)
        #expect(SecretInventory.entries(of: [bundle], asOf: asOf, expiringWithin: 29).first?.state == .valid)
    }

    @Test func textIsTerminalEscaped() {
        let entry = SecretEntry(tenant: "a\u{1B}[2Jb\nc", appId: nil, keyId: nil, hint: nil, displayName: nil, start: nil,
                                end: nil, daysLeft: nil, state: .noEndDate, endDate: nil)
        let text = SecretInventoryFormat.text.render([entry], asOf: "2026-12-01")
        #expect(!text.contains("\u{1B}"))
        #expect(text.split(separator: "\n").count == 2)
    }
}
