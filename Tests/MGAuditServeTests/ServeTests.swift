import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import MGAuditTestSupport
@testable import MGAuditCore
@testable import MGAuditServe

/// The multipart parser's bounds and refusals.
@Suite struct ServeMultipartTests {
    static let type = "multipart/form-data; boundary=XyZ"

    static func body(_ parts: [(String, String?, String)]) -> Data {
        var text = ""
        for (name, filename, content) in parts {
            text += "--XyZ\r\nContent-Disposition: form-data; name=\"\(name)\""
            if let filename { text += "; filename=\"\(filename)\"" }
            text += "\r\n\r\n\(content)\r\n"
        }
        return Data((text + "--XyZ--\r\n").utf8)
    }

    @Test func partsAreRead() throws {
        let parts = try MultipartParser(maximumBodyBytes: 1_000).parse(Self.body([("error", nil, "AADSTS50011"), ("files", "m.json", "{}")]), contentType: Self.type)
        #expect(parts.map(\.name) == ["error", "files"])
        #expect(parts.last?.filename == "m.json")
        #expect(parts.first.map { String(decoding: $0.data, as: UTF8.self) } == "AADSTS50011")
    }

    @Test func badBodiesAreTypedErrors() {
        let parser = MultipartParser(maximumBodyBytes: 1_000)
        #expect(throws: MultipartError.notMultipart) { try parser.parse(Data(), contentType: "text/plain") }
        #expect(throws: MultipartError.missingBoundary) { try parser.parse(Data(), contentType: "multipart/form-data") }
        #expect(throws: MultipartError.malformed) { try parser.parse(Data("junk".utf8), contentType: Self.type) }
        #expect(throws: MultipartError.bodyTooLarge) {
            try MultipartParser(maximumBodyBytes: 4).parse(Self.body([("a", nil, "b")]), contentType: Self.type)
        }
        var few = MultipartParser(maximumBodyBytes: 1_000)
        few.maximumParts = 1
        #expect(throws: MultipartError.tooManyParts) { try few.parse(Self.body([("a", nil, "1"), ("b", nil, "2")]), contentType: Self.type) }
    }
}

/// The server in-process on a free port, through URLSession.
@Suite(.timeLimit(.minutes(1))) struct ServeServerTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static func desk() throws -> ServeDesk {
        try ServeDesk(rulesDirectory: root.appendingPathComponent("rules"), language: .en,
                      asOf: Date(timeIntervalSince1970: 1_767_225_600), asOfDay: "2026-01-01")
    }
    static let error = "https://example.com/cb?error=invalid_request&error_description=AADSTS50011%3A+The+redirect+URI"

    static func withServer(limit: Int? = nil, timeout: TimeInterval = 5, _ body: (UInt16) async throws -> Void) async throws {
        let desk = try desk()
        let server = try limit.map { limit in
            try TextDecoding.$maximumInputBytes.withValue(limit) { try ServeServer(desk: desk, port: 0, timeout: timeout) }
        } ?? ServeServer(desk: desk, port: 0, timeout: timeout)
        let task = Task { try await server.start() }
        defer { task.cancel() }
        let port = try #require(try await server.waitUntilListening())
        try await body(port)
        await server.stop()
    }

    static func send(_ port: UInt16, _ path: String, method: String = "POST", body: Data? = nil,
                     headers: [String: String] = [:]) async throws -> (Int, String) {
        var request = URLRequest(url: try #require(URL(string: "http://127.0.0.1:\(port)\(path)")), timeoutInterval: 20)
        request.httpMethod = method
        request.httpBody = body
        if body != nil { request.setValue(ServeMultipartTests.type, forHTTPHeaderField: "Content-Type") }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    @Test func healthAndTriageAndCheck() async throws {
        try await Self.withServer { port in
            let health = try await Self.send(port, "/healthz", method: "GET")
            #expect(health.0 == 200 && health.1 == "ok")
            let parts = [MultipartPart(name: "error", filename: nil, data: Data(Self.error.utf8))]
            let triage = try await Self.send(port, "/api/triage", body: ServeMultipartTests.body([("error", nil, Self.error)]))
            #expect(triage.0 == 200)
            #expect(triage.1 == (try Self.desk().triageJSON(parts)))
            #expect(triage.1.contains("50011"))
            let manifest = try String(contentsOf: Self.root.appendingPathComponent("Samples/tenants/clean/manifest.json"), encoding: .utf8)
            let check = try await Self.send(port, "/api/check", body: ServeMultipartTests.body([("files", "manifest.json", manifest)]))
            #expect(check.0 == 200)
            #expect(check.1.hasPrefix("{"))
            // The same JSON as `check --format json`: with the fix commands of a finding a command fixes.
            let renamed = try String(contentsOf: Self.root.appendingPathComponent("Samples/tenants/multi-tenant-renamed/manifest.json"), encoding: .utf8)
            let fixable = try await Self.send(port, "/api/check", body: ServeMultipartTests.body([("files", "manifest.json", renamed)]))
            #expect(fixable.0 == 200)
            #expect(fixable.1.contains("\"fixCommands\"") && fixable.1.contains("--sign-in-audience"))
            let page = try await Self.send(port, "/", method: "GET")
            #expect(page.0 == 200)
            #expect(page.1.contains("enctype=\"multipart/form-data\"") && page.1.contains("action=\"/triage\""))
            let report = try await Self.send(port, "/triage", body: ServeMultipartTests.body([("error", nil, Self.error)]))
            #expect(report.0 == 200)
            #expect(report.1 == (try Self.desk().triagePage(parts)))
            #expect(report.1.contains("<textarea id=\"reply\" readonly"))
            #expect(report.1.contains("id=\"copy-reply\""))
        }
    }

    @Test func refusals() async throws {
        try await Self.withServer { port in
            let body = ServeMultipartTests.body([("error", nil, Self.error)])
            let host = try await Self.send(port, "/api/triage", body: body, headers: ["Host": "evil.example:\(port)"])
            #expect(host.0 == 403)
            let origin = try await Self.send(port, "/api/triage", body: body, headers: ["Origin": "http://evil.example"])
            #expect(origin.0 == 403)
            let sameOrigin = try await Self.send(port, "/api/triage", body: body, headers: ["Origin": "http://localhost:\(port)"])
            #expect(sameOrigin.0 == 200)
            // What a page with `Referrer-Policy: no-referrer` or a sandboxed frame sends.
            let null = try await Self.send(port, "/api/triage", body: body, headers: ["Origin": "null"])
            #expect(null.0 == 403)
            let junk = try await Self.send(port, "/api/triage", body: Data("junk".utf8))
            #expect(junk.0 == 400)
        }
    }

    @Test func secretsAreMaskedAndHeadersSet() async throws {
        try await Self.withServer { port in
            let secret = "abc8Q~" + String(repeating: "k", count: 32)
            let text = Self.error + "&client_secret=" + secret
            var request = URLRequest(url: try #require(URL(string: "http://127.0.0.1:\(port)/api/triage")), timeoutInterval: 20)
            request.httpMethod = "POST"
            request.httpBody = ServeMultipartTests.body([("error", nil, text)])
            request.setValue(ServeMultipartTests.type, forHTTPHeaderField: "Content-Type")
            let (data, response) = try await URLSession.shared.data(for: request)
            let http = try #require(response as? HTTPURLResponse)
            #expect(http.statusCode == 200)
            #expect(!String(decoding: data, as: UTF8.self).contains(secret))
            #expect(http.value(forHTTPHeaderField: "Content-Security-Policy") == ServePage.contentSecurityPolicy)
            let policy = try #require(http.value(forHTTPHeaderField: "Content-Security-Policy"))
            #expect(policy.hasPrefix("default-src 'none'; script-src 'sha256-"))
            #expect(policy.hasSuffix("form-action 'self'; base-uri 'none'; frame-ancestors 'none'"))
            #expect(!policy.contains("unsafe"))
            #expect(http.value(forHTTPHeaderField: "X-Content-Type-Options") == "nosniff")
            #expect(http.value(forHTTPHeaderField: "Referrer-Policy") == "same-origin")
            #expect(http.value(forHTTPHeaderField: "Cache-Control") == "no-store")
        }
    }

    @Test func anOversizedBodyIs413() async throws {
        try await Self.withServer(limit: 256) { port in
            let body = ServeMultipartTests.body([("error", nil, String(repeating: "x", count: 1_000))])
            let answer = try await Self.send(port, "/api/triage", body: body)
            #expect(answer.0 == 413)
        }
    }

    /// The server's own timeout (15 s, as `mgaudit serve` runs it): the requests queue for the
    /// cores, and on a loaded machine (CI runs the other suites beside this one) the last of 200
    /// may wait several seconds.
    @Test func twoHundredConcurrentTriages() async throws {
        try await Self.withServer(timeout: 15) { port in
            let body = ServeMultipartTests.body([("error", nil, Self.error)])
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<200 { group.addTask { try await Self.send(port, "/api/triage", body: body).0 } }
                return try await group.reduce(into: [Int: Int]()) { counts, status in counts[status, default: 0] += 1 }
            }
            #expect(statuses == [200: 200], "status counts: \(statuses)")
        }
    }

    /// The reply under the diagnosis: the same text as `triage --format reply`, escaped, secrets masked.
    @Test func theResultPageHoldsTheReply() async throws {
        try await Self.withServer { port in
            let secret = "abc8Q~" + String(repeating: "k", count: 32)
            let text = Self.error + "&client_secret=" + secret
            let page = try await Self.send(port, "/triage", body: ServeMultipartTests.body([("error", nil, text)]))
            #expect(page.0 == 200)
            #expect(!page.1.contains(secret))
            let desk = try Self.desk()
            let reply = try desk.render(try desk.report([MultipartPart(name: "error", filename: nil, data: Data(text.utf8))]),
                                        renderer: TriageReplyRenderer(texts: try #require(desk.catalog.reply)))
            let firstLine = try #require(reply.split(separator: "\n").first)
            #expect(page.1.contains(String(firstLine)))
            #expect(page.1.contains(desk.labels.copyReply) && page.1.contains(desk.labels.replyHeading))
            // Under the diagnosis, before the footer.
            let diagnosis = try #require(page.1.range(of: "AADSTS50011"))
            let replyBox = try #require(page.1.range(of: "<textarea id=\"reply\""))
            let footer = try #require(page.1.range(of: "<footer"))
            #expect(diagnosis.lowerBound < replyBox.lowerBound && replyBox.lowerBound < footer.lowerBound)
        }
    }

    /// Every `<style>` and `<script>` the desk sends is allowed by its hash in the policy, and the
    /// constants are the SHA-256 of the texts (recomputed with `sha256sum`: no SHA-256 on Linux
    /// Foundation); a failure names the value to put in `ServePage`.
    @Test func policyHashesMatchEveryInlineText() async throws {
        let scriptHash = try CSPHash.sha256Base64(ServePage.script), cssHash = try CSPHash.sha256Base64(ServePage.css)
        #expect(scriptHash == ServePage.scriptHash, "set ServePage.scriptHash to \(scriptHash)")
        #expect(cssHash == ServePage.cssHash, "set ServePage.cssHash to \(cssHash)")
        try await Self.withServer { port in
            let form = try await Self.send(port, "/", method: "GET")
            let result = try await Self.send(port, "/triage", body: ServeMultipartTests.body([("error", nil, Self.error)]))
            let policy = ServePage.contentSecurityPolicy
            var styles = 0, scripts = 0
            for page in [form.1, result.1] {
                for (tag, text) in Self.inlineTexts(page) {
                    let hash = try CSPHash.sha256Base64(text)
                    #expect(policy.contains("'\(hash)'"), "<\(tag)> of hash \(hash) is not in the policy (ServePage.reportCSSHash?)")
                    if tag == "style" { styles += 1 } else { scripts += 1 }
                }
            }
            #expect(styles == 3 && scripts == 1)
        }
    }

    /// A pasted text in UTF-16 (with its BOM) or Shift_JIS is decoded as the CLI decodes its input.
    @Test func pastedTextIsDecodedAsTheCLIDoes() async throws {
        let text = "エラー: " + Self.error
        var utf16 = Data([0xFF, 0xFE])
        utf16.append(try #require(text.data(using: .utf16LittleEndian)))
        let shiftJIS = try #require(text.data(using: .shiftJIS))
        let desk = try Self.desk()
        for data in [utf16, shiftJIS] {
            let report = try desk.report([MultipartPart(name: "error", filename: nil, data: data)])
            #expect(report.errors.first?.error.code == "AADSTS50011")
        }
    }

    static func inlineTexts(_ page: String) -> [(String, String)] {
        var found: [(String, String)] = []
        for tag in ["style", "script"] {
            var rest = page[...]
            while let open = rest.range(of: "<\(tag)>"), let close = rest[open.upperBound...].range(of: "</\(tag)>") {
                found.append((tag, String(rest[open.upperBound..<close.lowerBound])))
                rest = rest[close.upperBound...]
            }
        }
        return found
    }

    /// `--listen ADDR`: the Host check takes `ADDR:PORT` (IPv6 in brackets) besides 127.0.0.1 and localhost.
    @Test func loopbackAndListenAddressHosts() async throws {
        #expect(ServeServer.isLoopback("127.0.0.1") && ServeServer.isLoopback("127.0.0.2") && ServeServer.isLoopback("::1"))
        for address in ["0.0.0.0", "10.0.0.1", "192.168.1.5", "::", "fe80::1", "127.0.0", "127.0.0.256", "localhost", ""] {
            #expect(!ServeServer.isLoopback(address), "\(address)")
        }
        #expect(ServeServer.hostName("::1") == "[::1]")
        let server = try ServeServer(desk: try Self.desk(), address: "127.0.0.2", port: 0, timeout: 5)
        #expect(server.hostNames == ["127.0.0.1", "127.0.0.2", "localhost"])
        #expect(ServeServer.isLocal(host: "127.0.0.2:8080", port: 8080, names: server.hostNames))
        #expect(!ServeServer.isLocal(host: "127.0.0.2:8080", port: 8080))
        #expect(!ServeServer.isLocal(host: "127.0.0.3:8080", port: 8080, names: server.hostNames))
    }

    /// Over HTTP: a UTF-16LE pasted text (with its BOM) and a Shift_JIS notification sheet
    /// (`near-miss-hyphen`'s, CRLF) are read as `mgaudit check` and `triage` read them.
    @Test func utf16PasteAndShiftJISUploadOverHTTP() async throws {
        let tenant = Self.root.appendingPathComponent("Samples/tenants/near-miss-hyphen")
        let manifest = try Data(contentsOf: tenant.appendingPathComponent("manifest.json"))
        let sheet = try Data(contentsOf: tenant.appendingPathComponent("kaitsu-tsuchisho.txt"))
        #expect(String(data: sheet, encoding: .utf8) == nil, "the sample sheet is no longer Shift_JIS")
        var pasted = Data([0xFF, 0xFE])
        pasted.append(try #require(("エラー: " + Self.error).data(using: .utf16LittleEndian)))
        try await Self.withServer { port in
            let files: [(String, String?, Data)] = [("files", "manifest.json", manifest), ("files", "kaitsu-tsuchisho.txt", sheet)]
            let check = try await Self.send(port, "/api/check", body: Self.binaryBody(files))
            #expect(check.0 == 200)
            #expect(check.1.contains("\"notification-sheet\""), "the Shift_JIS sheet was not read: \(check.1.prefix(400))")
            #expect(check.1.contains("uri-near-miss"))
            let triage = try await Self.send(port, "/api/triage", body: Self.binaryBody([("error", nil, pasted)] + files))
            #expect(triage.0 == 200)
            #expect(triage.1.contains("AADSTS50011"))
        }
    }

    static func binaryBody(_ parts: [(String, String?, Data)]) -> Data {
        var body = Data()
        for (name, filename, content) in parts {
            var head = "--XyZ\r\nContent-Disposition: form-data; name=\"\(name)\""
            if let filename { head += "; filename=\"\(filename)\"" }
            body.append(Data((head + "\r\n\r\n").utf8))
            body.append(content)
            body.append(Data("\r\n".utf8))
        }
        body.append(Data("--XyZ--\r\n".utf8))
        return body
    }
}
