import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import MGAuditCore

@Suite struct SafeXMLTests {
    @Test func parsesElementsAttributesAndPredefinedEntities() throws {
        let xml = #"<?xml version="1.0" encoding="UTF-8"?><r xmlns:x="urn:x"><a x:id="1" k="v">A &amp; B</a><b><![CDATA[<c>]]></b></r>"#
        let root = try SafeXML.parseXML(Data(xml.utf8), path: "t.xml")
        #expect(root.name == "r")
        let a = try #require(root.children(named: "a").first)
        #expect(a.attributes["id"] == "1")
        #expect(a.attributes["k"] == "v")
        #expect(a.text == "A & B")
        #expect(root.descendants(named: "b").first?.text == "<c>")
    }

    @Test(arguments: [
        #"<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>"#,
        #"<!DOCTYPE r [<!ENTITY x SYSTEM "http://127.0.0.1:9/evil.dtd">]><r>&x;</r>"#,
        #"<!DOCTYPE r SYSTEM "http://127.0.0.1:9/evil.dtd"><r/>"#,
    ])
    func refusesExternalEntities(xml: String) throws {
        let start = Date()
        #expect(throws: InputError(path: "x.xml", problem: SafeXML.refusedDeclarationsProblem)) {
            try SafeXML.parseXML(Data(xml.utf8), path: "x.xml")
        }
        #expect(Date().timeIntervalSince(start) < 1)
    }

    @Test func refusesBillionLaughs() throws {
        var xml = #"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">"#
        for level in 1...9 {
            let previous = level == 1 ? "lol" : "lol\(level - 1)"
            xml += "<!ENTITY lol\(level) \"\(String(repeating: "&\(previous);", count: 10))\">"
        }
        xml += "]><lolz>&lol9;</lolz>"
        let start = Date()
        let error = #expect(throws: InputError.self) { try SafeXML.parseXML(Data(xml.utf8), path: "bomb.xml") }
        #expect(error?.problem == SafeXML.refusedDeclarationsProblem)
        #expect(Date().timeIntervalSince(start) < 1)
    }

    /// Behind the byte scan, libxml2's SAX hooks stop at the DOCTYPE before any entity is acted on.
    @Test(arguments: [
        #"<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>"#,
        #"<!DOCTYPE r [<!ENTITY x SYSTEM "http://127.0.0.1:9/x">]><r>&x;</r>"#,
        #"<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;"><!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">]><r>&g;&g;&g;</r>"#,
    ])
    func saxHooksRefuseWithoutTheByteScan(xml: String) throws {
        let start = Date()
        let error = #expect(throws: InputError.self) { try SafeXML.parseXML(Data(xml.utf8), path: "x.xml", prescan: false) }
        #expect(error?.problem == SafeXML.refusedDeclarationsProblem)
        #expect(Date().timeIntervalSince(start) < 1)
    }

    @Test func byteScanSeesUTF16Declarations() {
        let xml = #"<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>"#
        #expect(SafeXML.containsDeclarations(xml.data(using: .utf16LittleEndian) ?? Data()))
        #expect(SafeXML.containsDeclarations(xml.data(using: .utf16BigEndian) ?? Data()))
        #expect(!SafeXML.containsDeclarations(Data("<r>no declarations</r>".utf8)))
    }

    @Test func reportsMalformedXMLWithLine() throws {
        let error = #expect(throws: InputError.self) {
            try SafeXML.parseXML(Data("<r>\n<a></b>\n</r>".utf8), path: "bad.xml")
        }
        #expect(error?.problem.hasPrefix("is not well-formed XML") == true)
        #expect(error?.line == 2)
    }

    @Test func refusesOversizedInput() throws {
        let data = Data(count: SafeXML.maximumInputBytes + 1)
        let error = #expect(throws: InputError.self) { try SafeXML.parseXML(data, path: "big.xml") }
        #expect(error?.problem.contains("larger than 16 MiB") == true)
    }

    @Test func parsesHTMLForgivingly() throws {
        let html = "<html><head><meta charset=\"Shift_JIS\"></head><body><table><tr><th>ラベル<td>A &amp; B&nbsp;C</table>"
        let root = try SafeXML.parseHTML(html, path: "p.html")
        #expect(root.name == "html")
        let cells = root.descendants(named: "td")
        #expect(cells.first?.text == "A & B\u{00A0}C")
        #expect(root.descendants(named: "th").first?.text == "ラベル")
    }

    @Test func htmlIgnoresExternalDoctype() throws {
        let html = #"<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://127.0.0.1:9/x.dtd"><html><body><p>x</p></body></html>"#
        let start = Date()
        let root = try SafeXML.parseHTML(html, path: "p.html")
        #expect(root.descendants(named: "p").first?.text == "x")
        #expect(Date().timeIntervalSince(start) < 1)
    }

    @Test func parsesConcurrently() async throws {
        let xml = Data(#"<r><a k="v">x &amp; y</a></r>"#.utf8)
        let bomb = Data(#"<!DOCTYPE r [<!ENTITY a "aa">]><r>&a;</r>"#.utf8)
        let results = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<64 {
                group.addTask {
                    if index % 2 == 0 {
                        return (try? SafeXML.parseXML(xml, path: "c.xml"))?.text == "x & y"
                    }
                    let error = #expect(throws: InputError.self) { try SafeXML.parseXML(bomb, path: "b.xml", prescan: false) }
                    return error?.problem == SafeXML.refusedDeclarationsProblem
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results.count == 64)
        #expect(results.allSatisfy { $0 })
    }

    #if canImport(Glibc)
    /// A listening socket on 127.0.0.1: the documents point at it, and it must see no connection.
    @Test func nothingIsFetched() throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(listener >= 0)
        defer { close(listener) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, length) == 0 && listen(listener, 4) == 0 && getsockname(listener, $0, &length) == 0 }
        }
        try #require(bound)
        _ = fcntl(listener, F_SETFL, fcntl(listener, F_GETFL) | O_NONBLOCK)
        let url = "http://127.0.0.1:\(UInt16(bigEndian: address.sin_port))/x"
        let documents = [
            #"<!DOCTYPE r SYSTEM "\#(url).dtd"><r/>"#,
            #"<!DOCTYPE r [<!ENTITY x SYSTEM "\#(url).xml">]><r>&x;</r>"#,
            #"<!DOCTYPE r [<!ENTITY % p SYSTEM "\#(url).ent"> %p;]><r/>"#,
        ]
        for document in documents {
            for prescan in [true, false] {
                #expect(throws: InputError.self) { try SafeXML.parseXML(Data(document.utf8), path: "n.xml", prescan: prescan) }
            }
            _ = try? SafeXML.parseHTML(document, path: "n.html")
        }
        #expect(accept(listener, nil, nil) == -1)
    }
    #endif
}
