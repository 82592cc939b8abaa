import Foundation
import Yams

/// A `Decoder` over a node tree that `YAMLFile.compose` returned, for `YAMLFile.decode`.
///
/// It reads scalars exactly as Yams' own decoder does (`String.construct`, `Bool.construct`,
/// `Int.construct`, `Double.construct`, `NSNull.construct`: by text and style, so a quoted `"true"`
/// stays a string) and throws the same `DecodingError`s with the same coding paths, so errors still
/// name the line. What it does not do is ask the runtime, for every value, whether the type is
/// `ScalarConstructible` and look keys up by a linear scan of the mapping: the common scalar types
/// are recognised by identity, and each mapping's keys are read into a dictionary once. That was
/// most of the cost of loading the rule pack and the catalog, and of every YAML sheet and settings
/// file (docs/performance.md). Aliases and merge keys are not resolved here: `compose` uses the
/// basic resolver, which tags no `<<` as a merge, and the composer has already replaced aliases.
struct YAMLNodeDecoder: Decoder {
    let node: Node
    /// The coding path up to the parent, and this node's key (nil at the root): the path is made
    /// an array only when asked for (errors, and types that read it), not for every value.
    let parent: PathLink?
    let key: CodingKey?
    let userInfo: [CodingUserInfoKey: Any]

    init(node: Node, userInfo: [CodingUserInfoKey: Any]) {
        self.init(node: node, parent: nil, key: nil, userInfo: userInfo)
    }

    private init(node: Node, parent: PathLink?, key: CodingKey?, userInfo: [CodingUserInfoKey: Any]) {
        self.node = node
        self.parent = parent
        self.key = key
        self.userInfo = userInfo
    }

    var codingPath: [CodingKey] {
        var path: [CodingKey] = key.map { [$0] } ?? []
        var link = parent
        while let current = link {
            path.append(current.key)
            link = current.parent
        }
        return path.reversed()
    }

    /// One link of a coding path, made once per container for its children.
    final class PathLink {
        let parent: PathLink?
        let key: CodingKey

        init(parent: PathLink?, key: CodingKey) {
            self.parent = parent
            self.key = key
        }
    }

    /// The link its children's paths go through.
    private var link: PathLink? { key.map { PathLink(parent: parent, key: $0) } ?? parent }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .mapping(let mapping) = node else {
            throw Self.typeMismatch(at: codingPath, expectation: Node.Mapping.self, reality: node)
        }
        return KeyedDecodingContainer(Keyed<Key>(decoder: self, link: link, mapping: mapping))
    }

    func unkeyedContainer() throws -> UnkeyedDecodingContainer {
        guard case .sequence(let sequence) = node else {
            throw Self.typeMismatch(at: codingPath, expectation: Node.Sequence.self, reality: node)
        }
        return Unkeyed(decoder: self, link: link, nodes: Array(sequence))
    }

    func singleValueContainer() throws -> SingleValueDecodingContainer { self }

    /// The decoder of a child node; `link` is this decoder's (from `link`, made once per container).
    func child(_ node: Node, key: CodingKey, link: PathLink?) -> YAMLNodeDecoder {
        YAMLNodeDecoder(node: node, parent: link, key: key, userInfo: userInfo)
    }

    /// The value of `type` at this node: Yams' scalar types by identity, else the type's own
    /// `init(from:)`.
    func value<T: Decodable>(_ type: T.Type) throws -> T {
        if T.self == String.self { return try cast(construct(String.self)) }
        if T.self == Bool.self { return try cast(construct(Bool.self)) }
        if T.self == Int.self { return try cast(construct(Int.self)) }
        if T.self == Double.self { return try cast(construct(Double.self)) }
        // The rest of Yams' scalar types, also by identity: asking the runtime whether a type
        // conforms to `ScalarConstructible` scans every conformance record of the process the first
        // time for each type, which was most of what decoding a small file cost.
        if T.self == Int64.self { return try cast(construct(Int64.self)) }
        if T.self == Int32.self { return try cast(construct(Int32.self)) }
        if T.self == UInt.self { return try cast(construct(UInt.self)) }
        if T.self == UInt64.self { return try cast(construct(UInt64.self)) }
        if T.self == UInt32.self { return try cast(construct(UInt32.self)) }
        if T.self == Float.self { return try cast(construct(Float.self)) }
        if T.self == Decimal.self { return try cast(construct(Decimal.self)) }
        if T.self == Date.self { return try cast(construct(Date.self)) }
        if T.self == Data.self { return try cast(construct(Data.self)) }
        if T.self == URL.self { return try cast(construct(URL.self)) }
        if T.self == UUID.self { return try cast(construct(UUID.self)) }
        if T.self == Int16.self { return try cast(construct(Int16.self)) }
        if T.self == Int8.self { return try cast(construct(Int8.self)) }
        if T.self == UInt16.self { return try cast(construct(UInt16.self)) }
        if T.self == UInt8.self { return try cast(construct(UInt8.self)) }
        return try T(from: self)
    }

    private func construct<S: ScalarConstructible>(_ type: S.Type) throws -> S {
        let scalar: Node.Scalar
        switch node {
        case .scalar(let value): scalar = value
        case .mapping(let mapping): throw Self.typeMismatch(at: codingPath, expectation: Node.Scalar.self, reality: mapping)
        case .sequence(let sequence): throw Self.typeMismatch(at: codingPath, expectation: Node.Scalar.self, reality: sequence)
        case .alias(let alias): throw Self.typeMismatch(at: codingPath, expectation: Node.Scalar.self, reality: alias)
        }
        guard let constructed = type.construct(from: scalar) else {
            throw Self.typeMismatch(at: codingPath, expectation: type, reality: scalar)
        }
        return constructed
    }

    private func cast<T, S>(_ value: S) throws -> T {
        guard let typed = value as? T else { throw Self.typeMismatch(at: codingPath, expectation: T.self, reality: value) }
        return typed
    }

    /// Yams' own wording, so that messages do not change with the decoder.
    static func typeMismatch(at codingPath: [CodingKey], expectation: Any.Type, reality: Any) -> DecodingError {
        .typeMismatch(expectation, DecodingError.Context(
            codingPath: codingPath, debugDescription: "Expected to decode \(expectation) but found \(type(of: reality)) instead."))
    }

    struct Keyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let decoder: YAMLNodeDecoder
        let link: PathLink?
        /// Scalar keys in document order, and the value of each (the first, as compose refuses
        /// duplicate keys), looked up in turn while few and through `positions` beyond.
        let keys: [String]
        let values: [Node]
        let positions: [String: Int]?

        static var fewKeys: Int { 12 }

        init(decoder: YAMLNodeDecoder, link: PathLink?, mapping: Node.Mapping) {
            self.decoder = decoder
            self.link = link
            var keys: [String] = []
            var values: [Node] = []
            var positions: [String: Int]?
            keys.reserveCapacity(mapping.count)
            values.reserveCapacity(mapping.count)
            // By index: iterating a `Node.Mapping` copies its pairs into a new array first.
            for index in mapping.indices {
                let pair = mapping[index]
                guard case .scalar(let scalar) = pair.key else { continue }
                let text = scalar.string
                if let known = positions {
                    guard known[text] == nil else { continue }
                } else if keys.contains(text) {
                    continue
                }
                positions?[text] = keys.count
                keys.append(text)
                values.append(pair.value)
                if positions == nil, keys.count > Self.fewKeys {
                    positions = Dictionary(keys.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { first, _ in first })
                }
            }
            self.keys = keys
            self.values = values
            self.positions = positions
        }

        private func position(_ text: String) -> Int? {
            if let positions { return positions[text] }
            return keys.firstIndex(of: text)
        }

        var codingPath: [CodingKey] { decoder.codingPath }
        var allKeys: [Key] { keys.compactMap(Key.init(stringValue:)) }
        func contains(_ key: Key) -> Bool { position(key.stringValue) != nil }

        private func child(_ key: CodingKey) throws -> YAMLNodeDecoder {
            guard let position = position(key.stringValue) else {
                throw DecodingError.keyNotFound(key, DecodingError.Context(
                    codingPath: codingPath, debugDescription: "No value associated with key \(key) (\"\(key.stringValue)\")."))
            }
            return decoder.child(values[position], key: key, link: link)
        }

        func decodeNil(forKey key: Key) throws -> Bool { try child(key).decodeNil() }
        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try child(key).value(type) }
        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
            try child(key).container(keyedBy: type)
        }
        func nestedUnkeyedContainer(forKey key: Key) throws -> UnkeyedDecodingContainer { try child(key).unkeyedContainer() }
        func superDecoder() throws -> Decoder { try child(SuperKey()) }
        func superDecoder(forKey key: Key) throws -> Decoder { try child(key) }
    }

    struct Unkeyed: UnkeyedDecodingContainer {
        let decoder: YAMLNodeDecoder
        let link: PathLink?
        let nodes: [Node]
        var currentIndex = 0

        init(decoder: YAMLNodeDecoder, link: PathLink?, nodes: [Node]) {
            self.decoder = decoder
            self.link = link
            self.nodes = nodes
        }

        var codingPath: [CodingKey] { decoder.codingPath }
        var count: Int? { nodes.count }
        var isAtEnd: Bool { currentIndex >= nodes.count }

        private mutating func next<T>(_ type: T.Type) throws -> YAMLNodeDecoder {
            let key = IndexKey(index: currentIndex)
            guard currentIndex < nodes.count else {
                throw DecodingError.valueNotFound(type, DecodingError.Context(
                    codingPath: codingPath + [key], debugDescription: "Unkeyed container is at end."))
            }
            defer { currentIndex += 1 }
            return decoder.child(nodes[currentIndex], key: key, link: link)
        }

        mutating func decodeNil() throws -> Bool {
            guard currentIndex < nodes.count else { _ = try next(Any?.self); return false }
            // Like Yams: a nil consumes the element, anything else leaves it for decode.
            let isNil = decoder.child(nodes[currentIndex], key: IndexKey(index: currentIndex), link: link).decodeNil()
            if isNil { currentIndex += 1 }
            return isNil
        }
        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try next(type).value(type) }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
            try next(KeyedDecodingContainer<NestedKey>.self).container(keyedBy: type)
        }
        mutating func nestedUnkeyedContainer() throws -> UnkeyedDecodingContainer {
            try next(UnkeyedDecodingContainer.self).unkeyedContainer()
        }
        mutating func superDecoder() throws -> Decoder { try next(Decoder.self) }
    }

    struct IndexKey: CodingKey {
        var stringValue: String { "\(index)" }
        var intValue: Int? { index }
        let index: Int
        init(index: Int) { self.index = index }
        init?(stringValue: String) { nil }
        init?(intValue: Int) { index = intValue }
    }

    struct SuperKey: CodingKey {
        var stringValue: String { "super" }
        var intValue: Int? { nil }
        init() {}
        init?(stringValue: String) { nil }
        init?(intValue: Int) { nil }
    }
}

extension YAMLNodeDecoder: SingleValueDecodingContainer {
    func decodeNil() -> Bool {
        guard case .scalar(let scalar) = node else { return false }
        return NSNull.construct(from: scalar) != nil
    }

    func decode<T: Decodable>(_ type: T.Type) throws -> T { try value(type) }
}
