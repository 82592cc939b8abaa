import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Builds tenant bundles from paths: a folder is one tenant (named after the folder), a file is a
/// one-file tenant (named after the file). Broken files become `problems`, never a stop.
///
/// `loadForCheck` also takes the input inventory that `mgaudit check` needs: a tenant with no
/// manifest, nothing recognised, an empty folder, a folder of tenant folders, and a file named on
/// the command line that is not what it was given as are typed problems (`failsTheRun`), so that
/// such a run never ends with "no problems found".
public enum TenantLoader {
    /// An input named on the command line (`--sheet FILE`), read once when made, so that one value
    /// serves every tenant of a run; `-` is standard input (bounded like a file, read once per
    /// process) and is named `<stdin>`.
    public struct ExplicitInput: Sendable {
        public let path: String
        /// What the file must be; nil: whatever it turns out to be.
        public let role: InputRole?
        /// The option that named it (`--sheet`), for messages.
        public let option: String?
        let content: Result<Data, InputError>

        public static func read(_ path: String, as role: InputRole?, option: String? = nil) -> ExplicitInput {
            if path == "-" {
                return ExplicitInput(path: StandardInputOnce.path, role: role, option: option, content: StandardInputOnce.shared.data())
            }
            let content: Result<Data, InputError>
            do { content = .success(try TextDecoding.readData(path: path)) } catch let error as InputError {
                content = .failure(error)
            } catch {
                content = .failure(InputError(path: path, problem: "cannot be read (\(error))"))
            }
            return ExplicitInput(path: path, role: role, option: option, content: content)
        }

        /// An input already in memory (an upload to `mgaudit serve`), named `name` in messages;
        /// never written to disk. Over `TextDecoding.maximumInputBytes` it is refused as a file is.
        public static func inMemory(name: String, data: Data, as role: InputRole? = nil) -> ExplicitInput {
            guard data.count <= TextDecoding.maximumInputBytes else {
                let problem = "refused: file larger than \(TextDecoding.describe(TextDecoding.maximumInputBytes)) (--max-input-size)"
                return ExplicitInput(path: name, role: role, option: nil, content: .failure(InputError(path: name, problem: problem)))
            }
            return ExplicitInput(path: name, role: role, option: nil, content: .success(data))
        }
    }

    /// Loads one tenant named `name` from inputs held in memory only (`ExplicitInput.inMemory`),
    /// sniffed by content as files are. `forCheck` adds the inventory problems of `loadForCheck`
    /// (a tenant with no manifest, nothing recognised). Never touches the file system.
    public static func load(name: String, inMemory inputs: [ExplicitInput], forCheck: Bool) -> TenantBundle {
        var bundle = TenantBundle(name: name)
        for input in inputs { add(explicit: input, to: &bundle) }
        guard forCheck else { return bundle }
        // One upload reads as a one-file tenant, several (or none) as a folder of them.
        let path = inputs.count == 1 ? (inputs.first?.path ?? name) : name
        return inventory(bundle, path: path, listing: Listing(isFolder: inputs.count != 1, files: inputs.map(\.path)))
    }

    /// Loads one tenant. Throws only when a path itself does not exist or cannot be listed, or an
    /// extra file does not exist. `extraFiles` (e.g. `triage --manifest FILE`; `-` = stdin) are read
    /// first, so they win over a file of the same kind inside the folder. No inventory problems:
    /// a tenant without a manifest is fine for triage.
    public static func load(path: String, extraFiles: [String] = []) throws -> TenantBundle {
        for file in extraFiles where file != "-" && !FileManager.default.fileExists(atPath: file) {
            throw InputError(path: file, problem: "no such file")
        }
        let explicit = extraFiles.map { ExplicitInput.read($0, as: nil) }
        return try load(path: path, explicit: explicit).bundle
    }

    /// Loads one tenant for an audit: like `load`, plus the inventory problems, and each explicit
    /// input checked against the role it was given in. Throws only when `path` does not exist or
    /// cannot be listed.
    public static func loadForCheck(path: String, explicit: [ExplicitInput] = []) throws -> TenantBundle {
        try loadForCheckKeepingSources(path: path, explicit: explicit).bundle
    }

    /// `loadForCheck`, and the bytes of the folder's files as they were read (`SourceFiles`), so
    /// that what looks into them after the audit (`SourceLocator`) does not read them again.
    public static func loadForCheckKeepingSources(path: String, explicit: [ExplicitInput] = []) throws
        -> (bundle: TenantBundle, sources: SourceFiles) {
        let (bundle, listing, sources) = try load(path: path, explicit: explicit)
        return (inventory(bundle, path: path, listing: listing), sources)
    }

    /// `mgaudit check fleet/*`: the command a folder of tenant folders was probably meant as.
    public static func eachFolderCommand(_ path: String) -> String {
        var folder = path
        while folder.count > 1, folder.hasSuffix("/") { folder.removeLast() }
        let plain = folder.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || "-_./~".unicodeScalars.contains(scalar))
        }
        let quoted = plain ? folder : "'" + folder.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
        return "mgaudit check \(quoted)/*"
    }

    // MARK: loading

    /// What a folder holds: regular files and folders, hidden names left out.
    struct Listing: Sendable {
        var isFolder: Bool
        var files: [String] = []
        var folders: [String] = []
    }

    static func load(path: String, explicit: [ExplicitInput]) throws -> (bundle: TenantBundle, listing: Listing, sources: SourceFiles) {
        var info = stat()
        guard stat(path, &info) == 0 else { throw InputError(path: path, problem: "no such file or folder") }
        let isFolder = (info.st_mode & S_IFMT) == S_IFDIR
        var listing = Listing(isFolder: isFolder)
        let files: [String]
        let name: String
        if isFolder {
            listing = try list(folder: path)
            let base = path.hasSuffix("/") ? path : path + "/"
            files = listing.files.map { base + $0 }
            name = folderName(path)
        } else {
            files = [path]
            name = URL(fileURLWithPath: path, isDirectory: false).deletingPathExtension().lastPathComponent
        }
        var bundle = TenantBundle(name: name)
        var sources = SourceFiles()
        for input in explicit { add(explicit: input, to: &bundle) }
        let named = Set(explicit.map(\.path))
        for file in files where !named.contains(file) {
            // The folder's own mgaudit.yml holds suppressions: never sniffed as an input.
            if isFolder, SuppressionFile.isSuppressionFile(file) {
                addSuppressions(file, to: &bundle)
                continue
            }
            let outcome: Outcome
            do {
                let data = try TextDecoding.readData(path: file)
                sources.keep(data, of: file)
                outcome = sniff(data, path: file)
            } catch let error as InputError {
                outcome = .unreadable(error.problem)
            } catch {
                outcome = .unreadable("\(error)")
            }
            add(outcome, path: file, to: &bundle)
        }
        return (bundle, listing, sources)
    }

    /// A folder's name as `URL.standardizedFileURL.lastPathComponent` gives it: the last component
    /// itself unless it is `.` or `..` (or there is none), or the path holds a `~` (which the URL
    /// expands): those only the URL resolves. A test compares both.
    static func folderName(_ path: String) -> String {
        var last = path[...]
        if last.utf8.contains(UInt8(ascii: "~")) { last = "" }
        while last.utf8.last == UInt8(ascii: "/") { last = last.dropLast() }
        if let slash = last.utf8.lastIndex(of: UInt8(ascii: "/")) { last = last[last.utf8.index(after: slash)...] }
        guard !last.isEmpty, last != ".", last != ".." else {
            return URL(fileURLWithPath: path, isDirectory: true).standardizedFileURL.lastPathComponent
        }
        return String(last)
    }

    /// One `opendir`/`readdir` pass: the entry type comes with the name (a `stat` only for links
    /// and file systems that do not say), so a folder of 100,000 files costs no per-file lookup.
    /// Only regular files (or links to them) are inputs: a FIFO or device is never opened.
    /// `sorted`: files and folders in String order (false: as the folder lists them, for a caller
    /// that sorts them its own way).
    static func list(folder path: String, sorted: Bool = true) throws -> Listing {
        guard let directory = opendir(path) else { throw InputError(path: path, problem: "folder cannot be listed") }
        defer { closedir(directory) }
        var listing = Listing(isFolder: true)
        let base = path.hasSuffix("/") ? path : path + "/"
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard !name.hasPrefix(".") else { continue }
            switch Int32(entry.pointee.d_type) {
            case Int32(DT_REG): listing.files.append(name)
            case Int32(DT_DIR): listing.folders.append(name)
            case Int32(DT_LNK), Int32(DT_UNKNOWN):
                var info = stat()
                guard stat(base + name, &info) == 0 else { continue }
                if (info.st_mode & S_IFMT) == S_IFREG { listing.files.append(name) }
                if (info.st_mode & S_IFMT) == S_IFDIR { listing.folders.append(name) }
            default:
                continue
            }
        }
        if sorted {
            listing.files.sort()
            listing.folders.sort()
        }
        return listing
    }

    /// What one file turned out to be.
    enum Outcome {
        case parsed(InputKind, InputSniffer.Parsed)
        case unrecognised
        case unreadable(String)
    }

    static func sniff(_ data: Data, path: String) -> Outcome {
        do {
            guard let (kind, value) = try InputSniffer.parse(data, path: path) else { return .unrecognised }
            // The registration knows its own kind (Graph PowerShell is a Microsoft Graph manifest).
            if case .manifest(let app) = value { return .parsed(app.inputKind, value) }
            return .parsed(kind, value)
        } catch let error as InputError {
            return .unreadable(error.problem)
        } catch {
            return .unreadable("\(error)")
        }
    }

    static func add(explicit input: ExplicitInput, to bundle: inout TenantBundle) {
        let outcome: Outcome
        switch input.content {
        case .failure(let error):
            guard let role = input.role else {
                add(.unreadable(error.problem), path: input.path, to: &bundle)
                return
            }
            bundle.inputs.append(InputFile(path: input.path, kind: .unreadable))
            bundle.problems.append(InputProblem(path: input.path, kind: .explicitUnusable,
                detail: "\(given(input, role)), but it \(error.problem)", givenAs: role, found: .unreadable))
            return
        case .success(let data):
            outcome = sniff(data, path: input.path)
        }
        guard let role = input.role else {
            add(outcome, path: input.path, to: &bundle)
            return
        }
        switch outcome {
        case .parsed(let kind, _) where role.accepts(kind):
            add(outcome, path: input.path, to: &bundle)
        case .parsed(let kind, _):
            bundle.inputs.append(InputFile(path: input.path, kind: .unrecognised))
            bundle.problems.append(InputProblem(path: input.path, kind: .explicitUnusable,
                detail: "\(given(input, role)), but it is \(article(kind)) (\(kind.rawValue)); not used", givenAs: role, found: kind))
        case .unrecognised:
            bundle.inputs.append(InputFile(path: input.path, kind: .unrecognised))
            bundle.problems.append(InputProblem(path: input.path, kind: .explicitUnusable,
                detail: "\(given(input, role)), but it is not one (no known input format)", givenAs: role))
        case .unreadable:
            // Broken but recognisably ours: `input-unreadable` says what is wrong.
            add(outcome, path: input.path, to: &bundle)
        }
    }

    static func given(_ input: ExplicitInput, _ role: InputRole) -> String {
        "given \(input.option.map { "with \($0) " } ?? "")as the \(role.englishName)"
    }

    static func article(_ kind: InputKind) -> String {
        switch kind {
        case .manifestAADGraph, .manifestMicrosoftGraph, .manifestGraphPowerShell: "an app manifest"
        case .notificationSheet: "a notification sheet"
        case .consentAppRoleAssignments, .consentPermissionGrants: "a consent export"
        case .servicePrincipal: "a service principal"
        case .gatewaySettings: "a MailGates settings file"
        case .errorText: "an OAuth error text"
        case .suppressions: "a suppression file"
        case .unrecognised, .unreadable: "an unknown file"
        }
    }

    static func add(_ outcome: Outcome, path file: String, to bundle: inout TenantBundle) {
        switch outcome {
        case .unreadable(let problem):
            bundle.inputs.append(InputFile(path: file, kind: .unreadable))
            bundle.problems.append(InputProblem(path: file, kind: .unreadable, detail: problem))
        case .unrecognised:
            bundle.inputs.append(InputFile(path: file, kind: .unrecognised))
            bundle.problems.append(InputProblem(path: file, kind: .unrecognised,
                detail: "not a manifest, notification sheet, consent export, MailGates settings or OAuth error"))
        case .parsed(let kind, let value):
            bundle.inputs.append(InputFile(path: file, kind: kind))
            switch value {
            case .manifest(let app):
                bundle.adopt(manifest: app, path: file)
            case .sheet(let sheet):
                if bundle.sheet == nil { bundle.sheet = sheet } else { duplicate(file, "notification sheet", &bundle) }
            case .settings(let settings):
                if bundle.settings == nil { bundle.settings = settings } else { duplicate(file, "MailGates settings file", &bundle) }
            case .consent(_, var state):
                bundle.problems += state.fieldProblems.map {
                    InputProblem(path: file, kind: .invalidField, detail: $0.summary, fieldProblem: $0)
                }
                state.fieldProblems = []
                bundle.consent = merge(bundle.consent, state)
            case .servicePrincipal, .errorText:
                break
            }
        }
    }

    /// A second file of a kind that a tenant has once: the one given on the command line, or else
    /// the first by file name, is audited.
    static func duplicate(_ file: String, _ what: String, _ bundle: inout TenantBundle) {
        bundle.problems.append(InputProblem(path: file, kind: .unrecognised,
            detail: "a second \(what) for this tenant; not audited (the one given on the command line, or else the first by file name, is)"))
    }

    static func merge(_ current: ConsentState?, _ new: ConsentState) -> ConsentState {
        guard var merged = current else { return new }
        merged.grantedAppRoleIds.formUnion(new.grantedAppRoleIds)
        merged.adminConsentedScopes.formUnion(new.adminConsentedScopes)
        merged.userConsentedScopes.formUnion(new.userConsentedScopes)
        merged.hasAppRoleAssignments = merged.hasAppRoleAssignments || new.hasAppRoleAssignments
        merged.hasPermissionGrants = merged.hasPermissionGrants || new.hasPermissionGrants
        return merged
    }

    // MARK: the inventory

    /// Adds the tenant-level problems: at most one of empty folder, folder of tenants, nothing
    /// recognised, no manifest. None while a file is unreadable (it may be the manifest: fix it
    /// first), none when a manifest was read.
    static func inventory(_ bundle: TenantBundle, path: String, listing: Listing) -> TenantBundle {
        var bundle = bundle
        guard bundle.manifest == nil, !bundle.problems.contains(where: { $0.kind == .unreadable }) else { return bundle }
        // Suppressions alone are nothing to audit.
        let recognised = bundle.inputs.filter { ![.unrecognised, .unreadable, .suppressions].contains($0.kind) }
        if !recognised.isEmpty {
            let found = Array(Set(recognised.map { article($0.kind) })).sorted().joined(separator: ", ")
            bundle.problems.append(InputProblem(path: path, kind: .noManifest,
                detail: "no app manifest among the inputs (found: \(found)); the registration cannot be audited"))
        } else if listing.isFolder && listing.files.isEmpty && listing.folders.isEmpty {
            bundle.problems.append(InputProblem(path: path, kind: .emptyFolder,
                detail: "the folder is empty (hidden files are not read); nothing to audit"))
        } else if listing.isFolder && !listing.folders.isEmpty {
            let count = listing.folders.count
            bundle.problems.append(InputProblem(path: path, kind: .folderOfTenants,
                detail: "holds \(count) folder\(count == 1 ? "" : "s") and no input of its own; a tenant is one folder (did you mean: \(eachFolderCommand(path)))"))
        } else if listing.isFolder {
            let count = listing.files.count
            bundle.problems.append(InputProblem(path: path, kind: .nothingRecognised,
                detail: "none of its \(count) file\(count == 1 ? " is" : "s is") a manifest, notification sheet, consent export, MailGates settings or OAuth error; nothing to audit"))
        } else {
            // A one-file tenant that is none of ours: one problem, not a warning and an error.
            bundle.problems.removeAll { $0.kind == .unrecognised && $0.path == path }
            bundle.problems.append(InputProblem(path: path, kind: .nothingRecognised,
                detail: "not a manifest, notification sheet, consent export, MailGates settings or OAuth error; nothing to audit"))
        }
        return bundle
    }
}

/// Standard input, read at most once per process (bounded by `TextDecoding.readStandardInput`):
/// `check A B --sheet -` gives every tenant the same sheet.
final class StandardInputOnce: @unchecked Sendable {
    static let shared = StandardInputOnce { try TextDecoding.readStandardInput(path: StandardInputOnce.path) }
    static let path = "<stdin>"
    private let lock = NSLock()
    private let reader: @Sendable () throws -> Data
    private var result: Result<Data, InputError>?

    init(reader: @escaping @Sendable () throws -> Data) { self.reader = reader }

    func data() -> Result<Data, InputError> {
        lock.lock()
        defer { lock.unlock() }
        if let result { return result }
        let read: Result<Data, InputError>
        do { read = .success(try reader()) } catch let error as InputError {
            read = .failure(error)
        } catch {
            read = .failure(InputError(path: Self.path, problem: "cannot be read (\(error))"))
        }
        result = read
        return read
    }
}
