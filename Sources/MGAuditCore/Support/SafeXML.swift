import CLibXML2
import Foundation

/// libxml2 behind a safe front door: XML and HTML memory buffers become a small Swift tree, with
/// no network, no external entities, no DTDs, bounded input, and nothing printed to stderr.
/// libxml2 memory is freed before a parse returns; callers only ever see Swift values.
public enum SafeXML {
    /// Inputs larger than this are refused before libxml2 sees them.
    public static let maximumInputBytes = 16 * 1024 * 1024
    /// Elements nested deeper than this are refused (libxml2's own XML limit is 256 too).
    public static let maximumDepth = 256

    public struct Element: Sendable, Hashable {
        /// Local name (no namespace prefix); HTML names are lower case.
        public var name: String
        /// Attributes by local name; the first wins when two prefixes share a local name.
        public var attributes: [String: String]
        public var children: [Node]

        public init(name: String, attributes: [String: String] = [:], children: [Node] = []) {
            self.name = name
            self.attributes = attributes
            self.children = children
        }

        /// All text below this element, in document order, exactly as parsed.
        public var text: String {
            var out = ""
            appendText(to: &out)
            return out
        }

        func appendText(to out: inout String) {
            for child in children {
                switch child {
                case .text(let text): out += text
                case .element(let element): element.appendText(to: &out)
                }
            }
        }

        public var childElements: [Element] {
            children.compactMap { if case .element(let element) = $0 { element } else { nil } }
        }

        public func children(named name: String) -> [Element] {
            childElements.filter { $0.name == name }
        }

        /// Every element below this one with the given local name, in document order.
        public func descendants(named name: String) -> [Element] {
            var out: [Element] = []
            collect(named: name, into: &out)
            return out
        }

        func collect(named name: String, into out: inout [Element]) {
            for child in childElements {
                if child.name == name { out.append(child) }
                child.collect(named: name, into: &out)
            }
        }
    }

    public enum Node: Sendable, Hashable {
        case element(Element)
        case text(String)
    }

    public static let refusedDeclarationsProblem = "refused: XML with DTD/entity declarations"

    // MARK: XML

    /// Parses a well-formed XML document. Any DOCTYPE (and so any entity declaration) is refused
    /// before libxml2 acts on it: nothing here ever needs a DTD, and refusing them rules out
    /// external entities and entity-expansion bombs at once.
    public static func parseXML(_ data: Data, path: String) throws -> Element {
        try parseXML(data, path: path, prescan: true)
    }

    /// `prescan: false` only lets tests reach the SAX hooks behind the byte scan.
    static func parseXML(_ data: Data, path: String, prescan: Bool) throws -> Element {
        try checkSize(data.count, path: path)
        if prescan, containsDeclarations(data) {
            throw InputError(path: path, problem: refusedDeclarationsProblem)
        }
        guard !data.isEmpty else { throw InputError(path: path, problem: "is empty") }
        _ = libraryReady
        let log = ParseLog()
        // NONET: no network; no NOENT, no DTDLOAD/DTDATTR/DTDVALID: entities are never substituted
        // and no external subset is read. NOERROR/NOWARNING keep libxml2 off stderr.
        let options = XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
            | XML_PARSE_NOCDATA.rawValue
        let result: Result<Element, InputError> = withExtendedLifetime(log) {
            data.withUnsafeBytes { raw in
                guard let base = raw.baseAddress?.assumingMemoryBound(to: CChar.self),
                      let ctxt = xmlCreateMemoryParserCtxt(base, Int32(raw.count)) else {
                    return .failure(InputError(path: path, problem: "cannot be parsed (out of memory)"))
                }
                defer { xmlFreeParserCtxt(ctxt) }
                ctxt.pointee._private = Unmanaged.passUnretained(log).toOpaque()
                if let sax = ctxt.pointee.sax {
                    sax.pointee.serror = { userData, error in SafeXML.record(userData, error) }
                    sax.pointee.internalSubset = { context, _, _, _ in SafeXML.refuse(context) }
                    sax.pointee.entityDecl = { context, _, _, _, _, _ in SafeXML.refuse(context) }
                    sax.pointee.externalSubset = nil
                }
                _ = xmlCtxtUseOptions(ctxt, Int32(bitPattern: options))
                _ = xmlParseDocument(ctxt)
                let doc = ctxt.pointee.myDoc
                ctxt.pointee.myDoc = nil
                defer { if let doc { xmlFreeDoc(doc) } }
                if log.refusedDeclarations {
                    return .failure(InputError(path: path, problem: refusedDeclarationsProblem))
                }
                guard ctxt.pointee.wellFormed != 0, let doc else {
                    let first = log.messages.first
                    return .failure(InputError(
                        path: path, problem: "is not well-formed XML" + (first.map { ": \($0.text)" } ?? ""),
                        line: first?.line))
                }
                if doc.pointee.intSubset != nil || doc.pointee.extSubset != nil {
                    return .failure(InputError(path: path, problem: refusedDeclarationsProblem))
                }
                return convertRoot(of: doc, path: path)
            }
        }
        return try result.get()
    }

    // MARK: HTML

    /// Parses HTML bytes: decoded first with `TextDecoding` (UTF-8, BOM, UTF-16, Shift_JIS), so a
    /// page saved from a Japanese mail client reads right even without a charset declaration.
    public static func parseHTML(_ data: Data, path: String) throws -> Element {
        try checkSize(data.count, path: path)
        return try parseHTML(TextDecoding.decode(data, path: path).text, path: path)
    }

    /// Parses HTML text with libxml2's forgiving HTML parser; entities are HTML's predefined ones.
    public static func parseHTML(_ text: String, path: String) throws -> Element {
        let bytes = Array(text.utf8)
        try checkSize(bytes.count, path: path)
        guard !bytes.isEmpty else { throw InputError(path: path, problem: "is empty") }
        _ = libraryReady
        // IGNORE_ENC: the text is already UTF-8; a <meta charset=Shift_JIS> must not re-decode it.
        let options = HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_RECOVER.rawValue | HTML_PARSE_IGNORE_ENC.rawValue
        let result: Result<Element, InputError> = bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress,
                  let ctxt = base.withMemoryRebound(to: CChar.self, capacity: buffer.count, {
                      htmlCreateMemoryParserCtxt($0, Int32(buffer.count))
                  }) else {
                return .failure(InputError(path: path, problem: "cannot be parsed as HTML"))
            }
            defer { htmlFreeParserCtxt(ctxt) }
            _ = xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8)
            _ = htmlCtxtUseOptions(ctxt, Int32(bitPattern: options))
            _ = htmlParseDocument(ctxt)
            let doc = ctxt.pointee.myDoc
            ctxt.pointee.myDoc = nil
            defer { if let doc { xmlFreeDoc(doc) } }
            guard let doc else { return .failure(InputError(path: path, problem: "cannot be parsed as HTML")) }
            return convertRoot(of: doc, path: path)
        }
        return try result.get()
    }

    // MARK: libxml2 plumbing

    /// Initialises libxml2 once per process and replaces its external entity loader with one that
    /// loads nothing, so no code path (ours or libxml2's) can open a file or URL for a document.
    private static let libraryReady: Bool = {
        xmlInitParser()
        xmlSetExternalEntityLoader { _, _, _ in nil }
        return true
    }()

    /// Per-parse state reached from libxml2 callbacks through the context's `_private` pointer.
    final class ParseLog {
        struct Message { var text: String; var line: Int? }
        var messages: [Message] = []
        var refusedDeclarations = false
    }

    private static func log(of context: UnsafeMutableRawPointer?) -> ParseLog? {
        guard let context else { return nil }
        let ctxt = context.assumingMemoryBound(to: xmlParserCtxt.self)
        guard let opaque = ctxt.pointee._private else { return nil }
        return Unmanaged<ParseLog>.fromOpaque(opaque).takeUnretainedValue()
    }

    private static func record(_ userData: UnsafeMutableRawPointer?, _ error: UnsafeMutablePointer<xmlError>?) {
        guard let error, let log = log(of: userData ?? error.pointee.ctxt), log.messages.count < 20 else { return }
        let text = error.pointee.message.map { String(cString: $0) }?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? "error \(error.pointee.code)"
        log.messages.append(.init(text: text, line: error.pointee.line > 0 ? Int(error.pointee.line) : nil))
    }

    /// A DOCTYPE or entity declaration reached the parser: stop before it is acted on.
    private static func refuse(_ context: UnsafeMutableRawPointer?) {
        guard let context else { return }
        log(of: context)?.refusedDeclarations = true
        xmlStopParser(context.assumingMemoryBound(to: xmlParserCtxt.self))
    }

    private static func checkSize(_ count: Int, path: String) throws {
        guard count <= maximumInputBytes else {
            throw InputError(path: path, problem: "refused: XML/HTML larger than \(maximumInputBytes / 1024 / 1024) MiB")
        }
    }

    /// A byte scan for `<!DOCTYPE` / `<!ENTITY` in 8-bit and UTF-16 forms, before any parsing;
    /// the SAX hooks above catch what a scan could miss.
    static func containsDeclarations(_ data: Data) -> Bool {
        for keyword in ["<!DOCTYPE", "<!doctype", "<!ENTITY", "<!entity"] {
            let ascii: [UInt8] = Array(keyword.utf8)
            let little: [UInt8] = ascii.flatMap { byte -> [UInt8] in [byte, 0] }
            let big: [UInt8] = ascii.flatMap { byte -> [UInt8] in [0, byte] }
            for pattern in [ascii, little, big] where data.range(of: Data(pattern)) != nil {
                return true
            }
        }
        return false
    }

    private struct TooDeep: Error {}

    private static func convertRoot(of doc: xmlDocPtr, path: String) -> Result<Element, InputError> {
        guard let root = xmlDocGetRootElement(doc) else {
            return .failure(InputError(path: path, problem: "has no root element"))
        }
        do {
            return .success(try convert(root, depth: 0))
        } catch {
            return .failure(InputError(path: path, problem: "refused: elements nested deeper than \(maximumDepth)"))
        }
    }

    private static func convert(_ node: xmlNodePtr, depth: Int) throws(TooDeep) -> Element {
        guard depth < maximumDepth else { throw TooDeep() }
        var element = Element(name: node.pointee.name.map { String(cString: $0) } ?? "")
        var attribute = node.pointee.properties
        while let current = attribute {
            if let name = current.pointee.name.map({ String(cString: $0) }), element.attributes[name] == nil {
                element.attributes[name] = textOfChildren(current.pointee.children)
            }
            attribute = current.pointee.next
        }
        var child = node.pointee.children
        while let current = child {
            let type = current.pointee.type
            if type == XML_ELEMENT_NODE {
                element.children.append(.element(try convert(current, depth: depth + 1)))
            } else if type == XML_TEXT_NODE || type == XML_CDATA_SECTION_NODE, let content = current.pointee.content {
                element.children.append(.text(String(cString: content)))
            }
            child = current.pointee.next
        }
        return element
    }

    private static func textOfChildren(_ first: xmlNodePtr?) -> String {
        var out = ""
        var node = first
        while let current = node {
            if let content = current.pointee.content { out += String(cString: content) }
            node = current.pointee.next
        }
        return out
    }
}
