import FuzzDriver
import Foundation
import MGAuditCore

/// The library call under test (consent export JSON): the input sniffer, the stable public entry that
/// recognises the file by its content and runs its one parser. Thrown errors are fine (a broken
/// input is reported, not a crash); only traps, hangs, leaks and memory blow-ups count.
func fuzzOne(_ data: Data) {
    _ = try? InputSniffer.parse(data, path: "fuzz-consent.json")
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let bytes, count > 0 else { return 0 }
    fuzzOne(Data(bytes: bytes, count: count))
    return 0
}

/// `main` of a SwiftPM debug build (linked as `main=fuzz_consent_main`): runs libFuzzer's driver.
@_cdecl("fuzz_consent_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv, fuzzerTestOneInput)
}
