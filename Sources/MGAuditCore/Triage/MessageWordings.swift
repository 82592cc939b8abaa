import Foundation

/// Microsoft's wording of one error, for texts that carry no AADSTS code (the consent screen's
/// "Need admin approval" / 「管理者の承認が必要」, an old log holding only the message).
public struct MessageWording: Sendable, Codable, Hashable {
    /// The code the wording belongs to.
    public var code: Int
    /// Fragments of Microsoft's text, matched as substrings (ASCII letters case-insensitively).
    public var en: [String]
    public var ja: [String]
    /// Where the wording was checked.
    public var source: String?

    public init(code: Int, en: [String] = [], ja: [String] = [], source: String? = nil) {
        self.code = code
        self.en = en
        self.ja = ja
        self.source = source
    }

    enum CodingKeys: String, CodingKey { case code, en, ja, source }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        code = try container.decode(Int.self, forKey: .code)
        en = try container.decodeIfPresent([String].self, forKey: .en) ?? []
        ja = try container.decodeIfPresent([String].self, forKey: .ja) ?? []
        source = try container.decodeIfPresent(String.self, forKey: .source)
    }
}

/// What triage adds to the findings it shows (`aadsts-wordings.yaml`, `notes.findings`): the
/// names of the two strings of a finding's character diff. The findings themselves, including
/// those about the request, all come from the rule pack.
public struct TriageFindingTexts: Sendable, Codable, Hashable {
    /// The names of a finding's two compared strings, by rule id; the entry without `rules` is
    /// used for any other finding that carries a diff.
    public var comparisons: [ComparisonLabels]

    /// The labels for a finding of `rule`: its own entry, else the default one.
    public func comparison(for rule: String) -> FindingComparison? {
        (comparisons.first { $0.rules?.contains(rule) == true } ?? comparisons.first { $0.rules == nil })?.labels
    }
}

/// One entry of `notes.findings.comparisons`.
public struct ComparisonLabels: Sendable, Codable, Hashable {
    public var rules: [String]?
    public var expected: LocalizedText
    public var actual: LocalizedText
    public var expectedLong: LocalizedText
    public var actualLong: LocalizedText
    public var labels: FindingComparison {
        FindingComparison(expected: expected, actual: actual, expectedLong: expectedLong, actualLong: actualLong)
    }
}

/// The sentences triage adds about how an error was read. Templates: `{code}`, `{written}`,
/// `{phrase}`, `{codes}` are filled in.
public struct TriageNotes: Sendable, Codable, Hashable {
    /// The prefix is one edit away from `AADSTS` (`ADDSTS50020`).
    public var misspeltPrefix: LocalizedText
    /// A space between prefix and digits (`AADSTS 50020`).
    public var spacedCode: LocalizedText
    /// Full-width letters or digits (`AADSTS５００２０`).
    public var fullWidthCode: LocalizedText
    /// No code in the text; inferred from Microsoft's wording.
    public var inferredCode: LocalizedText
    /// Other codes in the same message.
    public var relatedCodes: LocalizedText
    /// The findings about the request itself; nil only in a catalog built in code.
    public var findings: TriageFindingTexts?

    public init(misspeltPrefix: LocalizedText, spacedCode: LocalizedText, fullWidthCode: LocalizedText,
                inferredCode: LocalizedText, relatedCodes: LocalizedText, findings: TriageFindingTexts? = nil) {
        self.misspeltPrefix = misspeltPrefix
        self.spacedCode = spacedCode
        self.fullWidthCode = fullWidthCode
        self.inferredCode = inferredCode
        self.relatedCodes = relatedCodes
        self.findings = findings
    }

    /// Used only when a catalog is built in code without a wordings file.
    public static let placeholder = TriageNotes(
        misspeltPrefix: LocalizedText(ja: "{written} → {code}", en: "{written} → {code}"),
        spacedCode: LocalizedText(ja: "{written} → {code}", en: "{written} → {code}"),
        fullWidthCode: LocalizedText(ja: "{written} → {code}", en: "{written} → {code}"),
        inferredCode: LocalizedText(ja: "{phrase} → {code}", en: "{phrase} → {code}"),
        relatedCodes: LocalizedText(ja: "{codes}", en: "{codes}"))
}

/// `aadsts-wordings.yaml`: the wording table and the notes, beside `aadsts.yaml`.
public struct MessageWordings: Sendable, Hashable {
    public static let fileName = "aadsts-wordings.yaml"
    /// A phrase longer than this is refused when the file is loaded (it keeps matching linear with a small constant).
    public static let maximumPhraseBytes = 200

    public private(set) var wordings: [MessageWording]
    public private(set) var notes: TriageNotes
    /// Every phrase, with the wording it belongs to.
    let phrases: [(phrase: String, code: Int)]
    let needles: NeedleSet

    public init(wordings: [MessageWording], notes: TriageNotes) {
        self.wordings = wordings
        self.notes = notes
        let phrases = wordings.flatMap { wording in (wording.en + wording.ja).map { ($0, wording.code) } }
        self.phrases = phrases
        self.needles = NeedleSet(phrases.map(\.0))
    }

    public static let empty = MessageWordings(wordings: [], notes: .placeholder)

    public static func == (lhs: MessageWordings, rhs: MessageWordings) -> Bool {
        lhs.wordings == rhs.wordings && lhs.notes == rhs.notes
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(wordings)
        hasher.combine(notes)
    }

    /// The first of Microsoft's wordings in `text`: the code and the phrase as the table has it.
    public func firstMatch(in text: String) -> (code: Int, phrase: String)? {
        guard !phrases.isEmpty, let found = needles.firstMatch(in: ArraySlice(text.utf8)) else { return nil }
        return (phrases[found.needle].code, phrases[found.needle].phrase)
    }

    /// Loads `<directory>/aadsts-wordings.yaml`; errors name the file. Every code must be in `catalog`.
    public static func load(directory: URL, catalog: AADSTSCatalog) throws -> MessageWordings {
        let file = directory.appendingPathComponent(fileName)
        let document = try YAMLFile.decode(Document.self, from: file)
        for wording in document.wordings {
            guard (1_000...999_999_999).contains(wording.code) else {
                throw InputError(path: file.path, problem: "wording code \(wording.code) is not an AADSTS code (4–9 digits)")
            }
            guard catalog.contains(number: wording.code) else {
                throw InputError(path: file.path, problem: "wording code \(wording.code) is not in \(AADSTSCatalog.fileName)")
            }
            guard !(wording.en + wording.ja).isEmpty else {
                throw InputError(path: file.path, problem: "wording for code \(wording.code) has no en or ja phrase")
            }
            for phrase in wording.en + wording.ja {
                let bytes = phrase.utf8.count
                guard phrase.trimmedEnds(in: .whitespaces).count >= 4, bytes <= maximumPhraseBytes else {
                    throw InputError(path: file.path, problem: "wording for code \(wording.code): phrase '\(VisibleText.escape(String(phrase.prefix(40))))' "
                        + "must be 4 characters to \(maximumPhraseBytes) bytes long")
                }
            }
        }
        let notes = document.notes
        guard let findings = notes.findings else {
            throw InputError(path: file.path, problem: "notes.findings is missing")
        }
        var texts = [("misspeltPrefix", notes.misspeltPrefix), ("spacedCode", notes.spacedCode),
                     ("fullWidthCode", notes.fullWidthCode), ("inferredCode", notes.inferredCode),
                     ("relatedCodes", notes.relatedCodes)]
        for (index, entry) in findings.comparisons.enumerated() {
            texts += [("findings.comparisons[\(index)].expected", entry.expected), ("findings.comparisons[\(index)].actual", entry.actual),
                      ("findings.comparisons[\(index)].expectedLong", entry.expectedLong),
                      ("findings.comparisons[\(index)].actualLong", entry.actualLong)]
        }
        for (field, text) in texts
        where text.ja.isBlank || text.en.isBlank {
            throw InputError(path: file.path, problem: "notes.\(field) needs both ja and en text")
        }
        return MessageWordings(wordings: document.wordings, notes: notes)
    }

    private struct Document: Decodable {
        var wordings: [MessageWording]
        var notes: TriageNotes
    }
}

extension LocalizedText {
    /// The template with `{name}` replaced by each value (in both languages).
    func filled(_ values: [String: String]) -> LocalizedText {
        filled(ja: values, en: values)
    }

    /// The template with each language's own values (`{summary}` is a sentence in that language).
    func filled(ja jaValues: [String: String], en enValues: [String: String]) -> LocalizedText {
        // One pass over the template (`MessageTemplate.fill`): a value is never searched for placeholders itself.
        LocalizedText(ja: MessageTemplate.fill(ja, jaValues), en: MessageTemplate.fill(en, enValues))
    }
}

/// Several byte strings searched for at once in one pass, ASCII letters case-insensitively.
/// Each position is compared only with the needles starting with its byte, so the cost is linear
/// in the text times a constant bounded by the needles' lengths.
struct NeedleSet: Sendable, Hashable {
    private let needles: [[UInt8]]
    private let buckets: [[Int]]

    init(_ strings: [String]) {
        let needles = strings.map { Array($0.utf8).map(Self.fold) }.filter { !$0.isEmpty }
        var buckets = [[Int]](repeating: [], count: 256)
        for (index, needle) in needles.enumerated() {
            if let first = needle.first { buckets[Int(first)].append(index) }
        }
        self.needles = needles
        self.buckets = buckets
    }

    var isEmpty: Bool { needles.isEmpty }

    static func fold(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte }

    /// The needle found earliest in `bytes` (at the same place, the one listed first), and where.
    func firstMatch(in bytes: ArraySlice<UInt8>) -> (needle: Int, offset: Int)? {
        var position = bytes.startIndex
        while position < bytes.endIndex {
            let candidates = buckets[Int(Self.fold(bytes[position]))]
            for index in candidates {
                let needle = needles[index]
                guard bytes.endIndex - position >= needle.count else { continue }
                var matched = 1
                while matched < needle.count, Self.fold(bytes[position + matched]) == needle[matched] { matched += 1 }
                if matched == needle.count { return (index, position - bytes.startIndex) }
            }
            position += 1
        }
        return nil
    }

    func contains(in bytes: ArraySlice<UInt8>) -> Bool { firstMatch(in: bytes) != nil }
}
