// Exact uint8 -> float / double widening of a row of samples (out[i] = in[i]).
//
// The resize converts every source sample before it multiplies (as OpenCV does), once per
// pyramid level and crop. V8 compiles the obvious loop, and clang's extend-based SIMD
// for it, to several times the native time; in the SIMD builds a byte shuffle into 32-bit
// lanes followed by one int -> float conversion per four samples is about twice as fast
// as either.
#pragma once

#include <cstddef>
#include <cstdint>

namespace mtcnn {

void WidenToFloat(const uint8_t* in, size_t n, float* out) noexcept;
void WidenToDouble(const uint8_t* in, size_t n, double* out) noexcept;

}  // namespace mtcnn
