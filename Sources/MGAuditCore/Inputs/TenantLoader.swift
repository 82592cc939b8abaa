import Foundation

/// Builds tenant bundles from paths: a folder is one tenant (named after the folder), a file is a
/// one-file tenant (named after the file). Broken files become `problems`, never a stop.
public enum TenantLoader {
    /// Loads one tenant. Throws only when a path itself does not exist or cannot be listed.
    /// `extraFiles` (e.g. `--sheet FILE`) are read first, so they win over a file of the same kind
    /// inside the folder.
    public static func load(path: String, extraFiles: [String] = []) throws -> TenantBundle {
        for file in extraFiles where !FileManager.default.fileExists(atPath: file) {
            throw InputError(path: file, problem: "no such file")
        }
        let url = URL(fileURLWithPath: path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw InputError(path: path, problem: "no such file or folder")
        }
        let files: [String]
        let name: String
        if isDirectory.boolValue {
            files = try listFiles(in: url, displayPath: path)
            name = url.standardizedFileURL.lastPathComponent
        } else {
            files = [path]
            name = url.deletingPathExtension().lastPathComponent
        }
        var bundle = TenantBundle(name: name)
        for file in extraFiles + files.filter({ !extraFiles.contains($0) }) {
            add(file: file, to: &bundle)
        }
        return bundle
    }

    /// Regular, non-hidden files directly inside the folder, sorted for deterministic output.
    static func listFiles(in folder: URL, displayPath: String) throws -> [String] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        } catch {
            throw InputError(path: displayPath, problem: "folder cannot be listed")
        }
        let base = displayPath.hasSuffix("/") ? displayPath : displayPath + "/"
        return names.filter { !$0.hasPrefix(".") }.sorted().compactMap { name in
            var isDirectory: ObjCBool = false
            let full = folder.appendingPathComponent(name).path
            guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue else { return nil }
            return base + name
        }
    }

    static func add(file: String, to bundle: inout TenantBundle) {
        let parsed: (InputKind, InputSniffer.Parsed)?
        do {
            let data = try TextDecoding.readData(URL(fileURLWithPath: file))
            parsed = try InputSniffer.parse(data, path: file)
        } catch let error as InputError {
            bundle.inputs.append(InputFile(path: file, kind: .unreadable))
            bundle.problems.append(InputProblem(path: file, kind: .unreadable, detail: error.problem))
            return
        } catch {
            bundle.inputs.append(InputFile(path: file, kind: .unreadable))
            bundle.problems.append(InputProblem(path: file, kind: .unreadable, detail: "\(error)"))
            return
        }
        guard let (kind, value) = parsed else {
            bundle.inputs.append(InputFile(path: file, kind: .unrecognised))
            bundle.problems.append(InputProblem(path: file, kind: .unrecognised,
                detail: "not a manifest, notification sheet, consent export, MailGates settings or OAuth error"))
            return
        }
        bundle.inputs.append(InputFile(path: file, kind: kind))
        switch value {
        case .manifest(let app):
            if bundle.manifest == nil { bundle.manifest = app } else { duplicate(file, "app manifest", &bundle) }
        case .sheet(let sheet):
            if bundle.sheet == nil { bundle.sheet = sheet } else { duplicate(file, "notification sheet", &bundle) }
        case .settings(let settings):
            if bundle.settings == nil { bundle.settings = settings } else { duplicate(file, "MailGates settings file", &bundle) }
        case .consent(_, let state):
            bundle.consent = merge(bundle.consent, state)
        case .servicePrincipal, .errorText:
            break
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
}
