import Foundation
import Yams

/// `rules/phrases.yaml`: the phrases checks put into findings beyond the rules' own texts, ja + en,
/// decoded once when the pack is loaded (`RulePackLoader.load`) and handed to the checks in
/// `AuditContext.phrases`. One typed field per phrase; each template's placeholders are checked
/// against what its use fills (`URIDiffPhrases.uses`) at load.
public struct CheckPhrases: Sendable, Hashable, Decodable {
    public static let fileName = "phrases.yaml"

    /// The URI diff wording (`URIComparison.summary`).
    public var uriDiff: URIDiffPhrases
    /// `client-id-mismatch`'s `{source}` and `{difference}`.
    public var clientId: ClientIdPhrases

    /// The portal's platform names (認証 blade) for `{platform}`, `{expectedPlatform}`, `{platforms}`.
    public var platforms: PlatformNames
    /// The permission types as the 「API のアクセス許可」 blade shows them, for `{type}`, `{expectedType}`, `{requestedType}`.
    public var permissionTypes: PermissionTypeNames
    /// A client secret named in a message (`{secret}`): `named` with `{name}` (its 説明) and `{id}`
    /// (シークレット ID, else its place), `unnamed` with `{id}`.
    public var secret: SecretNames
    /// `input-problem`'s names of JSON types, roles and input kinds (`{expected}`, `{found}`, `{givenAs}`).
    public var input: InputPhrases
    /// A URI's characters named in `{characters}` (sheet-value, uri-nonascii, uri-whitespace).
    public var characters: CharacterPhrases
    /// `sheet-value`'s `{label}`, `{file}`, `{registered}` and guide steps.
    public var sheet: SheetPhrases
    /// `consent-unknown`'s `{missing}` exports and its `{appId}` when there is none.
    public var consent: ConsentPhrases
    /// `permission-excessive`'s `{note}`: `otherType` (`{knownAs}`), `notInCatalog`.
    public var permissionNote: PermissionNotes
    /// `sign-in-audience`'s `{actualLabel}` / `{expectedLabel}`: the portal's option per `signInAudience` value.
    public var audiences: [String: LocalizedText]
    /// `secret-id-pasted`'s `{which}` (`{secret}`).
    public var secretIdPasted: SecretIdPastedPhrases
    /// `uri2-missing-for-domain`'s `{domain}` when the sheet gives none.
    public var uriMissing: URIMissingPhrases
    /// `uri-wrong-platform`'s `{what}`: the redirect URI, or the sheet's (`{label}`) or one close to it.
    public var wrongPlatform: WrongPlatformPhrases

    public struct PlatformNames: Sendable, Hashable, Decodable {
        public var web: LocalizedText
        public var spa: LocalizedText
        public var publicClient: LocalizedText
    }

    public struct PermissionTypeNames: Sendable, Hashable, Decodable {
        public var delegated: LocalizedText
        public var application: LocalizedText
    }

    public struct SecretNames: Sendable, Hashable, Decodable {
        public var named: LocalizedText
        public var unnamed: LocalizedText
    }

    func platform(_ platform: RedirectPlatform) -> LocalizedText {
        switch platform {
        case .web: platforms.web
        case .spa: platforms.spa
        case .publicClient: platforms.publicClient
        }
    }

    func permissionType(_ type: PermissionType) -> LocalizedText {
        switch type {
        case .delegated: permissionTypes.delegated
        case .application: permissionTypes.application
        }
    }

    /// Names a credential in a message: 「MAILGATES Σ」（シークレット ID keyId）.
    func secret(_ credential: PasswordCredential, index: Int) -> LocalizedText {
        let name = credential.displayName.map { VisibleText.escape($0) } ?? ""
        let id = credential.keyId ?? "passwordCredentials[\(index)]"
        return name.isEmpty ? MessageTemplate.fill(secret.unnamed, with: ["id": .same(id)])
            : MessageTemplate.fill(secret.named, with: ["name": .same(name), "id": .same(id)])
    }

    /// Names of JSON types and input kinds as the input rules' messages quote them; none takes a
    /// placeholder except `foundValue` (`{value}`).
    public struct InputPhrases: Sendable, Hashable, Decodable {
        public var expected: ExpectedNames
        public var readableValue: LocalizedText
        public var found: FoundNames
        public var foundValue: FoundValueNames
        public var roles: RoleNames
        public var anInput: LocalizedText
        public var kinds: KindNames

        public struct ExpectedNames: Sendable, Hashable, Decodable {
            public var string, bool, object, list, stringList, objectList, dateTime, permissionType: LocalizedText
        }
        public struct FoundNames: Sendable, Hashable, Decodable {
            public var string, number, bool, object, list, noValue: LocalizedText
        }
        public struct FoundValueNames: Sendable, Hashable, Decodable {
            public var string, number, bool: LocalizedText
        }
        public struct RoleNames: Sendable, Hashable, Decodable {
            public var notificationSheet, manifest, gatewaySettings, consent: LocalizedText
        }
        public struct KindNames: Sendable, Hashable, Decodable {
            public var manifestAADGraph, manifestMicrosoftGraph, manifestGraphPowerShell, notificationSheet,
                consentAppRoleAssignments, consentPermissionGrants, servicePrincipal, gatewaySettings, errorText,
                suppressions, unreadable, unrecognised: LocalizedText
        }

        func expected(_ expected: ManifestFieldProblem.Expected) -> LocalizedText {
            switch expected {
            case .string: self.expected.string
            case .bool: self.expected.bool
            case .object: self.expected.object
            case .list: self.expected.list
            case .stringList: self.expected.stringList
            case .objectList: self.expected.objectList
            case .dateTime: self.expected.dateTime
            case .permissionType: self.expected.permissionType
            }
        }

        /// The type found, with its value when known and the type's wording quotes one.
        func found(_ type: ManifestFieldProblem.JSONType, value: String?) -> LocalizedText {
            let withValue: LocalizedText? = switch type {
            case .string: foundValue.string
            case .number: foundValue.number
            case .bool: foundValue.bool
            case .object, .list, .null: nil
            }
            if let value, let withValue { return MessageTemplate.fill(withValue, with: ["value": .same(value)]) }
            return switch type {
            case .string: found.string
            case .number: found.number
            case .bool: found.bool
            case .object: found.object
            case .list: found.list
            case .null: found.noValue
            }
        }

        func role(_ role: InputRole) -> LocalizedText {
            switch role {
            case .notificationSheet: roles.notificationSheet
            case .manifest: roles.manifest
            case .gatewaySettings: roles.gatewaySettings
            case .consent: roles.consent
            }
        }

        func kind(_ kind: InputKind?) -> LocalizedText {
            switch kind {
            case .manifestAADGraph: kinds.manifestAADGraph
            case .manifestMicrosoftGraph: kinds.manifestMicrosoftGraph
            case .manifestGraphPowerShell: kinds.manifestGraphPowerShell
            case .notificationSheet: kinds.notificationSheet
            case .consentAppRoleAssignments: kinds.consentAppRoleAssignments
            case .consentPermissionGrants: kinds.consentPermissionGrants
            case .servicePrincipal: kinds.servicePrincipal
            case .gatewaySettings: kinds.gatewaySettings
            case .errorText: kinds.errorText
            case .suppressions: kinds.suppressions
            case .unreadable: kinds.unreadable
            case .unrecognised, nil: kinds.unrecognised
            }
        }

        static var uses: [(key: String, text: KeyPath<InputPhrases, LocalizedText>, allowed: Set<String>, required: Set<String>)] {
            let plain: [(String, KeyPath<InputPhrases, LocalizedText>)] = [
                ("expected.string", \.expected.string), ("expected.bool", \.expected.bool), ("expected.object", \.expected.object),
                ("expected.list", \.expected.list), ("expected.stringList", \.expected.stringList),
                ("expected.objectList", \.expected.objectList), ("expected.dateTime", \.expected.dateTime),
                ("expected.permissionType", \.expected.permissionType), ("readableValue", \.readableValue),
                ("found.string", \.found.string), ("found.number", \.found.number), ("found.bool", \.found.bool),
                ("found.object", \.found.object), ("found.list", \.found.list), ("found.noValue", \.found.noValue),
                ("roles.notificationSheet", \.roles.notificationSheet), ("roles.manifest", \.roles.manifest),
                ("roles.gatewaySettings", \.roles.gatewaySettings), ("roles.consent", \.roles.consent), ("anInput", \.anInput),
                ("kinds.manifestAADGraph", \.kinds.manifestAADGraph), ("kinds.manifestMicrosoftGraph", \.kinds.manifestMicrosoftGraph),
                ("kinds.manifestGraphPowerShell", \.kinds.manifestGraphPowerShell), ("kinds.notificationSheet", \.kinds.notificationSheet),
                ("kinds.consentAppRoleAssignments", \.kinds.consentAppRoleAssignments),
                ("kinds.consentPermissionGrants", \.kinds.consentPermissionGrants), ("kinds.servicePrincipal", \.kinds.servicePrincipal),
                ("kinds.gatewaySettings", \.kinds.gatewaySettings), ("kinds.errorText", \.kinds.errorText),
                ("kinds.suppressions", \.kinds.suppressions), ("kinds.unreadable", \.kinds.unreadable),
                ("kinds.unrecognised", \.kinds.unrecognised),
            ]
            let valued: [(String, KeyPath<InputPhrases, LocalizedText>)] = [
                ("foundValue.string", \.foundValue.string), ("foundValue.number", \.foundValue.number), ("foundValue.bool", \.foundValue.bool),
            ]
            return plain.map { ($0.0, $0.1, [], []) } + valued.map { ($0.0, $0.1, ["value"], ["value"]) }
        }
    }

    public struct CharacterPhrases: Sendable, Hashable, Decodable {
        /// Between the characters' phrases.
        public var separator: LocalizedText
        /// ` → 半角「{ascii}」`: the `{toASCII}` of the phrases below.
        public var toASCII: LocalizedText
        /// sheet-value: a visible character, `{character}` and `{codePoint}`.
        public var sheetShown: LocalizedText
        /// sheet-value: `{position}`, `{shown}`, `{name}`; replaced (`{toASCII}`) or left out.
        public var sheetReplaced: LocalizedText
        public var sheetRemoved: LocalizedText
        /// uri-nonascii: `{position}`, `{character}`, `{codePoint}`, `{toASCII}` (empty when none).
        public var nonASCII: LocalizedText
        /// uri-whitespace: `{position}`, `{where}` (one of `places`), `{codePoint}`, `{name}`.
        public var whitespace: LocalizedText
        public var places: Places

        public struct Places: Sendable, Hashable, Decodable {
            public var leading, trailing, inner: LocalizedText
        }

        /// The characters' phrases, joined by `separator`.
        func list(_ items: [LocalizedText]) -> LocalizedText {
            LocalizedText(ja: items.map(\.ja).joined(separator: separator.ja), en: items.map(\.en).joined(separator: separator.en))
        }

        func toASCII(_ ascii: String) -> LocalizedText { MessageTemplate.fill(toASCII, with: ["ascii": .same(ascii)]) }

        static var uses: [(key: String, text: KeyPath<CharacterPhrases, LocalizedText>, allowed: Set<String>, required: Set<String>)] { [
            ("separator", \.separator, [], []),
            ("toASCII", \.toASCII, ["ascii"], ["ascii"]),
            ("sheetShown", \.sheetShown, ["character", "codePoint"], ["character", "codePoint"]),
            ("sheetReplaced", \.sheetReplaced, ["position", "shown", "name", "toASCII"], ["position", "shown", "toASCII"]),
            ("sheetRemoved", \.sheetRemoved, ["position", "shown", "name"], ["position", "shown"]),
            ("nonASCII", \.nonASCII, ["position", "character", "codePoint", "toASCII"], ["position", "character", "toASCII"]),
            ("whitespace", \.whitespace, ["position", "where", "codePoint", "name"], ["position", "codePoint"]),
            ("places.leading", \.places.leading, [], []),
            ("places.trailing", \.places.trailing, [], []),
            ("places.inner", \.places.inner, [], []),
        ] }
    }

    public struct SheetPhrases: Sendable, Hashable, Decodable {
        /// `{label}`: the sheet's label `{name}`, with a URI2's `{domain}`.
        public var label: LocalizedText
        public var labelWithDomain: LocalizedText
        /// `{file}`: `{path}`, with the value's `{line}`.
        public var file: LocalizedText
        public var fileLine: LocalizedText
        /// `{registered}`: the reading registered (`{uri}`), or neither.
        public var registered: LocalizedText
        public var neitherRegistered: LocalizedText
        /// The guide step of a URI1 / URI2 value.
        public var guideStepURI1: LocalizedText
        public var guideStepURI2: LocalizedText

        static var uses: [(key: String, text: KeyPath<SheetPhrases, LocalizedText>, allowed: Set<String>, required: Set<String>)] { [
            ("label", \.label, ["name"], ["name"]),
            ("labelWithDomain", \.labelWithDomain, ["name", "domain"], ["name", "domain"]),
            ("file", \.file, ["path"], ["path"]),
            ("fileLine", \.fileLine, ["path", "line"], ["path", "line"]),
            ("registered", \.registered, ["uri"], ["uri"]),
            ("neitherRegistered", \.neitherRegistered, [], []),
            ("guideStepURI1", \.guideStepURI1, [], []),
            ("guideStepURI2", \.guideStepURI2, [], []),
        ] }
    }

    public struct ConsentPhrases: Sendable, Hashable, Decodable {
        /// The exports named in `{missing}`, joined by `separator`.
        public var appRoleAssignments: LocalizedText
        public var permissionGrants: LocalizedText
        public var separator: LocalizedText
        /// `{appId}` when the manifest has none.
        public var noAppId: LocalizedText

        static var uses: [(key: String, text: KeyPath<ConsentPhrases, LocalizedText>, allowed: Set<String>, required: Set<String>)] { [
            ("appRoleAssignments", \.appRoleAssignments, [], []),
            ("permissionGrants", \.permissionGrants, [], []),
            ("separator", \.separator, [], []),
            ("noAppId", \.noAppId, [], []),
        ] }
    }

    public struct PermissionNotes: Sendable, Hashable, Decodable {
        public var otherType: LocalizedText
        public var notInCatalog: LocalizedText
    }

    public struct SecretIdPastedPhrases: Sendable, Hashable, Decodable {
        public var which: LocalizedText
    }

    public struct WrongPlatformPhrases: Sendable, Hashable, Decodable {
        public var redirectURI: LocalizedText
        public var sheetURI: LocalizedText
        public var nearSheetURI: LocalizedText
    }

    public struct URIMissingPhrases: Sendable, Hashable, Decodable {
        public var noDomain: LocalizedText
    }

    /// The portal's label of a `signInAudience` value; a value it has no label for, as written.
    func audience(_ value: String) -> LocalizedText { audiences[value] ?? .same(value) }

    public struct ClientIdPhrases: Sendable, Hashable, Decodable {
        /// `{source}` when the id is MailGates' setting / the one quoted in an error.
        public var settingsSource: LocalizedText
        public var errorSource: LocalizedText
        /// `{difference}`: the object id given; a slip (`{count}` characters, `{difference}` the URI diff); another app's id.
        public var objectId: LocalizedText
        public var slip: LocalizedText
        public var otherApp: LocalizedText

        static var uses: [(key: String, text: KeyPath<ClientIdPhrases, LocalizedText>, allowed: Set<String>, required: Set<String>)] { [
            ("settingsSource", \.settingsSource, [], []),
            ("errorSource", \.errorSource, [], []),
            ("objectId", \.objectId, [], []),
            ("slip", \.slip, ["count", "difference"], ["difference"]),
            ("otherApp", \.otherApp, [], []),
        ] }
    }

    /// Loads `<directory>/phrases.yaml`. A rules folder without it is refused (one line, naming the
    /// file): its sentences are part of the pack, as the rules' texts are.
    public static func load(directory: URL) throws -> CheckPhrases {
        let file = directory.appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: file.path) else {
            throw InputError(path: directory.path, problem: "is not a complete rules folder: \(fileName) is missing (the phrases of the checks; copy it from the shipped rules folder)")
        }
        let (text, _) = try TextDecoding.read(file, allowShiftJIS: false)
        return try parse(text: text, path: file.path)
    }

    /// Parses phrase file text; every problem is an `InputError` naming the file, the key and the line.
    public static func parse(text: String, path: String) throws -> CheckPhrases {
        let root = try YAMLFile.compose(text, path: path, limits: .rulePack)
        let phrases = try YAMLFile.decode(CheckPhrases.self, from: root, path: path)
        if let problem = problems(phrases).first {
            throw InputError(path: path, problem: problem.description,
                             line: RulePackLoader.lineOf(root, problem.keys.split(separator: ".").map(String.init) + [problem.language]))
        }
        return phrases
    }

    /// Every phrase's problems, in file order: an empty text, a placeholder its use does not fill,
    /// or one it needs that is missing.
    public static func problems(_ phrases: CheckPhrases) -> [PhraseProblem] {
        var found: [PhraseProblem] = []
        func check(_ key: String, _ text: LocalizedText, allowed: Set<String>, required: Set<String>) {
            for (language, template) in [("ja", text.ja), ("en", text.en)] {
                let used = MessageTemplate.placeholders(in: template)
                if template.isEmpty { found.append(PhraseProblem(keys: key, language: language, kind: .empty, placeholder: "", allowed: allowed)) }
                for name in used where !allowed.contains(name) {
                    found.append(PhraseProblem(keys: key, language: language, kind: .unknown, placeholder: name, allowed: allowed))
                }
                for name in required.sorted() where !used.contains(name) {
                    found.append(PhraseProblem(keys: key, language: language, kind: .missing, placeholder: name, allowed: allowed))
                }
            }
        }
        for use in URIDiffPhrases.uses {
            check("uriDiff.\(use.key)", phrases.uriDiff[keyPath: use.text], allowed: use.allowed, required: use.required)
        }
        for use in ClientIdPhrases.uses {
            check("clientId.\(use.key)", phrases.clientId[keyPath: use.text], allowed: use.allowed, required: use.required)
        }
        for use in InputPhrases.uses {
            check("input.\(use.key)", phrases.input[keyPath: use.text], allowed: use.allowed, required: use.required)
        }
        for use in CharacterPhrases.uses {
            check("characters.\(use.key)", phrases.characters[keyPath: use.text], allowed: use.allowed, required: use.required)
        }
        for use in SheetPhrases.uses {
            check("sheet.\(use.key)", phrases.sheet[keyPath: use.text], allowed: use.allowed, required: use.required)
        }
        for use in ConsentPhrases.uses {
            check("consent.\(use.key)", phrases.consent[keyPath: use.text], allowed: use.allowed, required: use.required)
        }
        check("permissionNote.otherType", phrases.permissionNote.otherType, allowed: ["knownAs"], required: ["knownAs"])
        check("permissionNote.notInCatalog", phrases.permissionNote.notInCatalog, allowed: [], required: [])
        for (value, text) in phrases.audiences.sorted(by: { $0.key < $1.key }) {
            check("audiences.\(value)", text, allowed: [], required: [])
        }
        check("secretIdPasted.which", phrases.secretIdPasted.which, allowed: ["secret"], required: ["secret"])
        check("wrongPlatform.redirectURI", phrases.wrongPlatform.redirectURI, allowed: [], required: [])
        check("wrongPlatform.sheetURI", phrases.wrongPlatform.sheetURI, allowed: ["label"], required: ["label"])
        check("wrongPlatform.nearSheetURI", phrases.wrongPlatform.nearSheetURI, allowed: ["label"], required: ["label"])
        check("uriMissing.noDomain", phrases.uriMissing.noDomain, allowed: [], required: [])
        for (key, text) in [("platforms.web", phrases.platforms.web), ("platforms.spa", phrases.platforms.spa),
                            ("platforms.publicClient", phrases.platforms.publicClient),
                            ("permissionTypes.delegated", phrases.permissionTypes.delegated),
                            ("permissionTypes.application", phrases.permissionTypes.application)] {
            check(key, text, allowed: [], required: [])
        }
        check("secret.named", phrases.secret.named, allowed: ["name", "id"], required: ["name", "id"])
        check("secret.unnamed", phrases.secret.unnamed, allowed: ["id"], required: ["id"])
        let names = phrases.uriDiff.blankNames.enumerated().map { ("uriDiff.blankNames.\($0.offset)", $0.element) }
            + [("uriDiff.otherSpace", phrases.uriDiff.otherSpace), ("uriDiff.otherFormat", phrases.uriDiff.otherFormat)]
        for (key, name) in names {
            for (field, text) in [("name", name.name), ("one", name.one), ("plural", name.plural)] {
                check("\(key).\(field)", text, allowed: [], required: [])
            }
        }
        return found
    }
}

/// A phrase of `phrases.yaml` the loader refuses.
public struct PhraseProblem: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable { case empty, unknown, missing }
    /// The phrase's key, dotted (`uriDiff.after`).
    public var keys: String
    /// `ja` or `en`.
    public var language: String
    public var kind: Kind
    public var placeholder: String
    /// What its use fills.
    public var allowed: Set<String>

    public var description: String {
        let provides = allowed.isEmpty ? "none" : allowed.sorted().map { "{\($0)}" }.joined(separator: ", ")
        return switch kind {
        case .empty: "\(keys).\(language): empty text (every phrase needs ja and en)"
        case .unknown: "\(keys).\(language): unknown placeholder '{\(placeholder)}': its use provides \(provides)"
        case .missing: "\(keys).\(language): placeholder '{\(placeholder)}' is required (its use provides \(provides))"
        }
    }
}

/// The pack's `CheckPhrases` in one shared object: a tenant's `AuditContext` takes a reference
/// (one retain) instead of a copy of the struct (a retain of each of its many texts).
public final class CheckPhrasesBox: Sendable, Hashable {
    public let phrases: CheckPhrases

    public init(_ phrases: CheckPhrases) {
        self.phrases = phrases
    }

    public static func == (lhs: CheckPhrasesBox, rhs: CheckPhrasesBox) -> Bool { lhs === rhs || lhs.phrases == rhs.phrases }
    public func hash(into hasher: inout Hasher) { hasher.combine(phrases) }
}
