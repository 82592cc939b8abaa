import Foundation
import Testing
@testable import MGAuditCore

/// `loadForCheck`: a tenant that cannot be audited as given is a typed problem that fails the run,
/// never an all-clear.
@Suite struct InputInventoryTests {
    static let manifest = Data(#"{"appId":"x","displayName":"MAILGATES Σ","web":{"redirectUris":[]}}"#.utf8)
    static let sheet = Data("Microsoft 365_リダイレクトURI1：https://abc-mgf.cybermail.jp/mg-cgi/mg_oauth\n".utf8)

    static func kinds(_ bundle: TenantBundle) -> [InputProblem.Kind] { bundle.problems.map(\.kind) }

    @Test func emptyFolder() throws {
        let folder = try TenantLoaderTests.temporaryFolder([".DS_Store": Data("x".utf8)])
        let bundle = try TenantLoader.loadForCheck(path: folder.path)
        #expect(Self.kinds(bundle) == [.emptyFolder])
        #expect(bundle.problems.allSatisfy { $0.failsTheRun })
        // triage's loader adds no inventory: a sheet alone is fine there.
        #expect(try TenantLoader.load(path: folder.path).problems.isEmpty)
    }

    @Test func folderOfTenantFoldersSaysWhatWasMeant() throws {
        let fleet = try TenantLoaderTests.temporaryFolder([:])
        for name in ["tenant-a", "tenant-b"] {
            try FileManager.default.createDirectory(at: fleet.appendingPathComponent(name), withIntermediateDirectories: true)
            try Self.manifest.write(to: fleet.appendingPathComponent("\(name)/manifest.json"))
        }
        let bundle = try TenantLoader.loadForCheck(path: fleet.path + "/")
        #expect(Self.kinds(bundle) == [.folderOfTenants])
        #expect(bundle.problems.first?.detail.hasSuffix("(did you mean: mgaudit check \(fleet.path)/*)") == true)
        #expect(TenantLoader.eachFolderCommand("my fleet/") == "mgaudit check 'my fleet'/*")
        #expect(TenantLoader.eachFolderCommand("fleet") == "mgaudit check fleet/*")
    }

    @Test func sheetButNoManifest() throws {
        let folder = try TenantLoaderTests.temporaryFolder(["開通通知書.txt": Self.sheet])
        let bundle = try TenantLoader.loadForCheck(path: folder.path)
        #expect(Self.kinds(bundle) == [.noManifest])
        #expect(bundle.problems.first?.detail.contains("found: a notification sheet") == true)
    }

    @Test func nothingRecognisedInAFolderAndInAFile() throws {
        let folder = try TenantLoaderTests.temporaryFolder(["a.txt": Data("memo".utf8), "b.txt": Data("memo 2".utf8)])
        #expect(Self.kinds(try TenantLoader.loadForCheck(path: folder.path)) == [.unrecognised, .unrecognised, .nothingRecognised])
        // A one-file tenant: one problem, not a warning and an error about the same file.
        #expect(Self.kinds(try TenantLoader.loadForCheck(path: folder.appendingPathComponent("a.txt").path)) == [.nothingRecognised])
    }

    @Test func anUnreadableFileIsReportedAloneAndAManifestNeedsNoInventory() throws {
        let folder = try TenantLoaderTests.temporaryFolder(["m.json": Data(#"{"appId": "x", "web": {"#.utf8), "s.txt": Self.sheet])
        #expect(Self.kinds(try TenantLoader.loadForCheck(path: folder.path)) == [.unreadable])
        let good = try TenantLoaderTests.temporaryFolder(["m.json": Self.manifest, "notes.txt": Data("memo".utf8)])
        let bundle = try TenantLoader.loadForCheck(path: good.path)
        #expect(Self.kinds(bundle) == [.unrecognised])
        #expect(!bundle.problems.contains { $0.failsTheRun })
    }

    @Test func explicitSheetThatIsNotASheet() throws {
        let folder = try TenantLoaderTests.temporaryFolder([
            "m.json": Self.manifest, "x.docx": Data([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00]) + Data(count: 64),
            "s.txt": Self.sheet,
        ])
        let tenant = try TenantLoaderTests.temporaryFolder(["manifest.json": Self.manifest])
        func load(_ file: String) throws -> TenantBundle {
            try TenantLoader.loadForCheck(path: tenant.path, explicit: [
                .read(folder.appendingPathComponent(file).path, as: .notificationSheet, option: "--sheet"),
            ])
        }
        let manifestAsSheet = try load("m.json")
        #expect(Self.kinds(manifestAsSheet) == [.explicitUnusable])
        #expect(manifestAsSheet.problems.first?.found == .manifestMicrosoftGraph)
        #expect(manifestAsSheet.problems.first?.detail.contains("given with --sheet as the notification sheet, but it is an app manifest") == true)
        #expect(manifestAsSheet.manifest?.appId == "x")
        #expect(manifestAsSheet.inputs.first?.kind == .unrecognised)
        let broken = try load("x.docx")
        #expect(broken.sheet == nil && !broken.problems.isEmpty && broken.problems.allSatisfy { $0.failsTheRun })
        // A real Word file holding the sheet's text: before, a warning, and the sheet checks silently did not run.
        let word = try #require(Bundle.module.url(forResource: "Fixtures/sheets/notification", withExtension: "docx"))
        let docx = try TenantLoader.loadForCheck(path: tenant.path, explicit: [.read(word.path, as: .notificationSheet, option: "--sheet")])
        #expect(Self.kinds(docx) == [.explicitUnusable])
        #expect(docx.problems.first?.detail == "given with --sheet as the notification sheet, but it is not one (no known input format)")
        let missing = try load("none.txt")
        #expect(Self.kinds(missing) == [.explicitUnusable] && missing.problems.first?.found == .unreadable)
        let sheet = try load("s.txt")
        #expect(sheet.problems.isEmpty && sheet.sheet != nil)
    }

    @Test func inventoryRulesAreErrorsWithEveryPlaceholderFilled() throws {
        let pack = try RulePackLoader.load(directory: TenantLoaderTests.root.appendingPathComponent("rules"))
        let engine = try RuleEngine(pack: pack)
        let fleet = try TenantLoaderTests.temporaryFolder([:])
        try FileManager.default.createDirectory(at: fleet.appendingPathComponent("t1"), withIntermediateDirectories: true)
        let asOf = try #require(EntraDate.parse("2026-12-01"))
        let findings = engine.audit(try TenantLoader.loadForCheck(path: fleet.path), asOf: asOf)
        let finding = try #require(findings.first { $0.rule == "input-folder-of-tenants" })
        #expect(finding.severity == .error)
        #expect(finding.message.en.contains("run mgaudit check \(fleet.path)/*"))
        #expect(finding.message.ja.contains("mgaudit check \(fleet.path)/* と指定してください"))
    }

    @Test func fifosAndDevicesInAFolderAreNeverOpened() throws {
        let folder = try TenantLoaderTests.temporaryFolder(["manifest.json": Self.manifest])
        #expect(mkfifo(folder.appendingPathComponent("pipe").path, 0o600) == 0)
        let listing = try TenantLoader.list(folder: folder.path)
        #expect(listing.files == ["manifest.json"])
        #expect(try TenantLoader.loadForCheck(path: folder.path).problems.isEmpty)
    }

    @Test func listingIsSortedAndSplitsFilesFromFolders() throws {
        let folder = try TenantLoaderTests.temporaryFolder(["b": Data(), "a": Data(), ".hidden": Data()])
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("c-link").path, withDestinationPath: folder.appendingPathComponent("a").path)
        let listing = try TenantLoader.list(folder: folder.path)
        #expect(listing.files == ["a", "b", "c-link"])
        #expect(listing.folders == ["sub"])
    }

    @Test func standardInputIsReadOnceForEveryTenant() throws {
        final class Counter: @unchecked Sendable { var reads = 0 }
        let counter = Counter()
        let stdin = StandardInputOnce { counter.reads += 1; return InputInventoryTests.sheet }
        for _ in 0..<3 { #expect(try stdin.data().get() == Self.sheet) }
        #expect(counter.reads == 1)
        // `-` is named <stdin> and checked in its role like a file.
        let tenant = try TenantLoaderTests.temporaryFolder(["manifest.json": Self.manifest])
        let input = TenantLoader.ExplicitInput(path: StandardInputOnce.path, role: .notificationSheet, option: "--sheet",
                                               content: stdin.data())
        let bundle = try TenantLoader.loadForCheck(path: tenant.path, explicit: [input])
        #expect(bundle.sheet?.uri1 == "https://abc-mgf.cybermail.jp/mg-cgi/mg_oauth")
        #expect(bundle.inputs.map(\.path).first == "<stdin>")
    }
}

@Suite struct ConsentFieldTests {
    @Test func wrongTypesInConsentExportsAreNamed() throws {
        let folder = try TenantLoaderTests.temporaryFolder([
            "manifest.json": InputInventoryTests.manifest,
            "roles.json": Data(#"{"value":[{"appRoleId":"DF021288-bdef-4463-88db-98f22de89214"},{"appRoleId":5}]}"#.utf8),
            "grants.json": Data(#"[{"consentType":"AllPrincipals","scope":"User.Read"},{"consentType":1,"scope":"User.Read.All"}]"#.utf8),
        ])
        let bundle = try TenantLoader.loadForCheck(path: folder.path)
        // Before: the unreadable items were dropped silently and read as "not consented".
        #expect(bundle.problems.map(\.detail) == ["[1].consentType: not a string (a number): '1'",
                                                   "value[1].appRoleId: not a string (a number): '5'"])
        #expect(bundle.problems.map(\.path) == [folder.path + "/grants.json", folder.path + "/roles.json"])
        #expect(bundle.consent?.grantedAppRoleIds == ["df021288-bdef-4463-88db-98f22de89214"])
        #expect(bundle.consent?.adminConsentedScopes == ["User.Read"] && bundle.consent?.userConsentedScopes == [])
        #expect(bundle.consent?.fieldProblems == [])
    }
}

/// Measures listing and reading a large folder: `MGAUDIT_PERF_FOLDER=/tmp/f100k/tenant swift test
/// --filter LargeFolderTests` (a folder made by the caller; skipped without it).
@Suite struct LargeFolderTests {
    static let folder = ProcessInfo.processInfo.environment["MGAUDIT_PERF_FOLDER"]

    @Test(.enabled(if: folder != nil)) func listAndReadEveryFile() throws {
        let folder = try #require(Self.folder)
        let clock = ContinuousClock()
        var bytes = 0
        let elapsed = try clock.measure {
            let listing = try TenantLoader.list(folder: folder)
            for name in listing.files { bytes += try TextDecoding.readData(path: folder + "/" + name).count }
            #expect(listing.files.count > 0)
        }
        // 100,000 files of 19 bytes: 3.5 s in a debug build on a shared 2-core machine.
        #expect(elapsed < .seconds(10), "listing and reading \(bytes) bytes took \(elapsed)")
    }
}
