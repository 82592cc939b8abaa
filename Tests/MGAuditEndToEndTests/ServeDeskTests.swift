import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// The built `mgaudit serve` as a process: it binds only loopback addresses here (the network
/// rules allow nothing else), is stopped by the test itself, and every wait is bounded.
final class ServeProcess {
    let process = Process()
    let url: String
    private let errors = Pipe()

    /// Starts `mgaudit serve ARGUMENTS` and waits (at most `timeout` seconds) for its URL line.
    init(_ arguments: [String], timeout: TimeInterval = 30) throws {
        process.executableURL = MGAuditBinary.executable
        process.arguments = ["serve"] + arguments
        process.currentDirectoryURL = MGAuditBinary.packageRoot
        let out = Pipe()
        process.standardOutput = out
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let line = LineBox()
        let ready = DispatchSemaphore(value: 0)
        let reader = out.fileHandleForReading
        DispatchQueue.global().async {
            var data = Data()
            while !data.contains(0x0A) {
                let chunk = reader.availableData
                if chunk.isEmpty { break }
                data.append(chunk)
            }
            line.value = String(decoding: data.prefix { $0 != 0x0A }, as: UTF8.self)
            ready.signal()
        }
        guard ready.wait(timeout: .now() + timeout) == .success, let url = line.value, url.hasPrefix("http://") else {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            throw ServeProcessError(message: "mgaudit serve printed no URL: \(line.value ?? "(nothing in \(timeout) s)")")
        }
        self.url = url
    }

    /// Stops the server and returns what it wrote on stderr. SIGKILL, not `terminate()`: a child
    /// started from a Dispatch worker thread inherits its blocked signals, SIGTERM among them.
    func stop() -> String {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    }
}

struct ServeProcessError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

final class LineBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: String?
    var value: String? {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}

/// `--listen` / `--allow-remote`: refused without the flag, a warning with it.
@Suite(.serialized, .timeLimit(.minutes(2))) struct ServeListenTests {
    @Test(arguments: ["0.0.0.0", "10.1.2.3", "::", "192.168.0.10"])
    func aNonLoopbackAddressNeedsAllowRemote(address: String) throws {
        // Refused before anything is bound: no traffic leaves loopback.
        let result = try MGAuditBinary.run(["serve", "--listen", address, "--port", "0"])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1 && result.stderr.contains("--allow-remote"), "\(result.stderr)")
    }

    @Test func allowRemoteBindsAndWarns() async throws {
        let server = try ServeProcess(["--listen", "127.0.0.2", "--allow-remote", "--port", "0", "--as-of", "2026-01-01"])
        #expect(server.url.hasPrefix("http://127.0.0.2:"))
        // The Host check takes the listened address: 127.0.0.2:PORT is answered.
        let request = URLRequest(url: try #require(URL(string: server.url + "healthz")), timeoutInterval: 10)
        let answer = try? await URLSession.shared.data(for: request)
        let stderr = server.stop()
        #expect((answer?.1 as? HTTPURLResponse)?.statusCode == 200)
        #expect(stderr.contains("warning") && stderr.contains("--allow-remote") && stderr.contains("authenticated"), "\(stderr)")
    }

    @Test func loopbackNeedsNoFlagAndPrintsNoWarning() throws {
        let server = try ServeProcess(["--listen", "127.0.0.3", "--port", "0", "--as-of", "2026-01-01"])
        #expect(server.url.hasPrefix("http://127.0.0.3:"))
        let stderr = server.stop()
        #expect(!stderr.contains("warning"), "\(stderr)")
    }
}

/// The desk as a person uses it: headless Chromium (`Tests/tools/serve_browser_check.py`, the
/// DevTools protocol over a pipe, standard library only) opens the page of the built
/// `mgaudit serve`, types an AADSTS50011 error URL, attaches a near-miss tenant's manifest and
/// sheet through the file input, submits the form and reads the result back, once with scripting
/// and once without. Screenshots go to `.build/serve-screenshots/`. Skipped only when Chromium is
/// missing and `MGAUDIT_REQUIRE_BROWSER` is unset (as `BrowserTests`).
@Suite(.serialized, .timeLimit(.minutes(3))) struct ServeBrowserTests {
    struct Report: Decodable {
        var formTitle: String
        var text: String
        var reply: String?
        var replyReadOnly: Bool
        var button: Bool
        var buttonShown: Bool
        var copied: String?
        var scripts: Int
        var images: Int
        var errors: [String]
        var csp: [String]
        var screenshots: [String]
    }

    static let tenant = "Samples/tenants/near-miss-trailing-slash"
    /// The redirect URI MailGates sent: the sample registers it with a trailing slash.
    static let error = "https://nishi-mgf.cybermail.jp/mg-cgi/mg_login?error=invalid_request&error_description=AADSTS50011%3A+"
        + "The+redirect+URI+%27https%3A%2F%2Fnishi-mgf.cybermail.jp%2Fmg-cgi%2Fmg_login%27+specified+in+the+request+"
        + "does+not+match+the+redirect+URIs+configured+for+the+application."

    static var screenshots: URL { MGAuditBinary.packageRoot.appendingPathComponent(".build/serve-screenshots") }

    @Test(.enabled(if: BrowserTests.runnable, BrowserTests.skipMessage), arguments: [true, false])
    func theDeskTriagesThroughTheForm(scripting: Bool) throws {
        let browser = try #require(BrowserTests.chromium, "\(BrowserTests.requireVariable) is set but Chromium is not on PATH")
        let server = try ServeProcess(["--port", "0", "--as-of", "2026-01-01"])
        defer { _ = server.stop() }
        let script = MGAuditBinary.packageRoot.appendingPathComponent("Tests/tools/serve_browser_check.py").path
        var arguments = ["python3", script, "--chromium", browser, "--url", server.url, "--error", Self.error,
                         "--file", "\(Self.tenant)/manifest.json", "--file", "\(Self.tenant)/sheet.yaml",
                         "--screenshot-dir", Self.screenshots.path, "--timeout", "60"]
        if !scripting { arguments.append("--no-script") }
        let output = try BrowserTests.run(["timeout", "150"] + arguments)
        try #require(output.status == 0, "serve_browser_check.py failed: \(output.stderr)")
        let report = try JSONDecoder().decode(Report.self, from: Data(output.stdout.utf8))

        #expect(report.formTitle == "mgaudit triage desk")
        #expect(report.errors.isEmpty, "console errors: \(report.errors)")
        #expect(report.csp.isEmpty, "CSP violations: \(report.csp)")
        #expect(report.images == 0)
        // The diagnosis: the code, the rule of the near miss and both sides of its diff.
        #expect(report.text.contains("AADSTS50011"))
        #expect(report.text.contains("registered URI (Entra ID)"), "no near-miss diff")
        #expect(report.text.contains("https://nishi-mgf.cybermail.jp/mg-cgi/mg_login/"), "no registered side of the diff")
        #expect(report.text.contains("Reply to the customer"))
        let reply = try #require(report.reply)
        #expect(report.replyReadOnly)
        #expect(reply.hasPrefix("Thank you for sending us the error you saw."))
        #expect(reply.contains("AADSTS50011") && reply.contains("mg_login/"))
        #expect(report.button)
        if scripting {
            #expect(report.scripts == 1)
            #expect(report.buttonShown, "the script did not show the copy button")
            #expect(report.copied == "clipboard" || report.copied == "selected", "copy did nothing: \(report.copied ?? "nil")")
        } else {
            #expect(!report.buttonShown, "without scripting the copy button must stay hidden")
            #expect(report.copied == nil)
        }
        for shot in report.screenshots {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: shot)).prefix(8)
            #expect(bytes == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), "\(shot) is not a PNG")
        }
        #expect(report.screenshots.count == (scripting ? 3 : 2))
    }
}
