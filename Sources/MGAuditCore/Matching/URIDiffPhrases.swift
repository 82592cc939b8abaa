/// The sentences of the URI diff (`URIComparison.summary`, `URIEdit.explanation`), ja + en, from
/// `rules/phrases.yaml` (`uriDiff`). Matching never reads files: the rules layer decodes and checks
/// them once at pack load (`CheckPhrases.load`) and passes them in. Each field is a template whose
/// `{placeholders}` are listed in `uses` (the ones the wording fills, and the ones it needs).
public struct URIDiffPhrases: Sendable, Hashable, Decodable {
    /// `{context}` (the characters before the edit), `{position}` (1-based).
    public var after: LocalizedText
    public var atStart: LocalizedText
    public var atEnd: LocalizedText
    /// Like `after`, as a modifier (「…の」); `{context}`, `{position}`.
    public var afterOf: LocalizedText
    public var ofStart: LocalizedText
    /// A quoted character run: `{text}`.
    public var quoted: LocalizedText
    /// A quoted run with non-ASCII characters: `{text}`, `{codePoints}`.
    public var quotedWithCodePoints: LocalizedText
    /// Between code points of a quoted run, and between the runs of a blank list.
    public var codePointSeparator: LocalizedText
    public var listSeparator: LocalizedText
    /// One blank character: `{name}`, `{codePoint}`; several in a row: `{name}` (plural), `{codePoint}`, `{count}`.
    public var blankOne: LocalizedText
    public var blankMany: LocalizedText
    /// The names of blank and invisible characters.
    public var blankNames: [BlankName]
    public var otherSpace: BlankName
    public var otherFormat: BlankName

    public var missingHyphen: LocalizedText
    public var extraHyphen: LocalizedText
    public var missingSymbol: LocalizedText
    public var extraSymbol: LocalizedText
    public var leadingSpace: LocalizedText
    public var trailingSpace: LocalizedText
    public var innerSpace: LocalizedText
    public var zeroWidth: LocalizedText
    public var fullWidth: LocalizedText
    public var hostCase: LocalizedText
    public var pathCase: LocalizedText
    public var extraSlash: LocalizedText
    public var missingSlash: LocalizedText
    public var missingScheme: LocalizedText
    public var scheme: LocalizedText
    public var extraPort: LocalizedText
    public var missingPort: LocalizedText
    public var changedPort: LocalizedText
    public var extraQuery: LocalizedText
    public var missingQuery: LocalizedText
    public var changedQuery: LocalizedText
    public var extraFragment: LocalizedText
    public var missingFragment: LocalizedText
    public var changedFragment: LocalizedText
    public var missingText: LocalizedText
    public var extraText: LocalizedText
    public var changedText: LocalizedText

    /// The summary: explanations joined by `joiner`, closed by `end`; `identical` when no edit.
    public var joiner: LocalizedText
    public var end: LocalizedText
    public var identical: LocalizedText

    /// A blank or invisible character's name: bare (`name`), with an article (`one`), and plural.
    public struct BlankName: Sendable, Hashable, Decodable {
        /// `U+XXXX` code points this name is for (absent for `otherSpace` / `otherFormat`).
        public var codePoints: [String]?
        public var name: LocalizedText
        public var one: LocalizedText
        public var plural: LocalizedText
    }

    /// What each template may use (`allowed`) and must use in both languages (`required`), for the
    /// load-time check; a template's key is its field name in `phrases.yaml`.
    public static var uses: [(key: String, text: KeyPath<URIDiffPhrases, LocalizedText>, allowed: Set<String>, required: Set<String>)] { [
        ("after", \.after, ["context", "position"], ["context", "position"]),
        ("atStart", \.atStart, [], []),
        ("atEnd", \.atEnd, [], []),
        ("afterOf", \.afterOf, ["context", "position"], ["context", "position"]),
        ("ofStart", \.ofStart, [], []),
        ("quoted", \.quoted, ["text"], ["text"]),
        ("quotedWithCodePoints", \.quotedWithCodePoints, ["text", "codePoints"], ["text", "codePoints"]),
        ("codePointSeparator", \.codePointSeparator, [], []),
        ("listSeparator", \.listSeparator, [], []),
        ("blankOne", \.blankOne, ["name", "codePoint"], ["name", "codePoint"]),
        ("blankMany", \.blankMany, ["name", "codePoint", "count"], ["name", "codePoint", "count"]),
        ("missingHyphen", \.missingHyphen, ["at", "expected"], ["at", "expected"]),
        ("extraHyphen", \.extraHyphen, ["at", "actual"], ["at", "actual"]),
        ("missingSymbol", \.missingSymbol, ["at", "expected"], ["at", "expected"]),
        ("extraSymbol", \.extraSymbol, ["at", "actual"], ["at", "actual"]),
        ("leadingSpace", \.leadingSpace, ["blanks"], ["blanks"]),
        ("trailingSpace", \.trailingSpace, ["blanks"], ["blanks"]),
        ("innerSpace", \.innerSpace, ["at", "blanks"], ["at", "blanks"]),
        ("zeroWidth", \.zeroWidth, ["at", "blanks", "bareBlanks"], ["at"]),
        ("fullWidth", \.fullWidth, ["of", "actual", "expected"], ["of", "actual", "expected"]),
        ("hostCase", \.hostCase, ["position", "actual", "expected"], ["actual", "expected"]),
        ("pathCase", \.pathCase, ["position", "actual", "expected"], ["actual", "expected"]),
        ("extraSlash", \.extraSlash, ["at", "actual"], ["at", "actual"]),
        ("missingSlash", \.missingSlash, ["at", "expected"], ["at", "expected"]),
        ("missingScheme", \.missingScheme, ["expected"], ["expected"]),
        ("scheme", \.scheme, ["actualText", "expectedText"], ["actualText", "expectedText"]),
        ("extraPort", \.extraPort, ["actual"], ["actual"]),
        ("missingPort", \.missingPort, ["expected"], ["expected"]),
        ("changedPort", \.changedPort, ["actual", "expected"], ["actual", "expected"]),
        ("extraQuery", \.extraQuery, ["actual"], ["actual"]),
        ("missingQuery", \.missingQuery, ["expected"], ["expected"]),
        ("changedQuery", \.changedQuery, ["actual", "expected"], ["actual", "expected"]),
        ("extraFragment", \.extraFragment, ["actual"], ["actual"]),
        ("missingFragment", \.missingFragment, ["expected"], ["expected"]),
        ("changedFragment", \.changedFragment, ["actual", "expected"], ["actual", "expected"]),
        ("missingText", \.missingText, ["at", "expected"], ["at", "expected"]),
        ("extraText", \.extraText, ["at", "actual"], ["at", "actual"]),
        ("changedText", \.changedText, ["of", "expected", "actual"], ["of", "expected", "actual"]),
        ("joiner", \.joiner, [], []),
        ("end", \.end, [], []),
        ("identical", \.identical, [], []),
    ] }
}
