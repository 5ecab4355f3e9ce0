// The detector's hard limits. The JavaScript package checks the same numbers before it loads
// a WebAssembly module (each WebAssembly build writes them to web/dist/limits.mjs, read from
// this file by CMake, so keep each a plain `name = integer;`).
#pragma once

#include <cstdint>

namespace mtcnn {

// Threads one detector computes on.
inline constexpr int kMaxThreads = 64;
// Pixels of an image, and of its first pyramid level: past this an input is refused with
// kResourceLimit rather than risking an out-of-memory abort (a WebAssembly heap cannot
// exceed 4 GiB). 2^27.
inline constexpr int64_t kMaxImagePixels = 134217728;

}  // namespace mtcnn
