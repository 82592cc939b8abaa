import Foundation

/// `sheet-value`: a problem of the notification sheet's own values, found while reading it
/// (`NotificationSheet.valueIssues`), one kind per rule (`issue`):
/// - `invalid`: a URI1/URI2/access URL value that is no absolute http(s) URL once its wrappers are
///   stripped; it is never used as an expected URI;
/// - `invisible`: invisible or full-width characters in the sheet's URI; the cleaned URI is the
///   one compared, so the advice never carries the sheet's character;
/// - `wrapped`: a value that may be cut over two lines (a pasted mail); both readings are shown
///   and no URI check derives advice from it.
/// Needs a sheet only (no manifest).
public struct SheetValueCheck: Check {
    public static let kind = "sheet-value"
    public static let placeholders: Set<String> = ["label", "raw", "file", "characters", "value", "firstReading", "joinedReading", "registered"]
    let issue: SheetValueIssue.Kind

    public init(params: RuleParams, catalog: PermissionCatalog) throws {
        try params.allowOnly(["issue"])
        guard let issue = SheetValueIssue.Kind(rawValue: try params.string("issue")) else {
            throw ParamError("issue must be 'invalid', 'invisible' or 'wrapped'")
        }
        self.issue = issue
    }

    public func evaluate(_ context: AuditContext) -> [CheckHit] {
        guard let sheet = context.bundle.sheet else { return [] }
        let registered = context.manifest?.redirectURIs.map(\.uri) ?? []
        return sheet.valueIssues.filter { $0.kind == issue }.map { hit($0, registered: registered, phrases: context.phrases) }
    }

    /// 「Microsoft 365_リダイレクトURI2」（example.co.jp） / 「アクセスURL」: the subject and `{label}`.
    static func label(_ issue: SheetValueIssue, _ phrases: CheckPhrases.SheetPhrases) -> (subject: String, text: LocalizedText) {
        let name = switch issue.field {
        case .uri1: SheetLabels.uri1Label
        case .uri2: SheetLabels.uri2Label
        case .accessURL: "アクセスURL"
        }
        let domain = issue.field == .uri2 ? issue.domain.map { VisibleText.escape($0) } : nil
        let text = domain.map { MessageTemplate.fill(phrases.labelWithDomain, with: ["name": .same(name), "domain": .same($0)]) }
            ?? MessageTemplate.fill(phrases.label, with: ["name": .same(name)])
        return (name + (domain.map { " (\($0))" } ?? ""), text)
    }

    func hit(_ issue: SheetValueIssue, registered: [String], phrases: CheckPhrases) -> CheckHit {
        let (subject, labelText) = Self.label(issue, phrases.sheet)
        let raw = VisibleText.escape(issue.raw, keepInnerSpaces: false)
        let path = issue.path.map { VisibleText.escape($0) }
        var evidence: [String: EvidenceValue] = [
            "field": .string(issue.field.rawValue), "domain": issue.domain.map(EvidenceValue.string) ?? .null,
            "raw": .string(raw), "path": path.map(EvidenceValue.string) ?? .null,
            "line": issue.line.map(EvidenceValue.int) ?? .null,
        ]
        var variables: [String: LocalizedText] = [
            "label": labelText, "raw": .same(raw),
            "file": path.map { path in
                issue.line.map { MessageTemplate.fill(phrases.sheet.fileLine, with: ["path": .same(path), "line": .same(String($0))]) }
                    ?? MessageTemplate.fill(phrases.sheet.file, with: ["path": .same(path)])
            } ?? .same(""),
        ]
        switch issue.kind {
        case .invalid:
            break
        case .invisible:
            let value = URIText.subject(issue.value)
            evidence["value"] = .string(value)
            evidence["characters"] = .list(issue.characters.map { character in
                let scalar = Unicode.Scalar(character.scalar) ?? "?"
                return URIText.characterEvidence(scalar, position: character.position,
                                                 extra: ["replacement": character.replacement.map(EvidenceValue.string) ?? .null])
            })
            variables["value"] = .same(value)
            variables["characters"] = Self.describe(issue.characters, phrases.characters)
        case .wrapped:
            let first = URIText.subject(issue.value)
            let joined = URIText.subject(issue.joined ?? issue.value)
            let matches = [issue.value, issue.joined].compactMap { $0 }.filter { reading in
                registered.contains { URIExplainer.sameScalars($0, reading) }
            }
            evidence["readings"] = .list([.string(first), .string(joined)])
            evidence["registeredReading"] = matches.first.map { .string(URIText.subject($0)) } ?? .null
            variables["firstReading"] = .same(first)
            variables["joinedReading"] = .same(joined)
            variables["registered"] = matches.first.map { MessageTemplate.fill(phrases.sheet.registered, with: ["uri": .same(URIText.subject($0))]) }
                ?? phrases.sheet.neitherRegistered
        }
        let guide = issue.field == .uri2 ? phrases.sheet.guideStepURI2 : phrases.sheet.guideStepURI1
        return CheckHit(subject: subject, evidence: evidence, variables: variables, guideStep: guide)
    }

    /// `30 文字目 ⟨U+3000⟩ IDEOGRAPHIC SPACE（取り除いて比較）` / `ｍ (U+FF4D) at position 12 → "m"`.
    static func describe(_ characters: [SheetValueIssue.StrayCharacter], _ phrases: CheckPhrases.CharacterPhrases) -> LocalizedText {
        phrases.list(characters.compactMap { character in
            guard let scalar = Unicode.Scalar(character.scalar) else { return nil }
            let shown: LocalizedText = VisibleText.isInvisible(scalar) || scalar.properties.isWhitespace
                ? .same(VisibleText.codePoint(scalar))
                : MessageTemplate.fill(phrases.sheetShown, with: ["character": .same(String(Character(scalar))), "codePoint": .same(URIText.codePoint(scalar))])
            var values: [String: LocalizedText] = ["position": .same(String(character.position)), "shown": shown,
                                                   "name": .same(scalar.properties.name ?? URIText.codePoint(scalar))]
            guard let replacement = character.replacement else { return MessageTemplate.fill(phrases.sheetRemoved, with: values) }
            values["toASCII"] = phrases.toASCII(replacement)
            return MessageTemplate.fill(phrases.sheetReplaced, with: values)
        })
    }
}
