import Foundation

/// Who can fix the cause of an error: where support sends the customer (`fixedBy` in `aadsts.yaml`).
public enum FixedBy: String, Sendable, Codable, Hashable, CaseIterable {
    /// The person signing in, on their own (sign in again, with another account, retry).
    case user
    /// An administrator of the customer's tenant, with the role `adminRole` names.
    case customerAdmin = "customer-admin"
    /// MailGates (the request MailGates sends, or a setting only MailGates changes).
    case mailgates
    /// Microsoft (a service fault: retry, or a support case with Microsoft).
    case microsoft
}

/// The least privileged Entra role that can fix a `customer-admin` error, so that support asks the
/// customer for the right person rather than for a Global Administrator by default.
public enum AdminRole: String, Sendable, Codable, Hashable, CaseIterable {
    case applicationAdministrator = "Application Administrator"
    case cloudApplicationAdministrator = "Cloud Application Administrator"
    /// Needed to grant admin consent to application permissions (app roles) of Microsoft Graph.
    case privilegedRoleAdministrator = "Privileged Role Administrator"
    case conditionalAccessAdministrator = "Conditional Access Administrator"
    case globalAdministrator = "Global Administrator"
}

/// One AADSTS code as described in `rules/aadsts.yaml`.
public struct CatalogEntry: Sendable, Codable, Hashable {
    public var code: Int
    /// Microsoft's internal name from its error-code reference (`InvalidReplyTo`), where it gives one.
    public var name: String?
    /// The OAuth `error` value it usually comes with.
    public var error: String?
    public var cause: TriageCause
    /// What the code means, in our own words.
    public var summary: LocalizedText
    /// What to check in this MailGates setup.
    public var check: LocalizedText
    /// The step of the setup guide that fixes it; nil for errors the guide does not cover.
    public var guideStep: LocalizedText?
    /// Related rule ids from SPEC.md (what `mgaudit check` reports for the same mistake).
    public var rules: [String]
    /// A transient service error: retrying later may be all that is needed.
    public var retry: Bool
    /// Who fixes it. Required in the file: a guessed default would send customers to the wrong person.
    public var fixedBy: FixedBy
    /// The role needed, exactly when `fixedBy` is `customer-admin`.
    public var adminRole: AdminRole?
    /// Whether the MailGates Σ setup (authorization code flow against the customer's single tenant,
    /// Graph User.Read.All/Group.Read.All application permissions and delegated User.Read, a client
    /// secret) can meet it. Required in the file: most documented codes cannot happen here, and
    /// neither default would be right for most entries.
    public var inSetup: Bool

    public init(code: Int, name: String? = nil, error: String? = nil, cause: TriageCause, summary: LocalizedText,
                check: LocalizedText, guideStep: LocalizedText? = nil, rules: [String] = [], retry: Bool = false,
                fixedBy: FixedBy, adminRole: AdminRole? = nil, inSetup: Bool) {
        self.code = code
        self.name = name
        self.error = error
        self.cause = cause
        self.summary = summary
        self.check = check
        self.guideStep = guideStep
        self.rules = rules
        self.retry = retry
        self.fixedBy = fixedBy
        self.adminRole = adminRole
        self.inSetup = inSetup
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        code = try container.decode(Int.self, forKey: .code)
        name = try container.decodeIfPresent(String.self, forKey: .name)
        error = try container.decodeIfPresent(String.self, forKey: .error)
        cause = try container.decode(TriageCause.self, forKey: .cause)
        summary = try container.decode(LocalizedText.self, forKey: .summary)
        check = try container.decode(LocalizedText.self, forKey: .check)
        guideStep = try container.decodeIfPresent(LocalizedText.self, forKey: .guideStep)
        rules = try container.decodeIfPresent([String].self, forKey: .rules) ?? []
        retry = try container.decodeIfPresent(Bool.self, forKey: .retry) ?? false
        fixedBy = try container.decode(FixedBy.self, forKey: .fixedBy)
        adminRole = try container.decodeIfPresent(AdminRole.self, forKey: .adminRole)
        inSetup = try container.decode(Bool.self, forKey: .inSetup)
        // Thrown as decoding errors so that YAMLFile names the line of the entry.
        if fixedBy == .customerAdmin, adminRole == nil {
            throw DecodingError.dataCorruptedError(forKey: .fixedBy, in: container,
                                                   debugDescription: "code \(code): fixedBy customer-admin needs an adminRole")
        }
        if fixedBy != .customerAdmin, adminRole != nil {
            throw DecodingError.dataCorruptedError(forKey: .adminRole, in: container,
                                                   debugDescription: "code \(code): adminRole is only for fixedBy customer-admin")
        }
    }

    /// `AADSTS50011`.
    public var id: String { "AADSTS\(code)" }
}

/// The AADSTS codes this setup can meet, loaded from `aadsts.yaml` in a rules directory.
///
/// `load` indexes the file by code in one pass over its lines and decodes an entry the first time
/// it is asked for, so that triage of one error reads one entry of 313 instead of all of them
/// (the whole file is decoded, and checked, by `entries`, `load(file:)` and the tests).
public struct AADSTSCatalog: Sendable, Hashable {
    public static let fileName = "aadsts.yaml"

    private var storage: Storage
    /// Microsoft's wordings for texts without a code, and the notes triage adds (`aadsts-wordings.yaml`).
    public var wordings: MessageWordings = .empty
    /// The reply's sentences and the routing labels (`reply.yaml`); nil only in a catalog built in code.
    public var reply: ReplyTexts?

    private enum Storage: Sendable, Hashable {
        case decoded([Int: CatalogEntry])
        case indexed(CatalogIndex)
    }

    public init(entries: [CatalogEntry]) {
        storage = .decoded(Dictionary(entries.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first }))
    }

    /// Every entry, sorted by code. On an indexed catalog this decodes every entry not yet decoded.
    public var entries: [CatalogEntry] {
        switch storage {
        case .decoded(let byCode): return byCode.values.sorted { $0.code < $1.code }
        case .indexed(let index): return index.codes.compactMap { try? index.entry($0) }
        }
    }

    /// Decodes every entry of an indexed catalog; the first that cannot be read is thrown (file and line).
    public func validate() throws {
        if case .indexed(let index) = storage {
            for code in index.codes { _ = try index.entry(code) }
        }
    }

    /// Loads `<directory>/aadsts.yaml` (indexed, entries decoded on first use), the wordings and the
    /// reply texts; errors name the file and, for YAML problems, the line.
    public static func load(directory: URL) throws -> AADSTSCatalog {
        let file = directory.appendingPathComponent(fileName)
        var catalog: AADSTSCatalog
        if let index = try CatalogIndex(file: file) {
            catalog = AADSTSCatalog(storage: .indexed(index))
        } else {
            catalog = try load(file: file)
        }
        catalog.wordings = try MessageWordings.load(directory: directory, catalog: catalog)
        catalog.reply = try ReplyTexts.load(directory: directory)
        return catalog
    }

    private init(storage: Storage) {
        self.storage = storage
    }

    /// Decodes and checks the whole file at once.
    public static func load(file: URL) throws -> AADSTSCatalog {
        let document = try YAMLFile.decode(Document.self, from: file)
        var seen: Set<Int> = []
        for entry in document.codes {
            guard seen.insert(entry.code).inserted else {
                throw InputError(path: file.path, problem: "code \(entry.code) is listed twice")
            }
            try check(entry, path: file.path)
        }
        return AADSTSCatalog(entries: document.codes)
    }

    static func check(_ entry: CatalogEntry, path: String) throws {
        for (field, text) in [("summary", entry.summary), ("check", entry.check)]
        where text.ja.isBlank || text.en.isBlank {
            throw InputError(path: path, problem: "code \(entry.code): \(field) needs both ja and en text")
        }
    }

    /// Accepts `50011`, `AADSTS50011` or `aadsts50011`.
    public func entry(for code: String) -> CatalogEntry? {
        guard let number = Self.number(from: code) else { return nil }
        return entry(number: number)
    }

    /// The entry of a code; nil when the catalog has none. An entry of an indexed catalog that
    /// cannot be decoded is nil here; `decodedEntry(number:)` says why.
    public func entry(number: Int) -> CatalogEntry? { try? decodedEntry(number: number) }

    /// The entry of a code, or the error (naming the file and line) that decoding it gave.
    public func decodedEntry(number: Int) throws -> CatalogEntry? {
        switch storage {
        case .decoded(let byCode): return byCode[number]
        case .indexed(let index): return try index.entry(number)
        }
    }

    /// Whether the catalog has an entry for the code, without decoding it.
    public func contains(number: Int) -> Bool {
        switch storage {
        case .decoded(let byCode): return byCode[number] != nil
        case .indexed(let index): return index.contains(number)
        }
    }

    /// The number of an `AADSTS…` code or a bare number; nil for anything else.
    public static func number(from code: String) -> Int? {
        var text = code.trimmingCharacters(in: .whitespaces)
        if text.uppercased().hasPrefix("AADSTS") { text = String(text.dropFirst(6)) }
        guard !text.isEmpty, text.count <= 9, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(text)
    }

    fileprivate struct Document: Decodable {
        var codes: [CatalogEntry]
    }
}

/// `aadsts.yaml` split at its entries: the line of each `  - code: N`, so that one entry can be
/// decoded alone. The index is built in one pass over the bytes; decoded entries are kept.
final class CatalogIndex: @unchecked Sendable, Hashable {
    let path: String
    private let text: [UInt8]
    /// Code -> the entry's byte range and its first line (1-based), in file order.
    private let chunks: [Int: (range: Range<Int>, line: Int)]
    let codes: [Int]
    private let lock = NSLock()
    private var cache: [Int: CatalogEntry] = [:]

    /// Nil when the file is not laid out as `codes:` followed by `  - code: N` entries (then the
    /// whole file is decoded instead); throws for a code listed twice or an unreadable file.
    init?(file: URL) throws {
        path = file.path
        // The reader `YAMLFile.decode` uses: the same errors, byte order marks and encodings.
        let utf8 = try TextDecoding.read(file, allowShiftJIS: false).text.utf8
        guard utf8.count <= YAMLFile.Limits.rulePack.maximumBytes else { return nil }
        text = [UInt8](utf8)
        var chunks: [Int: (range: Range<Int>, line: Int)] = [:]
        var codes: [Int] = []
        var seen: Set<Int> = []
        var open: (code: Int, start: Int, line: Int)?
        var sawCodesKey = false
        var line = 0
        var start = 0
        let prefix = Array("  - code: ".utf8)
        func close(at end: Int) {
            if let current = open { chunks[current.code] = (current.start..<end, current.line) }
            open = nil
        }
        for end in Self.lineEnds(text) {
            line += 1
            let first = text[start]
            if first != UInt8(ascii: " "), first != UInt8(ascii: "#"), first != UInt8(ascii: "\n"), first != UInt8(ascii: "\r") {
                // A top-level key: only `codes:` is expected, and only once.
                guard !sawCodesKey, text[start..<end].starts(with: Array("codes:".utf8)) else { return nil }
                sawCodesKey = true
            } else if end - start > prefix.count, text[start..<end].starts(with: prefix) {
                var value = 0
                var index = start + prefix.count
                while index < end, text[index] >= UInt8(ascii: "0"), text[index] <= UInt8(ascii: "9"), value < 1_000_000_000 {
                    value = value * 10 + Int(text[index] - UInt8(ascii: "0"))
                    index += 1
                }
                // Anything after the number but a comment or spaces: not the expected layout.
                let rest = text[index..<end].drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\r") }
                guard index > start + prefix.count, sawCodesKey, rest.isEmpty || rest.first == UInt8(ascii: "#") else { return nil }
                close(at: start)
                guard seen.insert(value).inserted else {
                    throw InputError(path: file.path, problem: "code \(value) is listed twice", line: line)
                }
                codes.append(value)
                open = (value, start, line)
            } else if open == nil, first == UInt8(ascii: " "), sawCodesKey,
                      text[start..<end].contains(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\r") }),
                      text[start..<end].first(where: { $0 != UInt8(ascii: " ") }) != UInt8(ascii: "#") {
                // Content between `codes:` and the first entry: not the expected layout.
                return nil
            }
            start = end + 1
        }
        close(at: text.count)
        guard sawCodesKey, !codes.isEmpty else { return nil }
        self.chunks = chunks
        self.codes = codes.sorted()
    }

    /// The offset of every line's end (its LF, or the end of the text), found with `memchr`: a byte
    /// loop over the whole file was most of the index's cost.
    private static func lineEnds(_ text: [UInt8]) -> [Int] {
        text.withUnsafeBufferPointer { bytes in
            var ends: [Int] = []
            guard let base = bytes.baseAddress else { return ends }
            var offset = 0
            while offset < bytes.count {
                guard let hit = memchr(base + offset, 0x0A, bytes.count - offset) else {
                    ends.append(bytes.count)
                    break
                }
                let end = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
                ends.append(end)
                offset = end + 1
            }
            return ends
        }
    }

    func contains(_ code: Int) -> Bool { chunks[code] != nil }

    func entry(_ code: Int) throws -> CatalogEntry? {
        if let cached = lock.withLock({ cache[code] }) { return cached }
        guard let chunk = chunks[code] else { return nil }
        // The entry under a `codes:` key on the line before its own, so that errors give the
        // entry's line in the file.
        let padding = String(repeating: "\n", count: max(0, chunk.line - 2))
        let source = padding + "codes:\n" + String(decoding: text[chunk.range], as: UTF8.self)
        let document = try YAMLFile.decode(AADSTSCatalog.Document.self, from: source, path: path, limits: .rulePack)
        guard document.codes.count == 1, let entry = document.codes.first, entry.code == code else {
            throw InputError(path: path, problem: "the entry of code \(code) could not be read alone", line: chunk.line)
        }
        try AADSTSCatalog.check(entry, path: path)
        lock.withLock { cache[code] = entry }
        return entry
    }

    static func == (left: CatalogIndex, right: CatalogIndex) -> Bool {
        left === right || (left.path == right.path && left.text == right.text)
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(path)
        hasher.combine(text.count)
    }
}
