import Foundation

/// Where a renderer's text goes: a file written atomically, standard output, or a string.
/// Every text is masked here (`Redaction.redact`) unless the sink is told not to: a renderer
/// hands over whole pieces (the opening, one tenant, the end), and a secret never spans two.
public protocol ReportSink: AnyObject {
    func write(_ text: String) throws
    /// `write` of UTF-8 bytes (a renderer's `tenantBytes`), masked the same way.
    func write(bytes: [UInt8]) throws
    /// Appends bytes that were already masked (a spool), as they are.
    func writeMasked(_ bytes: Data) throws
    /// Appends bytes that were already masked (`RenderStream.Pieces.masked`), as they are.
    func writeMasked(bytes: [UInt8]) throws
    /// Flushes and, for a file, puts it in place (rename). Nothing is visible before.
    func finish() throws
    /// Removes what was written (a failed run leaves the old file, never half a report).
    func abandon()
}

/// Collects the text (tests, `render`).
public final class StringSink: ReportSink {
    private var bytes: [UInt8] = []
    let redacting: Bool
    public init(redacting: Bool = true) { self.redacting = redacting }
    public var text: String { String(decoding: bytes, as: UTF8.self) }
    public func write(_ text: String) throws { bytes += (redacting ? Redaction.redact(text) : text).utf8 }
    public func write(bytes: [UInt8]) throws { self.bytes += redacting ? Redaction.redact(bytes: bytes) : bytes }
    public func writeMasked(_ bytes: Data) throws { self.bytes += bytes }
    public func writeMasked(bytes: [UInt8]) throws { self.bytes += bytes }
    public func finish() throws {}
    public func abandon() { bytes = [] }
}

/// A buffered byte sink on a file descriptor: standard output, or an `AtomicFileWriter`.
public final class FileSink: ReportSink {
    private var buffer: [UInt8] = []
    private let file: AtomicFileWriter?
    private let redacting: Bool
    /// Bytes handed to the file so far.
    public private(set) var bytesWritten = 0
    static let bufferSize = 1 << 18

    /// A report file at `path`, written to a temporary file beside it and renamed by `finish`.
    public init(path: String, redacting: Bool = true) throws {
        file = try AtomicFileWriter(path: path)
        self.redacting = redacting
        buffer.reserveCapacity(Self.bufferSize)
    }

    /// Standard output.
    public init(standardOutput: Void = (), redacting: Bool = true) {
        file = nil
        self.redacting = redacting
    }

    public func write(_ text: String) throws {
        let masked = redacting ? Redaction.redact(text) : text
        buffer.append(contentsOf: masked.utf8)
        if buffer.count >= Self.bufferSize { try flush() }
    }

    public func writeMasked(_ bytes: Data) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.bufferSize { try flush() }
    }

    public func write(bytes: [UInt8]) throws {
        buffer.append(contentsOf: redacting ? Redaction.redact(bytes: bytes) : bytes)
        if buffer.count >= Self.bufferSize { try flush() }
    }

    public func writeMasked(bytes: [UInt8]) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.bufferSize { try flush() }
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        bytesWritten += buffer.count
        if let file {
            try buffer.withUnsafeBytes { try file.write($0) }
        } else {
            buffer.withUnsafeBytes { raw in FileHandle.standardOutput.write(Data(raw)) }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    public func finish() throws {
        try flush()
        try file?.commit()
    }

    public func abandon() {
        buffer.removeAll()
        file?.abandon()
    }
}

/// Drives one renderer into one sink: the opening, the items in report order, the end. A format
/// that wants its overview first (`wantsOverviewFirst`) has its index rows and item texts held in
/// two spool files (unlinked temporary files), so memory stays flat whatever the number of tenants.
public final class RenderStream<Item: Sendable, Totals: Sendable> {
    public let renderer: any ReportRenderer<Item, Totals>
    public let run: ReportRun
    private let sink: any ReportSink
    private var position = 0
    private var written = 0
    private var spool: Spool?
    /// The renderer's `separator`, as bytes once.
    private let separator: [UInt8]

    public init(renderer: any ReportRenderer<Item, Totals>, run: ReportRun, sink: any ReportSink) throws {
        self.renderer = renderer
        self.run = run
        self.sink = sink
        separator = Array(renderer.separator.utf8)
        if renderer.wantsOverviewFirst {
            spool = try Spool()
        } else {
            try sink.write(renderer.begin(run))
        }
    }

    /// The renderer's text for an item, made on any thread (`pieces`).
    public struct Pieces: Sendable {
        /// UTF-8 (`tenantBytes`), handed on without a String made of it.
        public var body: [UInt8]
        public var indexRow: [UInt8]
        /// Already masked (`maskedPieces`): written as they are.
        public var masked = false
    }

    /// `body`: the tenant's text if it was made already (`tenantBytes(_:position:run:shared:)`).
    public static func pieces(_ renderer: any ReportRenderer<Item, Totals>, tenant: Item, position: Int, run: ReportRun,
                              body: [UInt8]? = nil) -> Pieces {
        Pieces(body: body ?? renderer.tenantBytes(tenant, position: position, run: run),
               indexRow: renderer.wantsOverviewFirst ? Array(renderer.indexRow(tenant, position: position, run: run).utf8) : [])
    }

    /// `pieces`, masked where they are made: `batch`'s workers mask their tenants' texts in
    /// parallel instead of the one thread that writes them. For a stream on a masking sink.
    public static func maskedPieces(_ renderer: any ReportRenderer<Item, Totals>, tenant: Item, position: Int, run: ReportRun,
                                    body: [UInt8]? = nil) -> Pieces {
        let made = pieces(renderer, tenant: tenant, position: position, run: run, body: body)
        return Pieces(body: Redaction.redact(bytes: made.body), indexRow: Redaction.redact(bytes: made.indexRow), masked: true)
    }

    /// Appends the next item's pieces (made for the next position). An item without text (a clean
    /// tenant in SARIF, say) gets no separator.
    public func append(_ pieces: Pieces) throws {
        position += 1
        var body = pieces.body
        if !body.isEmpty {
            // The separator is the renderer's own text: nothing in it to mask.
            if written > 0, !separator.isEmpty { body.insert(contentsOf: separator, at: 0) }
            written += 1
        }
        if let spool {
            try spool.body.write(pieces.masked ? body : Redaction.redact(bytes: body))
            try spool.index.write(pieces.masked ? pieces.indexRow : Redaction.redact(bytes: pieces.indexRow))
        } else if !body.isEmpty {
            if pieces.masked { try sink.writeMasked(bytes: body) } else { try sink.write(bytes: body) }
        }
    }

    public func append(_ item: Item) throws {
        try append(Self.pieces(renderer, tenant: item, position: position, run: run))
    }

    public func finish(_ totals: Totals) throws {
        do {
            if let spool {
                try sink.write(renderer.begin(run))
                try sink.write(renderer.overview(totals, run: run))
                try spool.index.copy(to: sink)
                try sink.write(renderer.indexEnd(totals, run: run))
                try spool.body.copy(to: sink)
            }
            try sink.write(renderer.end(totals, run: run))
            try sink.finish()
        } catch {
            sink.abandon()
            throw error
        }
    }

    public func abandon() { sink.abandon() }
}

/// The stream of audit reports (`check`, `batch`, `report`).
public typealias ReportStream = RenderStream<TenantResult, ReportTotals>

extension RenderStream where Item == TenantResult, Totals == ReportTotals {
    /// `maskedPieces` of one of the renderers of a tenant: one that can use what another made for
    /// the same tenant (`sharing`, the renderer as `TenantBytesSharing`, through `shared`) does.
    static func maskedPieces(_ renderer: AuditRenderer, sharing: (any TenantBytesSharing)?, tenant: TenantResult, position: Int,
                             run: ReportRun, shared: TenantRenderings) -> Pieces {
        let body = sharing?.tenantBytes(tenant, position: position, run: run, shared: shared)
        return maskedPieces(renderer, tenant: tenant, position: position, run: run, body: body)
    }

    /// A whole report through one renderer (`check`, tests).
    public static func write(_ report: AuditReport, renderer: AuditRenderer, run: ReportRun, to sink: any ReportSink) throws {
        try renderer.write(report.tenants, totals: ReportTotals(report.tenants), run: run, to: sink)
    }
}

/// Two unlinked temporary files (index rows, tenant texts) that `ReportStream` copies into the
/// report at the end.
private final class Spool {
    let index: SpoolFile
    let body: SpoolFile
    init() throws {
        index = try SpoolFile()
        body = try SpoolFile()
    }
}

private final class SpoolFile {
    private let handle: FileHandle
    private var buffer: [UInt8] = []

    init() throws {
        var template = Array((NSTemporaryDirectory() + "/mgaudit-spool-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.map { mkstemp($0) } ?? -1
        }
        guard descriptor >= 0 else {
            throw FileWriteError(path: NSTemporaryDirectory(), problem: "cannot create a temporary file: \(String(cString: strerror(errno)))")
        }
        // Unlinked at once: nothing is left behind whatever happens to the run.
        unlink(String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self))
        handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    }

    func write(_ bytes: [UInt8]) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= FileSink.bufferSize { try flush() }
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes everything spooled to `sink` (already masked), in chunks.
    func copy(to sink: any ReportSink) throws {
        try flush()
        try handle.seek(toOffset: 0)
        while let chunk = try handle.read(upToCount: FileSink.bufferSize), !chunk.isEmpty {
            try sink.writeMasked(chunk)
        }
    }
}
