#ifndef MGAUDIT_FUZZ_DRIVER_H
#define MGAUDIT_FUZZ_DRIVER_H

#include <stddef.h>
#include <stdint.h>

/// libFuzzer's driver (compiler-rt, linked by -sanitize=fuzzer). SwiftPM links a debug executable
/// with `main` renamed to `<module>_main`; each target defines that function and hands over here.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
