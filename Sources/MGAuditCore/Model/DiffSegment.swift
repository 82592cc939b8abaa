/// A piece of the character diff that renderers draw (caret lines, del/ins).
/// Joining `equal` + `missing` gives `expected`; joining `equal` + `extra` gives `actual`.
public struct DiffSegment: Sendable, Hashable, Codable {
    public enum Op: String, Sendable, Hashable, Codable, CaseIterable {
        case equal
        /// In expected, absent from actual.
        case missing
        /// In actual only.
        case extra
    }

    public var op: Op
    public var text: String

    public init(op: Op, text: String) {
        self.op = op
        self.text = text
    }

    public init(_ op: Op, _ text: String) {
        self.init(op: op, text: text)
    }
}
