import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
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
            let page = try await Self.send(port, "/", method: "GET")
            #expect(page.0 == 200)
            #expect(page.1.contains("enctype=\"multipart/form-data\"") && page.1.contains("action=\"/triage\""))
            let report = try await Self.send(port, "/triage", body: ServeMultipartTests.body([("error", nil, Self.error)]))
            #expect(report.0 == 200)
            #expect(report.1 == (try Self.desk().triageHTML(parts)))
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
            #expect(http.value(forHTTPHeaderField: "Content-Security-Policy") == "default-src 'none'; style-src 'unsafe-inline'")
            #expect(http.value(forHTTPHeaderField: "X-Content-Type-Options") == "nosniff")
            #expect(http.value(forHTTPHeaderField: "Referrer-Policy") == "no-referrer")
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
}
