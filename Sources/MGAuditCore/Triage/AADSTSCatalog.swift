import Foundation

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

    public init(code: Int, name: String? = nil, error: String? = nil, cause: TriageCause, summary: LocalizedText,
                check: LocalizedText, guideStep: LocalizedText? = nil, rules: [String] = [], retry: Bool = false) {
        self.code = code
        self.name = name
        self.error = error
        self.cause = cause
        self.summary = summary
        self.check = check
        self.guideStep = guideStep
        self.rules = rules
        self.retry = retry
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
    }

    /// `AADSTS50011`.
    public var id: String { "AADSTS\(code)" }
}

/// The AADSTS codes this setup can meet, loaded from `aadsts.yaml` in a rules directory.
public struct AADSTSCatalog: Sendable, Hashable {
    public static let fileName = "aadsts.yaml"

    public private(set) var entries: [CatalogEntry]
    private var byCode: [Int: CatalogEntry]
    /// Microsoft's wordings for texts without a code, and the notes triage adds (`aadsts-wordings.yaml`).
    public var wordings: MessageWordings = .empty

    public init(entries: [CatalogEntry]) {
        self.entries = entries.sorted { $0.code < $1.code }
        self.byCode = Dictionary(entries.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Loads `<directory>/aadsts.yaml`; errors name the file and, for YAML problems, the line.
    public static func load(directory: URL) throws -> AADSTSCatalog {
        var catalog = try load(file: directory.appendingPathComponent(fileName))
        catalog.wordings = try MessageWordings.load(directory: directory, catalog: catalog)
        return catalog
    }

    public static func load(file: URL) throws -> AADSTSCatalog {
        let document = try YAMLFile.decode(Document.self, from: file)
        var seen: Set<Int> = []
        for entry in document.codes {
            guard seen.insert(entry.code).inserted else {
                throw InputError(path: file.path, problem: "code \(entry.code) is listed twice")
            }
            for (field, text) in [("summary", entry.summary), ("check", entry.check)]
            where text.ja.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
                || text.en.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                throw InputError(path: file.path, problem: "code \(entry.code): \(field) needs both ja and en text")
            }
        }
        return AADSTSCatalog(entries: document.codes)
    }

    /// Accepts `50011`, `AADSTS50011` or `aadsts50011`.
    public func entry(for code: String) -> CatalogEntry? {
        guard let number = Self.number(from: code) else { return nil }
        return byCode[number]
    }

    public func entry(number: Int) -> CatalogEntry? { byCode[number] }

    /// The number of an `AADSTS…` code or a bare number; nil for anything else.
    public static func number(from code: String) -> Int? {
        var text = code.trimmingCharacters(in: .whitespaces)
        if text.uppercased().hasPrefix("AADSTS") { text = String(text.dropFirst(6)) }
        guard !text.isEmpty, text.count <= 9, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(text)
    }

    private struct Document: Decodable {
        var codes: [CatalogEntry]
    }
}
