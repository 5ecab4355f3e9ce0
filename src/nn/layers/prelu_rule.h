// The PReLU rule, y = x where x is non-negative and x * slope where it is negative, as
// XNNPACK's kernels apply it: in vectors (native and WebAssembly SIMD) the sign bit picks,
// so -0 takes the product; the plain WebAssembly build, which runs XNNPACK's scalar
// kernel, compares with 0 instead. One definition for PRelu and PReluMaxPool, so that the
// fused layer gives exactly what PRelu does.
#pragma once

#include <cmath>
#include <cstdint>

namespace mtcnn {
namespace prelu_rule {

#if !defined(__wasm__) || defined(__wasm_simd128__)
#define MTCNN_PRELU_VECTORS 1
typedef float Floats4 __attribute__((vector_size(16)));
typedef int32_t Ints4 __attribute__((vector_size(16)));

// Lane by lane, a where mask is all ones, b where it is zero.
inline Floats4 Select(Ints4 mask, Floats4 a, Floats4 b) {
  return reinterpret_cast<Floats4>((mask & reinterpret_cast<Ints4>(a)) |
                                   (~mask & reinterpret_cast<Ints4>(b)));
}

inline Floats4 Apply(Floats4 x, Floats4 slope) {
  return Select(reinterpret_cast<Ints4>(x) >> 31, x * slope,
                x);  // all ones where the sign bit is set
}
#endif

inline float Apply(float x, float slope) {
#if defined(MTCNN_PRELU_VECTORS)
  return std::signbit(x) ? x * slope : x;
#else
  return x < 0.0f ? x * slope : x;
#endif
}

}  // namespace prelu_rule
}  // namespace mtcnn
