#ifndef COWRITE_FUZZER_DRIVER_H
#define COWRITE_FUZZER_DRIVER_H
#include <stddef.h>
#include <stdint.h>

/// libFuzzer's driver, for programs that own `main` (SwiftPM names the executable's
/// entry point itself, so libFuzzer's own `main` is not used). Present only in builds
/// with -sanitize=fuzzer.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
