// The reference's network input normalisation, (v - 127.5) * 0.0078125 rounded to float32,
// over arrays: pyramid levels (bytes) and crops (float64 resize results).
//
// Written as explicit vectors in the SIMD builds: clang's own vectorisation of the obvious
// loops extracts and reinserts every lane (about 30 instructions per four values).
#pragma once

#include <cstddef>
#include <cstdint>

namespace mtcnn {

inline double Normalize(double v) { return (v - 127.5) * 0.0078125; }

// out[i] = float(Normalize(in[i])). For bytes this is exact in float32 too (v - 127.5 needs
// nine bits, the scale is a power of two), so the vectors compute it in float32.
void NormalizeBytes(const uint8_t* in, size_t n, float* out) noexcept;
void NormalizeDoubles(const double* in, size_t n, float* out) noexcept;

}  // namespace mtcnn
