import FuzzDriver
import Foundation
import MGAuditCore

/// The permission catalog the pack is checked against: the bundled one from the repository's
/// rules/ folder (this file is Fuzz/Sources/rulepack/FuzzRulePack.swift), or an empty catalog when
/// it cannot be read, so that the pack itself is always what is fuzzed.
let catalog: PermissionCatalog = {
    let rules = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("rules")
    return (try? PermissionCatalog.load(directory: rules)) ?? PermissionCatalog(resources: [])
}()

/// The library call under test: the rule pack loader, which decodes the YAML text (YAMLFile) and
/// validates every rule. Thrown errors are fine; only traps, hangs, leaks and memory blow-ups count.
func fuzzOne(_ data: Data) {
    guard let text = try? TextDecoding.decode(data, path: "fuzz-rulepack.yaml", allowShiftJIS: false).text else { return }
    _ = try? RulePackLoader.parse(text: text, path: "fuzz-rulepack.yaml", catalog: catalog)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let bytes, count > 0 else { return 0 }
    fuzzOne(Data(bytes: bytes, count: count))
    return 0
}

/// `main` of a SwiftPM debug build (linked as `main=fuzz_rulepack_main`): runs libFuzzer's driver.
@_cdecl("fuzz_rulepack_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv, fuzzerTestOneInput)
}
