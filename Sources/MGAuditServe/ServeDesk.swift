import FlyingFox
import FlyingSocks
import Foundation
import MGAuditCore

/// What the desk answers with: the same library calls as `mgaudit triage` / `check --format json`.
/// The catalog and rule pack are read once, when the desk opens.
public struct ServeDesk: Sendable {
    public var language: Language
    public var asOf: Date
    public var asOfDay: String
    let catalog: AADSTSCatalog
    let engine: RuleEngine
    let labels: ServeLabels

    public init(rulesDirectory: URL, language: Language, asOf: Date, asOfDay: String) throws {
        self.language = language
        self.asOf = asOf
        self.asOfDay = asOfDay
        catalog = try AADSTSCatalog.load(directory: rulesDirectory)
        engine = try RuleEngine(pack: RulePackLoader.load(directory: rulesDirectory, examples: false))
        labels = try ServeLabels.load(directory: rulesDirectory, language: language)
    }

    static func uploads(_ parts: [MultipartPart]) -> [TenantLoader.ExplicitInput] {
        parts.filter { $0.name == "files" && !$0.data.isEmpty }.enumerated().map { index, part in
            TenantLoader.ExplicitInput.inMemory(name: part.filename.flatMap { $0.isEmpty ? nil : $0 } ?? "upload-\(index + 1)", data: part.data)
        }
    }

    /// `triage --format json` for the text field `error` and the uploaded `files`; redacted.
    public func triageJSON(_ parts: [MultipartPart]) throws -> String {
        try triage(parts, renderer: TriageJSONRenderer())
    }

    /// The triage HTML report (`triage --format html`) for the page's form; redacted.
    public func triageHTML(_ parts: [MultipartPart]) throws -> String {
        try triage(parts, renderer: TriageHTMLRenderer())
    }

    func triage(_ parts: [MultipartPart], renderer: TriageRenderer) throws -> String {
        let files = Self.uploads(parts)
        let bundle = files.isEmpty ? nil : TenantLoader.load(name: "upload", inMemory: files, forCheck: false)
        // The rule pack judges the tenant's files; without files there is nothing for it to judge.
        let engine = bundle.map { _ in self.engine }
        let text = parts.filter { $0.name == "error" }.map { String(decoding: $0.data, as: UTF8.self) }.joined(separator: "\n")
        let triaged = try Triage.run(text: text, source: "error", catalog: catalog, bundle: bundle, engine: engine, asOf: asOf).errors
        let report = TriageReport(errors: triaged.filter { !$0.error.cutAtAmpersand })
        let sink = StringSink()
        try renderer.write(report.errors, totals: report.totals, run: ReportRun(asOf: "", language: language), to: sink)
        return sink.text
    }

    /// `check --format json` for the uploaded `files` as one tenant; redacted.
    public func checkJSON(_ parts: [MultipartPart]) throws -> String {
        let bundle = engine.validated(TenantLoader.load(name: "upload", inMemory: Self.uploads(parts), forCheck: true))
        let assessment = engine.assess(bundle, asOf: asOf)
        let result = TenantResult(bundle, assessment)
        let sink = StringSink()
        try ReportStream.write(AuditReport(asOf: asOfDay, tenants: [result]), renderer: JSONReport(),
                               run: ReportRun(asOf: asOfDay, language: language, rules: engine.pack.rules), to: sink)
        return sink.text
    }
}

/// The HTTP server of `mgaudit serve`: loopback only, Host and Origin checked, bodies bounded.
public final class ServeServer: Sendable {
    let server: HTTPServer
    let desk: ServeDesk
    /// The largest body accepted (413 above): the input limit when the server was made.
    let maximumBodyBytes: Int

    /// Binds 127.0.0.1:`port` (0: a free port).
    public init(desk: ServeDesk, port: UInt16, timeout: TimeInterval = 15) throws {
        self.desk = desk
        maximumBodyBytes = TextDecoding.maximumInputBytes
        server = HTTPServer(address: try .inet(ip4: "127.0.0.1", port: port), timeout: timeout, logger: DisabledLogger.disabled)
    }

    public func start() async throws {
        let desk = desk
        let box = portBox
        let limit = maximumBodyBytes
        let labels = desk.labels
        let work = work
        await server.appendRoute("GET /healthz") { request in
            try await ServeServer.guarded(request, port: box.value, limit: limit, labels: labels, work: work) { _ in ServeServer.text(.ok, "ok") }
        }
        await server.appendRoute("GET /") { request in
            try await ServeServer.guarded(request, port: box.value, limit: limit, labels: labels, work: work) { _ in
                ServeServer.html(ServePage.form(labels, language: desk.language))
            }
        }
        await server.appendRoute("POST /triage") { request in
            try await ServeServer.guarded(request, port: box.value, limit: limit, labels: labels, work: work) { parts in
                ServeServer.html(try desk.triageHTML(parts))
            }
        }
        await server.appendRoute("POST /api/triage") { request in
            try await ServeServer.guarded(request, port: box.value, limit: limit, labels: labels, work: work) { parts in ServeServer.json(try desk.triageJSON(parts)) }
        }
        await server.appendRoute("POST /api/check") { request in
            try await ServeServer.guarded(request, port: box.value, limit: limit, labels: labels, work: work) { parts in ServeServer.json(try desk.checkJSON(parts)) }
        }
        try await server.run()
    }

    /// Waits until listening and returns the bound port.
    @discardableResult
    public func waitUntilListening() async throws -> UInt16? {
        try await server.waitUntilListening()
        let bound = await port
        portBox.value = bound
        return bound
    }

    /// The bound port, once listening.
    public var port: UInt16? {
        get async {
            switch await server.listeningAddress {
            case .ip4(_, let port)?, .ip6(_, let port)?: port
            default: nil
            }
        }
    }

    public func stop() async { await server.stop(timeout: 1) }

    static func headers(_ contentType: String) -> HTTPHeaders {
        [
            .contentType: contentType,
            HTTPHeader("X-Content-Type-Options"): "nosniff",
            HTTPHeader("Referrer-Policy"): "no-referrer",
            HTTPHeader("Cache-Control"): "no-store",
            HTTPHeader("Content-Security-Policy"): "default-src 'none'; style-src 'unsafe-inline'",
        ]
    }

    static func text(_ status: HTTPStatusCode, _ body: String) -> HTTPResponse {
        HTTPResponse(statusCode: status, headers: headers("text/plain; charset=utf-8"), body: Data(Redaction.redact(body).utf8))
    }

    static func html(_ body: String) -> HTTPResponse {
        HTTPResponse(statusCode: .ok, headers: headers("text/html; charset=utf-8"), body: Data(Redaction.redact(body).utf8))
    }

    static func json(_ body: String) -> HTTPResponse {
        HTTPResponse(statusCode: .ok, headers: headers("application/json; charset=utf-8"), body: Data(body.utf8))
    }

    /// The Host of a request addressed to this server: `127.0.0.1:PORT` or `localhost:PORT`.
    static func isLocal(host: String?, port: UInt16?) -> Bool {
        guard let host, let port else { return false }
        return host == "127.0.0.1:\(port)" || host == "localhost:\(port)"
    }

    /// Refuses a foreign Host (403, DNS rebinding), a cross-origin POST (403), a body over the
    /// input limit (413), a bad multipart body (400); otherwise answers with `respond`.
    static func guarded(_ request: HTTPRequest, port: UInt16?, limit: Int, labels: ServeLabels, work: WorkLimiter,
                        _ respond: @escaping @Sendable ([MultipartPart]) throws -> HTTPResponse) async throws -> HTTPResponse {
        guard isLocal(host: request.headers[.host], port: port) else { return text(.forbidden, labels.forbiddenHost) }
        if request.method == .POST, let origin = request.headers[HTTPHeader("Origin")],
           origin != "http://127.0.0.1:\(port ?? 0)", origin != "http://localhost:\(port ?? 0)" {
            return text(.forbidden, labels.forbiddenOrigin)
        }
        if let count = request.bodySequence.count, count > limit { return text(.payloadTooLarge, labels.tooLarge) }
        var parts: [MultipartPart] = []
        if request.method == .POST {
            var body = Data()
            for try await chunk in request.bodySequence {
                body.append(chunk)
                guard body.count <= limit else { return text(.payloadTooLarge, labels.tooLarge) }
            }
            do {
                parts = try MultipartParser(maximumBodyBytes: limit).parse(body, contentType: request.headers[.contentType])
            } catch let error as MultipartError {
                return text(.badRequest, "\(labels.badMultipart) (\(error))")
            }
        }
        do {
            let body = parts
            return try await work.run { try respond(body) }
        } catch let error as InputError {
            return text(.badRequest, error.description)
        } catch let error as NoOAuthErrorFound {
            return text(.unprocessableContent, error.description)
        } catch let error as URLCutAtAmpersand {
            return text(.unprocessableContent, error.description)
        }
    }

    let portBox = PortBox()
    /// The CPU-bound work of all requests, as many at a time as there are cores.
    let work = WorkLimiter()
}

/// The bound port, set once the server listens (a request before that is refused).
final class PortBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: UInt16?
    var value: UInt16? {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
