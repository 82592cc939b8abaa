import Foundation
import Yams

/// The plain YAML/JSON form for machine-made batches (docs/sheet-formats.md):
/// `kind: mailgates-notification-sheet`, `customer`, `accessUrl`, `domains`, `uri1`, `uri2`
/// (a list of `{domain, uri}` or of plain URI strings).
struct StructuredSheet: Decodable {
    static let kind = "mailgates-notification-sheet"

    struct Entry: Decodable {
        var domain: String?
        var uri: String

        private enum CodingKeys: String, CodingKey { case domain, uri }

        init(from decoder: Decoder) throws {
            if let single = try? decoder.singleValueContainer(), let uri = try? single.decode(String.self) {
                self.uri = uri
                return
            }
            let container = try decoder.container(keyedBy: CodingKeys.self)
            domain = try container.decodeIfPresent(String.self, forKey: .domain)
            uri = try container.decode(String.self, forKey: .uri)
        }
    }

    var kind: String?
    var customer: String?
    var accessUrl: String?
    var domains: [String]?
    var uri1: String?
    var uri2: [Entry]?

    private enum CodingKeys: String, CodingKey { case kind, customer, accessUrl, domains, uri1, uri2 }

    init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        kind = try container.decodeIfPresent(String.self, forKey: .kind)
        customer = try container.decodeIfPresent(String.self, forKey: .customer)
        accessUrl = try container.decodeIfPresent(String.self, forKey: .accessUrl)
        domains = try container.decodeIfPresent([String].self, forKey: .domains)
        uri1 = try container.decodeIfPresent(String.self, forKey: .uri1)
        // `uri2: https://…` (one domain) is accepted as well as a list.
        // The single form is tried first so that errors inside a list are reported as they are.
        if let single = try? container.decodeIfPresent(Entry.self, forKey: .uri2) {
            uri2 = [single]
        } else {
            uri2 = try container.decodeIfPresent([Entry].self, forKey: .uri2)
        }
    }

    /// The keys that mark the form: `kind: mailgates-notification-sheet`, or both `uri1` and `uri2`.
    static func isStructured(_ json: OrderedJSON) -> Bool {
        guard case .object = json else { return false }
        if let kind = json.string(forKey: "kind") { return kind == Self.kind }
        return json.value(forKey: "uri1") != nil && json.value(forKey: "uri2") != nil
    }

    /// The same for a YAML node tree (scalars read as `Yams.load` reads them).
    static func isStructured(_ node: Node) -> Bool {
        guard case .mapping = node else { return false }
        if let kind = node["kind"]?.any as? String { return kind == Self.kind }
        return node["uri1"] != nil && node["uri2"] != nil
    }

    static func parseJSON(_ text: String, path: String) throws -> NotificationSheet {
        try sheet(fromJSON: JSONDocument.parse(text, path: path), path: path)
    }

    /// Reads a tree that `JSONDocument.parse` returned.
    static func sheet(fromJSON json: OrderedJSON, path: String) throws -> NotificationSheet {
        do {
            return try StructuredSheet(json: json).sheet(path: path)
        } catch let error as JSONFieldError {
            throw InputError(path: path, problem: error.description)
        }
    }

    static func parseYAML(_ text: String, path: String) throws -> NotificationSheet {
        try sheet(from: YAMLFile.compose(text, path: path, limits: .inputFile), path: path)
    }

    /// Decodes a node tree that `YAMLFile.compose` returned.
    static func sheet(from node: Node, path: String) throws -> NotificationSheet {
        try YAMLFile.decode(StructuredSheet.self, from: node, path: path).sheet(path: path)
    }

    func sheet(path: String) throws -> NotificationSheet {
        if let kind, kind != Self.kind {
            throw InputError(path: path, problem: "kind is '\(kind)', expected '\(Self.kind)'")
        }
        guard let uri1, !uri1.isEmpty else {
            throw InputError(path: path, problem: "no 「\(SheetLabels.uri1Label)」 found (key uri1)")
        }
        var domains = self.domains ?? []
        let entries = (uri2 ?? []).map { NotificationSheet.DomainURI(domain: $0.domain, uri: $0.uri) }
        for domain in entries.compactMap(\.domain) where !domains.contains(domain) { domains.append(domain) }
        // Cleaned like every other sheet form: wrappers stripped, the sheet's own stray characters recorded.
        return SheetValueCleaner.cleanValues(of: NotificationSheet(customer: customer, accessURL: accessUrl, domains: domains, uri1: uri1, uri2: entries), path: path)
    }

    /// A decoding error as a problem (YAML), the same words `JSONFieldError` uses for JSON.
    static func describe(_ error: DecodingError) -> String {
        let (path, problem): ([CodingKey], String) = switch error {
        case .keyNotFound(let key, let context): (context.codingPath + [key], "required key '\(key.stringValue)' is missing")
        case .typeMismatch(_, let context), .valueNotFound(_, let context): (context.codingPath, context.debugDescription)
        case .dataCorrupted(let context): (context.codingPath, "is not valid JSON")
        @unknown default: ([], "cannot be decoded")
        }
        let location = path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        return location.isEmpty ? problem : "\(problem) at \(location.hasPrefix(".") ? String(location.dropFirst()) : location)"
    }
}

// MARK: JSON

/// A field of a structured JSON sheet that cannot be read, in the words the YAML form's decoding
/// (`describe`) uses.
struct JSONFieldError: Error, Sendable, CustomStringConvertible {
    var problem: String
    /// `uri2[1].uri`; empty for the document itself.
    var location: String
    var description: String { location.isEmpty ? problem : "\(problem) at \(location)" }

    /// `Dictionary<String, Any>`, `String` or `Array<Any>` expected, something else found.
    static func mismatch(_ expected: String, _ value: OrderedJSON, at location: String) -> JSONFieldError {
        let found = switch value {
        case .string: "a string"
        case .array: "an array"
        case .object: "a dictionary"
        case .number: "number"
        case .bool: "bool"
        case .null: "null"
        }
        if case .null = value {
            let what = expected == "Dictionary<String, Any>" ? "Cannot get keyed decoding container" : "Cannot get value of type \(expected)"
            return JSONFieldError(problem: "\(what) -- found null value instead", location: location)
        }
        return JSONFieldError(problem: "Expected to decode \(expected) but found \(found) instead.", location: location)
    }
}

extension StructuredSheet {
    /// The fields of a JSON tree, read in the order and with the rules of `init(from:)`.
    init(json: OrderedJSON) throws(JSONFieldError) {
        guard case .object = json else { throw .mismatch("Dictionary<String, Any>", json, at: "") }
        kind = try Self.optionalString(json, "kind")
        customer = try Self.optionalString(json, "customer")
        accessUrl = try Self.optionalString(json, "accessUrl")
        domains = try Self.present(json, "domains").map { value throws(JSONFieldError) in
            guard case .array(let items) = value else { throw .mismatch("Array<Any>", value, at: "domains") }
            var strings: [String] = []
            for (index, item) in items.enumerated() {
                guard case .string(let text) = item else { throw .mismatch("String", item, at: "domains[\(index)]") }
                strings.append(text)
            }
            return strings
        }
        uri1 = try Self.optionalString(json, "uri1")
        // `uri2: https://…` (one domain) is accepted as well as a list, as `init(from:)` does.
        uri2 = try Self.present(json, "uri2").map { value throws(JSONFieldError) in
            if let single = try? Entry(json: value, at: "uri2") { return [single] }
            guard case .array(let items) = value else { throw .mismatch("Array<Any>", value, at: "uri2") }
            var entries: [Entry] = []
            for (index, item) in items.enumerated() { entries.append(try Entry(json: item, at: "uri2[\(index)]")) }
            return entries
        }
    }

    /// A member's value; nil when absent or null.
    fileprivate static func present(_ json: OrderedJSON, _ key: String) -> OrderedJSON? {
        guard let value = json.value(forKey: key), !value.isNull else { return nil }
        return value
    }

    fileprivate static func optionalString(_ json: OrderedJSON, _ key: String, at parent: String = "") throws(JSONFieldError) -> String? {
        guard let value = present(json, key) else { return nil }
        guard case .string(let text) = value else { throw .mismatch("String", value, at: parent.isEmpty ? key : "\(parent).\(key)") }
        return text
    }
}

extension StructuredSheet.Entry {
    /// A plain URI string, or `{domain, uri}`.
    init(json: OrderedJSON, at location: String) throws(JSONFieldError) {
        if case .string(let text) = json {
            uri = text
            return
        }
        guard case .object = json else { throw .mismatch("Dictionary<String, Any>", json, at: location) }
        domain = try StructuredSheet.optionalString(json, "domain", at: location)
        guard let value = json.value(forKey: "uri") else {
            throw JSONFieldError(problem: "required key 'uri' is missing", location: "\(location).uri")
        }
        guard case .string(let text) = value else { throw .mismatch("String", value, at: "\(location).uri") }
        uri = text
    }
}
