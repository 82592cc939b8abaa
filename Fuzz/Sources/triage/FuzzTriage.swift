import FuzzDriver
import Foundation
import MGAuditCore

/// The library call under test: the triage parser, on the text the CLI would decode from the bytes.
/// Thrown errors (undecodable bytes, no OAuth error found) are fine; only traps, hangs, leaks and
/// memory blow-ups count.
func fuzzOne(_ data: Data) {
    guard let text = try? TextDecoding.decode(data, path: "fuzz-triage.txt").text else { return }
    _ = try? OAuthErrorParser.parse(text, source: "fuzz-triage.txt")
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let bytes, count > 0 else { return 0 }
    fuzzOne(Data(bytes: bytes, count: count))
    return 0
}

/// `main` of a SwiftPM debug build (linked as `main=fuzz_triage_main`): runs libFuzzer's driver.
@_cdecl("fuzz_triage_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv, fuzzerTestOneInput)
}
