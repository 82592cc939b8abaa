import ArgumentParser
import Foundation
import MGAuditCLI
import MGAuditCore

enum TriageFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, markdown, html, reply
}

extension TriageTimeZone: ExpressibleByArgument {}

/// `mgaudit triage [INPUT...]`: names each OAuth error, its cause and the guide step, and with
/// the tenant's files says which setting explains it.
struct TriageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "triage",
        abstract: "Explain an OAuth error (redirect URL, error page text, token JSON or a log).",
        discussion: """
        Each INPUT is a file, '-' for stdin, or the error itself given literally (an argument that \
        is not an existing file and looks like a URL, a query 'error=…', JSON, or holds 'AADSTS').
        Quote a URL given literally (mgaudit triage 'https://…?error=…&error_description=…'): an \
        unquoted URL is cut at the first '&' by the shell, and triage says so.
        Exit codes: 0 every input triaged, no error-severity finding from the tenant files; \
        1 at least one error-severity finding (the tenant files show what causes the error); \
        2 no OAuth error found in an input, a URL cut at '&', unreadable input, or usage error.
        """
    )

    @Argument(help: "Error text files, '-' for stdin, or a URL / AADSTS message given literally (default: the error texts in --tenant).")
    var inputs: [String] = []

    @Option(help: "Output format (reply: a plain-text answer to the customer, in --lang).")
    var format: TriageFormat = .text

    @OptionGroup var output: OutputOption
    @OptionGroup var language: LanguageOption
    @OptionGroup var asOf: AsOfOption
    @OptionGroup var inputLimit: InputLimitOption

    /// A log for triage may be larger than an export: 64 MiB unless `--max-input-size` says otherwise.
    static let defaultMaximumInputBytes = 64 * 1024 * 1024

    @Option(help: "A tenant folder (manifest, notification sheet, mailgates-settings.yaml, consent exports).")
    var tenant: String?

    @Option(help: "The app manifest exported from the Entra portal.")
    var manifest: String?

    @Option(help: "The notification sheet (開通通知書): text, HTML, XLSX, YAML or JSON.")
    var sheet: String?

    @Option(help: "MailGates' OAuth settings (mailgates-settings.yaml).")
    var settings: String?

    @Option(help: "A consent export (appRoleAssignments, oauth2PermissionGrants, service principal); repeatable.")
    var consent: [String] = []

    @Option(help: "A rules folder holding aadsts.yaml and the rule pack (default: the bundled rules/).")
    var rules: String?

    @Option(help: "Times of an error (Timestamp, first and last seen) in utc, jst or both (default: both when TZ is Asia/Tokyo, else utc; JSON always UTC).")
    var tz: TriageTimeZone?

    func run() throws {
        try inputLimit.apply(default: Self.defaultMaximumInputBytes) { try triage() }
    }

    func triage() throws {
        let language = language.language
        let (date, _) = try asOf.resolve()
        let rulesDirectory = try RulesDirectory.resolve(rules)
        let catalog = try AADSTSCatalog.load(directory: rulesDirectory)
        let bundle = try loadBundle()
        // The rule pack judges the tenant's files; without files there is nothing for it to judge.
        let engine = try bundle.map { _ in try RuleEngine(pack: RulePackLoader.load(directory: rulesDirectory, examples: false)) }
        let fixTexts = try bundle.flatMap { _ in try FixTexts.loadIfPresent(directory: rulesDirectory) }
        // With no INPUT, the error texts saved in the tenant folder are the inputs.
        let inputs = self.inputs.isEmpty ? (bundle?.inputs.filter { $0.kind == .errorText }.map(\.path) ?? []) : self.inputs
        guard !inputs.isEmpty else {
            throw UsageError("triage needs an input: an error file, a URL or AADSTS message, '-' for stdin, "
                + "or a --tenant folder holding an error text")
        }

        var results: [TriageResult] = []
        var failures: [String] = []
        var stdinRead = false
        for argument in inputs {
            do {
                let (text, source) = try TriageInput.read(argument, stdinAlreadyRead: &stdinRead, wordings: catalog.wordings)
                let triaged = try Triage.run(text: text, source: source, catalog: catalog, bundle: bundle, engine: engine, fixTexts: fixTexts, asOf: date).errors
                // A URL cut at '&' is never reported as an error it is not: it is a failure with a hint.
                for cut in triaged where cut.error.cutAtAmpersand {
                    failures.append(URLCutAtAmpersand(source: source, parameter: OAuthErrorParser.cutParameter(cut.error)).description)
                }
                results += triaged.filter { !$0.error.cutAtAmpersand }
            } catch let error as NoOAuthErrorFound {
                failures.append(error.description)
            } catch let error as URLCutAtAmpersand {
                failures.append(error.description)
            } catch let error as InputError {
                failures.append(error.description)
            }
        }
        var report = TriageReport(errors: results)
        report.groupLabel = catalog.reply?.groupLabel
        if format != .json {
            report = report.showingTimes(in: tz ?? TriageTimeZone.fromEnvironment(ProcessInfo.processInfo.environment))
        }
        if !results.isEmpty {
            try ReportWriter.write(report.errors, renderer: renderer(catalog: catalog), totals: report.totals,
                                   run: ReportRun(asOf: "", language: language), to: output.output)
        }
        for failure in failures { Console.error("mgaudit: \(failure)") }
        if !failures.isEmpty { throw ExitCode(2) }
        if results.contains(where: { $0.findings.contains { $0.severity == .error } }) { throw ExitCode(1) }
    }

    /// `reply` takes its sentences from the catalog's `reply.yaml`.
    func renderer(catalog: AADSTSCatalog) throws -> TriageRenderer {
        switch format {
        case .text: return TriageTextRenderer()
        case .json: return TriageJSONRenderer()
        case .markdown: return TriageMarkdownRenderer()
        case .html: return TriageHTMLRenderer()
        case .reply:
            guard let texts = catalog.reply else { throw UsageError("--format reply needs \(ReplyTexts.fileName) in the rules folder") }
            return TriageReplyRenderer(texts: texts)
        }
    }

    /// One bundle from `--tenant` and the single files. A file given by name that cannot be used
    /// stops the run (exit 2); a stray file in the folder is only warned about.
    func loadBundle() throws -> TenantBundle? {
        let named = [("--manifest", manifest), ("--sheet", sheet), ("--settings", settings)].compactMap { option, path in
            path.map { (option, $0) }
        } + consent.map { ("--consent", $0) }
        for (option, path) in named {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                throw UsageError("\(option) \(TriageInput.shortened(path)): is a folder; give a file (or the whole folder with --tenant)")
            }
        }
        let files = named.map(\.1)
        guard tenant != nil || !files.isEmpty else { return nil }
        let bundle: TenantBundle
        if let tenant {
            bundle = try TenantLoader.load(path: tenant, extraFiles: files)
        } else if let first = files.first {
            bundle = try TenantLoader.load(path: first, extraFiles: Array(files.dropFirst()))
        } else {
            return nil
        }
        for problem in bundle.problems {
            // A named file that cannot be used at all stops triage; a manifest field that cannot be
            // read is a warning (its finding says so) and the rest of the manifest still correlates.
            if files.contains(problem.path), [.unreadable, .unrecognised, .explicitUnusable].contains(problem.kind) {
                throw InputError(path: problem.path, problem: problem.detail)
            }
            Console.error("mgaudit: warning: \(problem)")
        }
        return bundle
    }
}

/// Where an INPUT's text comes from.
enum TriageInput {
    static func read(_ argument: String, stdinAlreadyRead: inout Bool, wordings: MessageWordings = .empty) throws -> (text: String, source: String) {
        if argument == "-" {
            guard !stdinAlreadyRead else { throw UsageError("'-' (stdin) can be given only once") }
            stdinAlreadyRead = true
            let data = try TextDecoding.readStandardInput()
            return (try TextDecoding.decode(data, path: "<stdin>").text, "<stdin>")
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory) {
            if isDirectory.boolValue {
                throw InputError(path: argument, problem: "is a folder; give tenant folders with --tenant")
            }
            return (try TextDecoding.read(URL(fileURLWithPath: argument)).text, argument)
        }
        guard looksLikeErrorText(argument) || wordings.firstMatch(in: argument) != nil else {
            throw InputError(path: shortened(argument), problem: "no such file (and not a URL, a query or an AADSTS message)")
        }
        return (argument, "argument '\(shortened(argument))'")
    }

    /// A URL, a bare query, token JSON or an AADSTS message pasted as the argument itself.
    static func looksLikeErrorText(_ text: String) -> Bool {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.contains("://") || trimmed.contains("error=") || trimmed.hasPrefix("{")
            || OAuthErrorParser.mayHoldCode(trimmed)
    }

    /// Long URLs are cut so the one-line message stays one line; secrets are masked.
    static func shortened(_ text: String) -> String {
        let visible = VisibleText.escape(Redaction.redact(text).replacingOccurrences(of: "\n", with: " "))
        return visible.count > 80 ? String(visible.prefix(77)) + "…" : visible
    }
}
