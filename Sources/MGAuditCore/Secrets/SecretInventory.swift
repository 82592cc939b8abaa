import Foundation

/// Where a client secret stands on the audit date. An end date that could not be read is said
/// to be unreadable, never guessed.
public enum SecretState: String, Sendable, Codable, Hashable {
    case valid
    /// Valid, and ends within the `--expiring-within` days.
    case expiring
    case expired
    /// Its start date is after the audit date.
    case notYetValid = "not-yet-valid"
    /// The start or end date was there but could not be read.
    case unreadableDate = "unreadable-date"
    /// The manifest gives no end date.
    case noEndDate = "no-end-date"
}

/// One client secret (password credential) of one tenant. Never holds the secret value: the
/// manifest model has none.
public struct SecretEntry: Sendable, Codable, Hashable {
    public var tenant: String
    public var appId: String?
    public var keyId: String?
    public var hint: String?
    public var displayName: String?
    /// `YYYY-MM-DD` (UTC), nil when absent or unreadable.
    public var start: String?
    public var end: String?
    /// Whole days from the audit date to the end; nil without a readable end.
    public var daysLeft: Int?
    public var state: SecretState
    /// The end as a date, for the calendar; nil without a readable end.
    public var endDate: Date?

    public init(tenant: String, appId: String?, keyId: String?, hint: String?, displayName: String?, start: String?,
                end: String?, daysLeft: Int?, state: SecretState, endDate: Date?) {
        self.tenant = tenant
        self.appId = appId
        self.keyId = keyId
        self.hint = hint
        self.displayName = displayName
        self.start = start
        self.end = end
        self.daysLeft = daysLeft
        self.state = state
        self.endDate = endDate
    }
}

/// Every client secret of every tenant, soonest end first (unreadable and open-ended last).
public enum SecretInventory {
    /// `expiringWithin`: a valid secret ending within this many days is `expiring`.
    public static func entries(of bundles: [TenantBundle], asOf: Date, expiringWithin: Int) -> [SecretEntry] {
        var result: [SecretEntry] = []
        for bundle in bundles {
            guard let manifest = bundle.manifest else { continue }
            for credential in manifest.passwordCredentials {
                result.append(entry(credential, tenant: bundle.name, appId: manifest.appId, asOf: asOf,
                                    expiringWithin: expiringWithin))
            }
        }
        return result.sorted(by: soonerFirst)
    }

    static func entry(_ credential: PasswordCredential, tenant: String, appId: String?, asOf: Date,
                      expiringWithin: Int) -> SecretEntry {
        let days = credential.end.map { AuditDate.days(from: asOf, to: $0) }
        let state: SecretState
        if credential.endUnreadable || credential.startUnreadable {
            state = .unreadableDate
        } else if let start = credential.start, start > asOf {
            state = .notYetValid
        } else if let end = credential.end, let days {
            if end <= asOf { state = .expired } else if days <= expiringWithin { state = .expiring } else { state = .valid }
        } else {
            state = .noEndDate
        }
        return SecretEntry(tenant: tenant, appId: appId, keyId: credential.keyId, hint: credential.hint,
                           displayName: credential.displayName, start: credential.start.map(EntraDate.day),
                           end: credential.end.map(EntraDate.day), daysLeft: credential.endUnreadable ? nil : days,
                           state: state, endDate: credential.endUnreadable ? nil : credential.end)
    }

    static func soonerFirst(_ a: SecretEntry, _ b: SecretEntry) -> Bool {
        let keyA = (a.end == nil ? 1 : 0, a.end ?? "", a.tenant, a.appId ?? "", a.keyId ?? "")
        let keyB = (b.end == nil ? 1 : 0, b.end ?? "", b.tenant, b.appId ?? "", b.keyId ?? "")
        return keyA < keyB
    }
}

/// The inventory as text (terminal-escaped), CSV (RFC 4180, formula-guarded) or JSON.
public enum SecretInventoryFormat: String, Sendable, CaseIterable {
    case text, csv, json

    static let columns = ["tenant", "app_id", "key_id", "hint", "display_name", "start", "end", "days_left", "state"]

    static func cells(_ entry: SecretEntry) -> [String] {
        [entry.tenant, entry.appId ?? "", entry.keyId ?? "", entry.hint ?? "", entry.displayName ?? "", entry.start ?? "",
         entry.end ?? "", entry.daysLeft.map(String.init) ?? "", entry.state.rawValue]
    }

    public func render(_ entries: [SecretEntry], asOf: String) -> String {
        switch self {
        case .csv:
            return CSVReport.row(Self.columns) + entries.map { CSVReport.row(Self.cells($0).map { VisibleText.escape($0) }) }.joined()
        case .text:
            var text = "secrets as of \(asOf): \(entries.count)\n"
            for entry in entries {
                text += Self.cells(entry).enumerated().map { index, value in
                    index == 0 ? VisibleText.terminal(value) : VisibleText.terminal(value.isEmpty ? "-" : value)
                }.joined(separator: "  ") + "\n"
            }
            return text
        case .json:
            var text = "{\"asOf\":"
            JSONWriter.appendString(asOf, to: &text)
            text += ",\"secrets\":["
            for (index, entry) in entries.enumerated() {
                if index > 0 { text += "," }
                text += "\n  {"
                for (column, (name, value)) in zip(Self.columns, Self.cells(entry)).enumerated() {
                    if column > 0 { text += "," }
                    JSONWriter.appendString(name, to: &text)
                    text += ":"
                    if name == "days_left" {
                        text += entry.daysLeft.map(String.init) ?? "null"
                    } else if value.isEmpty, name != "tenant" {
                        text += "null"
                    } else {
                        JSONWriter.appendString(value, to: &text)
                    }
                }
                text += "}"
            }
            text += entries.isEmpty ? "]}\n" : "\n]}\n"
            return text
        }
    }
}
