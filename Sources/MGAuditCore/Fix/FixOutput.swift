import Foundation

/// The plan applied to the input manifest's own JSON: the fixed manifest, the same edits as an
/// RFC 6902 JSON Patch, or an az script (printed, never run).
public struct FixOutput: Sendable {
    /// One edited location: the JSON Pointer tokens, the value before (nil when absent) and after.
    public struct Edit: Sendable, Hashable {
        public var path: [String]
        public var old: OrderedJSON?
        public var new: OrderedJSON
    }

    public var plan: FixPlan
    public var original: OrderedJSON
    public var fixed: OrderedJSON
    public var edits: [Edit]
    public var style: OrderedJSON.Style
    /// Whether a secret value of the input was replaced by null in `fixed`.
    public var secretBlanked: Bool
    /// Whether the input ended with a newline (kept in the manifest output).
    var trailingNewline: Bool
    /// The plan's notes, and why a planned change could not be made in this manifest.
    public var notes: [FixPlan.Note]

    /// Applies `plan` to the manifest `data` (read from `file`). Errors name the file.
    public init(plan: FixPlan, manifest data: Data, file: String) throws(OrderedJSON.ParseError) {
        self.plan = plan
        let body = data.starts(with: [0xEF, 0xBB, 0xBF]) ? data.dropFirst(3) : data
        original = try OrderedJSON.parse(Data(body), file: file)
        style = OrderedJSON.Style.detect(Data(body))
        trailingNewline = body.last == 0x0A
        var tree = original
        var edits: [Edit] = []
        for (path, value) in FixOutput.targets(plan, original) {
            if let edit = tree.set(value, at: path[...], prefix: []) { edits.append(edit) }
        }
        self.edits = edits
        notes = plan.notes
        let spaChange = plan.steps.contains { if case .redirectURIs(.spa, _, _) = $0.change { true } else { false } }
        // A plain `replyUrls` list has no platforms: a spa change cannot be written into it.
        if plan.format == .aadGraph, spaChange, original["replyUrlsWithType"] == nil { notes.append(.legacyReplyURLs) }
        secretBlanked = tree.blankSecrets()
        fixed = tree
    }

    /// Where each change goes in this manifest's format, with its new value.
    static func targets(_ plan: FixPlan, _ original: OrderedJSON) -> [([String], OrderedJSON)] {
        var targets: [([String], OrderedJSON)] = []
        var lists: [RedirectPlatform: [String]] = [:]
        for step in plan.steps {
            switch (step.change, plan.format) {
            case (.redirectURIs(let platform, _, let to), .microsoftGraph):
                targets.append(([platform.rawValue, "redirectUris"], .array(to.map { .string($0) })))
            case (.redirectURIs(let platform, _, let to), .aadGraph):
                lists[platform] = to
            case (.signInAudience(let to), _):
                targets.append((["signInAudience"], .string(to)))
            case (.implicitAccessToken(let to), .microsoftGraph):
                targets.append((["web", "implicitGrantSettings", "enableAccessTokenIssuance"], .bool(to)))
            case (.implicitAccessToken(let to), .aadGraph):
                targets.append((["oauth2AllowImplicitFlow"], .bool(to)))
            case (.implicitIdToken(let to), .microsoftGraph):
                targets.append((["web", "implicitGrantSettings", "enableIdTokenIssuance"], .bool(to)))
            case (.implicitIdToken(let to), .aadGraph):
                targets.append((["oauth2AllowIdTokenImplicitFlow"], .bool(to)))
            case (.permissions(_, let add, let remove), _):
                // The same key in both formats.
                targets.append((["requiredResourceAccess"], .array(resourceAccess(original["requiredResourceAccess"], add: add, remove: remove))))
            case (.consent, _):
                continue
            }
        }
        if !lists.isEmpty {
            if case .array(let entries)? = original["replyUrlsWithType"] {
                targets.insert((["replyUrlsWithType"], .array(replyURLs(entries, lists))), at: 0)
            } else if original["replyUrls"] != nil, let web = lists[.web] {
                // "App registrations (Legacy)" export: a plain list, every URI a web one.
                targets.insert((["replyUrls"], .array(web.map { .string($0) })), at: 0)
            } else {
                targets.insert((["replyUrlsWithType"], .array(replyURLs([], lists))), at: 0)
            }
        }
        return targets
    }

    /// `replyUrlsWithType` with the changed platforms' lists: kept entries keep their place and
    /// key order, new ones are appended as `{url, type}`.
    static func replyURLs(_ entries: [OrderedJSON], _ lists: [RedirectPlatform: [String]]) -> [OrderedJSON] {
        let types: [RedirectPlatform: String] = [.web: "Web", .spa: "Spa"]
        var emitted: [RedirectPlatform: Set<String>] = [:]
        var out: [OrderedJSON] = []
        for entry in entries {
            guard case .string(let type)? = entry["type"], case .string(let url)? = entry["url"],
                  let platform = types.first(where: { $0.value.caseInsensitiveCompare(type) == .orderedSame })?.key,
                  let list = lists[platform] else {
                out.append(entry)
                continue
            }
            if list.contains(url), emitted[platform, default: []].insert(url).inserted { out.append(entry) }
        }
        for platform in [RedirectPlatform.web, .spa] {
            guard let list = lists[platform], let type = types[platform] else { continue }
            for url in list where !emitted[platform, default: []].contains(url) {
                out.append(.object([.init(key: "url", value: .string(url)), .init(key: "type", value: .string(type))]))
            }
        }
        return out
    }

    /// `requiredResourceAccess` with `remove` taken out and `add` put in: every other entry keeps
    /// its place and key order; an added permission joins its resource's entry, or a new one.
    static func resourceAccess(_ current: OrderedJSON?, add: [RequestedPermission], remove: [RequestedPermission]) -> [OrderedJSON] {
        typealias Member = OrderedJSON.Member
        var entries: [OrderedJSON] = []
        if case .array(let list)? = current { entries = list }
        func lower(_ value: OrderedJSON?) -> String? {
            if case .string(let text)? = value { return text.lowercased() }
            return nil
        }
        func type(_ value: OrderedJSON?) -> PermissionType? {
            switch lower(value) {
            case "scope": .delegated
            case "role": .application
            default: nil
            }
        }
        func access(_ permission: RequestedPermission) -> OrderedJSON {
            .object([Member(key: "id", value: .string(permission.id)),
                     Member(key: "type", value: .string(permission.type == .application ? "Role" : "Scope"))])
        }
        var pending = add
        for index in entries.indices {
            guard case .object(var members) = entries[index], let resource = lower(entries[index]["resourceAppId"]),
                  let accessIndex = members.firstIndex(where: { $0.key == "resourceAccess" }),
                  case .array(var items) = members[accessIndex].value else { continue }
            items.removeAll { item in
                remove.contains { $0.resourceAppId.lowercased() == resource && $0.id.lowercased() == lower(item["id"]) && $0.type == type(item["type"]) }
            }
            for permission in pending where permission.resourceAppId.lowercased() == resource {
                let present = items.contains { lower($0["id"]) == permission.id.lowercased() && type($0["type"]) == permission.type }
                if !present { items.append(access(permission)) }
            }
            pending.removeAll { $0.resourceAppId.lowercased() == resource }
            members[accessIndex].value = .array(items)
            entries[index] = .object(members)
        }
        var resources: [String] = []
        for permission in pending where !resources.contains(permission.resourceAppId) { resources.append(permission.resourceAppId) }
        for resource in resources {
            entries.append(.object([Member(key: "resourceAppId", value: .string(resource)),
                                    Member(key: "resourceAccess", value: .array(pending.filter { $0.resourceAppId == resource }.map(access)))]))
        }
        return entries
    }

    /// The fixed manifest in the input's indentation and key order.
    public var manifestText: String { ended(fixed.written(style: style), newline: trailingNewline) }

    /// `text` ending in exactly one newline of the input's style, or none.
    private func ended(_ text: String, newline: Bool) -> String {
        var text = text
        while text.hasSuffix("\n") || text.hasSuffix("\r") { text.removeLast() }
        return newline ? text + (style.newline.isEmpty ? "\n" : style.newline) : text
    }

    /// RFC 6902: a `test` of each replaced value, then the `replace`; `add` where the field was absent.
    public var patchText: String {
        var ops: [OrderedJSON] = []
        for edit in edits {
            let pointer = OrderedJSON.string(edit.path.map { "/" + $0.replacingOccurrences(of: "~", with: "~0")
                .replacingOccurrences(of: "/", with: "~1") }.joined())
            if let old = edit.old {
                ops.append(.object([.init(key: "op", value: .string("test")), .init(key: "path", value: pointer), .init(key: "value", value: old)]))
                ops.append(.object([.init(key: "op", value: .string("replace")), .init(key: "path", value: pointer), .init(key: "value", value: edit.new)]))
            } else {
                ops.append(.object([.init(key: "op", value: .string("add")), .init(key: "path", value: pointer), .init(key: "value", value: edit.new)]))
            }
        }
        return ended(OrderedJSON.array(ops).written(style: style), newline: true)
    }

    /// POSIX sh single quoting.
    static func shellQuoted(_ text: String) -> String { singleQuoted(text, quote: "'\\''") }

    /// `text` between single quotes, each quote inside written as `quote` (sh: `'\\''`, PowerShell: `''`).
    /// Over UTF-8 bytes: every U+0027 is replaced, also one a combining mark follows (the shell
    /// reads bytes, not characters), and a text without a quote is not copied byte by byte.
    static func singleQuoted(_ text: String, quote: String) -> String {
        guard TextDecoding.contains(UInt8(ascii: "'"), in: text) else { return "'" + text + "'" }
        var bytes: [UInt8] = [0x27]
        bytes.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            if byte == 0x27 { bytes += quote.utf8 } else { bytes.append(byte) }
        }
        bytes.append(0x27)
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension OrderedJSON {
    /// Sets `value` at `path`, creating missing objects; returns the edit (at the highest created
    /// level), or nil when the value was already there.
    mutating func set(_ value: OrderedJSON, at path: ArraySlice<String>, prefix: [String]) -> FixOutput.Edit? {
        guard let key = path.first else {
            if self == value { return nil }
            let old = self
            self = value
            return FixOutput.Edit(path: prefix, old: old, new: value)
        }
        let rest = path.dropFirst()
        guard case .object(var members) = self else {
            let old = self
            self = OrderedJSON.nested(value, path)
            return FixOutput.Edit(path: prefix, old: old, new: self)
        }
        if let index = members.firstIndex(where: { $0.key == key }) {
            var child = members[index].value
            let edit = child.set(value, at: rest, prefix: prefix + [key])
            members[index].value = child
            self = .object(members)
            return edit
        }
        let built = OrderedJSON.nested(value, rest)
        members.append(Member(key: key, value: built))
        self = .object(members)
        return FixOutput.Edit(path: prefix + [key], old: nil, new: built)
    }

    /// `value` wrapped in one object per key of `path`.
    static func nested(_ value: OrderedJSON, _ path: ArraySlice<String>) -> OrderedJSON {
        path.reversed().reduce(value) { inner, key in .object([Member(key: key, value: inner)]) }
    }

    /// Replaces each `passwordCredentials[].secretText` / `value` string by null; true when one was.
    mutating func blankSecrets() -> Bool {
        guard case .object(var members) = self,
              let index = members.firstIndex(where: { $0.key == "passwordCredentials" }),
              case .array(var credentials) = members[index].value else { return false }
        var blanked = false
        for position in credentials.indices {
            guard case .object(var fields) = credentials[position] else { continue }
            for field in fields.indices where ["secretText", "value"].contains(fields[field].key) {
                if case .null = fields[field].value { continue }
                fields[field].value = .null
                blanked = true
            }
            credentials[position] = .object(fields)
        }
        members[index].value = .array(credentials)
        self = .object(members)
        return blanked
    }
}
