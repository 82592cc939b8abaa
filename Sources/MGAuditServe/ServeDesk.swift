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
    /// The texts of the fix commands (`fixes.yaml`); nil for a rules folder without one, as in `check`.
    let fixTexts: FixTexts?

    public init(rulesDirectory: URL, language: Language, asOf: Date, asOfDay: String) throws {
        self.language = language
        self.asOf = asOf
        self.asOfDay = asOfDay
        catalog = try AADSTSCatalog.load(directory: rulesDirectory)
        engine = try RuleEngine(pack: RulePackLoader.load(directory: rulesDirectory, examples: false))
        labels = try ServeLabels.load(directory: rulesDirectory, language: language)
        fixTexts = try FixTexts.loadIfPresent(directory: rulesDirectory)
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

    /// The triage HTML report (`triage --format html`) for the page's form; redacted by the server.
    public func triageHTML(_ parts: [MultipartPart]) throws -> String {
        try render(try report(parts), renderer: TriageHTMLRenderer())
    }

    /// The result page of `POST /triage`: the triage HTML report with, under the diagnosis, the
    /// plain-text customer reply (`triage --format reply`) and its "copy reply" button.
    public func triagePage(_ parts: [MultipartPart]) throws -> String {
        let report = try report(parts)
        let html = try render(report, renderer: TriageHTMLRenderer())
        let reply = try catalog.reply.map { try render(report, renderer: TriageReplyRenderer(texts: $0)) }
        return ServePage.result(html, reply: reply, labels: labels)
    }

    /// The pasted text (`error` fields, decoded as the CLI decodes its input) triaged against the
    /// uploaded `files`.
    func report(_ parts: [MultipartPart]) throws -> TriageReport {
        let files = Self.uploads(parts)
        let bundle = files.isEmpty ? nil : TenantLoader.load(name: "upload", inMemory: files, forCheck: false)
        // The rule pack judges the tenant's files; without files there is nothing for it to judge.
        let engine = bundle.map { _ in self.engine }
        let text = try parts.filter { $0.name == "error" }.map { try TextDecoding.decode($0.data, path: "error").text }.joined(separator: "\n")
        let triaged = try Triage.run(text: text, source: "error", catalog: catalog, bundle: bundle, engine: engine, fixTexts: fixTexts, asOf: asOf).errors
        return TriageReport(errors: triaged.filter { !$0.error.cutAtAmpersand })
    }

    func triage(_ parts: [MultipartPart], renderer: TriageRenderer) throws -> String {
        try render(try report(parts), renderer: renderer)
    }

    func render(_ report: TriageReport, renderer: TriageRenderer) throws -> String {
        let sink = StringSink()
        try renderer.write(report.errors, totals: report.totals, run: ReportRun(asOf: "", language: language), to: sink)
        return sink.text
    }

    /// `check --format json` for the uploaded `files` as one tenant; redacted.
    public func checkJSON(_ parts: [MultipartPart]) throws -> String {
        let bundle = engine.validated(TenantLoader.load(name: "upload", inMemory: Self.uploads(parts), forCheck: true))
        let assessment = engine.assess(bundle, asOf: asOf)
        // The fix commands of `check --format json` (`fixCommands`), from the same plan.
        var findings = assessment.findings
        if let fixTexts { FixCommands.attach(to: &findings, bundle: bundle, catalog: engine.pack.catalog, texts: fixTexts, asOf: asOf) }
        let result = TenantResult(bundle, assessment, findings: findings)
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

    /// The address listened on: `127.0.0.1` unless `mgaudit serve --listen` said otherwise.
    public let address: String

    /// Binds `address`:`port` (0: a free port); an address with a colon is IPv6. The caller decides
    /// whether a non-loopback address is allowed (`mgaudit serve --allow-remote`).
    public init(desk: ServeDesk, address: String = "127.0.0.1", port: UInt16, timeout: TimeInterval = 15) throws {
        self.desk = desk
        self.address = address
        maximumBodyBytes = TextDecoding.maximumInputBytes
        let socket: SocketAddress = address.contains(":") ? try .inet6(ip6: address, port: port) : try .inet(ip4: address, port: port)
        server = HTTPServer(address: socket, timeout: timeout, logger: DisabledLogger.disabled)
    }

    /// 127.0.0.0/8 (dotted quad) and `::1`: the addresses `--listen` takes without `--allow-remote`.
    public static func isLoopback(_ address: String) -> Bool {
        if address == "::1" || address == "0:0:0:0:0:0:0:1" { return true }
        let octets = address.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4, octets.allSatisfy({ UInt8($0) != nil && !$0.hasPrefix("+") }) else { return false }
        return octets.first == "127"
    }

    /// `ADDR` as it stands in a URL and a Host header: IPv6 in brackets.
    public static func hostName(_ address: String) -> String { address.contains(":") ? "[\(address)]" : address }

    /// The Host names this server answers to: 127.0.0.1, localhost and the listened address.
    var hostNames: [String] {
        Array(Set(["127.0.0.1", "localhost", Self.hostName(address)])).sorted()
    }

    public func start() async throws {
        let desk = desk
        let box = portBox
        let limit = maximumBodyBytes
        let labels = desk.labels
        let work = work
        let names = hostNames
        await server.appendRoute("GET /healthz") { request in
            try await ServeServer.guarded(request, port: box.value, names: names, limit: limit, labels: labels, work: work) { _ in ServeServer.text(.ok, "ok") }
        }
        await server.appendRoute("GET /") { request in
            try await ServeServer.guarded(request, port: box.value, names: names, limit: limit, labels: labels, work: work) { _ in
                ServeServer.html(ServePage.form(labels, language: desk.language))
            }
        }
        await server.appendRoute("POST /triage") { request in
            try await ServeServer.guarded(request, port: box.value, names: names, limit: limit, labels: labels, work: work) { parts in
                ServeServer.html(try desk.triagePage(parts))
            }
        }
        await server.appendRoute("POST /api/triage") { request in
            try await ServeServer.guarded(request, port: box.value, names: names, limit: limit, labels: labels, work: work) { parts in ServeServer.json(try desk.triageJSON(parts)) }
        }
        await server.appendRoute("POST /api/check") { request in
            try await ServeServer.guarded(request, port: box.value, names: names, limit: limit, labels: labels, work: work) { parts in ServeServer.json(try desk.checkJSON(parts)) }
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
            // Not "no-referrer": with it Chromium sends `Origin: null` on the form's own POST, which the
            // Origin check must refuse. "same-origin" sends the real Origin here and nothing elsewhere.
            HTTPHeader("Referrer-Policy"): "same-origin",
            HTTPHeader("Cache-Control"): "no-store",
            HTTPHeader("Content-Security-Policy"): ServePage.contentSecurityPolicy,
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

    /// The Host of a request addressed to this server: `NAME:PORT` for one of `names`
    /// (`127.0.0.1`, `localhost`, the `--listen` address).
    static func isLocal(host: String?, port: UInt16?, names: [String] = ["127.0.0.1", "localhost"]) -> Bool {
        guard let host, let port else { return false }
        return names.contains { host == "\($0):\(port)" }
    }

    /// Refuses a foreign Host (403, DNS rebinding), a cross-origin POST (403), a body over the
    /// input limit (413), a bad multipart body (400); otherwise answers with `respond`.
    static func guarded(_ request: HTTPRequest, port: UInt16?, names: [String], limit: Int, labels: ServeLabels, work: WorkLimiter,
                        _ respond: @escaping @Sendable ([MultipartPart]) throws -> HTTPResponse) async throws -> HTTPResponse {
        guard isLocal(host: request.headers[.host], port: port, names: names) else { return text(.forbidden, labels.forbiddenHost) }
        if request.method == .POST, let origin = request.headers[HTTPHeader("Origin")],
           !names.contains(where: { origin == "http://\($0):\(port ?? 0)" }) {
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
