// swift-tools-version: 6.0
// libFuzzer targets for MGAuditCore's parsers, kept out of the root package so that `swift build`
// and `swift test` at the root are unaffected. Build (see README.md):
//   swift build -c debug -Xswiftc -sanitize=fuzzer,address --package-path Fuzz
import PackageDescription

/// One libFuzzer executable per parser. The directory under Sources/ is the target name that
/// `run.sh` and `Fuzz/regressions/` use.
let fuzzTargets = [
    "manifest",     // app manifest JSON, Microsoft Graph and Azure AD Graph formats
    "graphps",      // Graph PowerShell `Get-MgApplication | ConvertTo-Json` (same entry, other seeds)
    "consent",      // appRoleAssignments / oauth2PermissionGrants JSON
    "settings",     // MailGates settings YAML/JSON/pasted lines
    "sheet-text",   // notification sheet, text (UTF-8 / Shift_JIS)
    "sheet-html",   // notification sheet, HTML
    "sheet-xlsx",   // notification sheet, XLSX workbook
    "sheet-yaml",   // notification sheet, YAML/JSON form
    "triage",       // OAuth error text / redirect URL / page / log
    "rulepack",     // rule pack YAML (loader and YAML decoding)
]

let package = Package(
    name: "mgaudit-fuzz",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "mgaudit", path: ".."),
    ],
    targets: [
        .target(name: "FuzzDriver", path: "Sources/FuzzDriver"),
    ] + fuzzTargets.map { name in
        .executableTarget(
            name: "fuzz-\(name)",
            dependencies: ["FuzzDriver", .product(name: "MGAuditCore", package: "mgaudit")],
            path: "Sources/\(name)",
            // The Swift file exports `LLVMFuzzerTestOneInput` and `<module>_main` via `@_cdecl` and
            // has no top-level code, so it must not get a synthesised `main`; libFuzzer drives it.
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        )
    }
)
