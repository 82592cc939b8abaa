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
    static func isStructured(_ object: Any?) -> Bool {
        guard let dictionary = object as? [String: Any] else { return false }
        if let kind = dictionary["kind"] as? String { return kind == Self.kind }
        return dictionary["uri1"] != nil && dictionary["uri2"] != nil
    }

    /// The same for a YAML node tree (scalars read as `Yams.load` reads them).
    static func isStructured(_ node: Node) -> Bool {
        guard case .mapping = node else { return false }
        if let kind = node["kind"]?.any as? String { return kind == Self.kind }
        return node["uri1"] != nil && node["uri2"] != nil
    }

    static func parseJSON(_ text: String, path: String) throws -> NotificationSheet {
        let decoded: StructuredSheet
        do {
            decoded = try JSONDecoder().decode(StructuredSheet.self, from: Data(text.utf8))
        } catch let error as DecodingError {
            throw InputError(path: path, problem: describe(error))
        } catch {
            throw InputError(path: path, problem: "is not valid JSON")
        }
        return try decoded.sheet(path: path)
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

    private static func describe(_ error: DecodingError) -> String {
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
