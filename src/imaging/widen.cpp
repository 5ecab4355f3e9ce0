#include "imaging/widen.h"

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#endif

namespace mtcnn {

#if defined(__wasm_simd128__)
namespace {

// Bytes 4q .. 4q+3 of a 16-byte vector as four 32-bit integers (the other bytes zero). The
// masks are constants in the code, not a static table: under -pthread a function-local
// static gets a thread-safe initialisation guard, an atomic load on every use, which would
// make the threads build's widening several times slower than the SIMD build's.
inline v128_t BytesToLanes(v128_t bytes, int quarter) noexcept {
  switch (quarter) {
    case 0:
      return wasm_i8x16_swizzle(
          bytes, wasm_i8x16_const(0, -1, -1, -1, 1, -1, -1, -1, 2, -1, -1, -1, 3, -1, -1, -1));
    case 1:
      return wasm_i8x16_swizzle(
          bytes, wasm_i8x16_const(4, -1, -1, -1, 5, -1, -1, -1, 6, -1, -1, -1, 7, -1, -1, -1));
    case 2:
      return wasm_i8x16_swizzle(
          bytes, wasm_i8x16_const(8, -1, -1, -1, 9, -1, -1, -1, 10, -1, -1, -1, 11, -1, -1, -1));
    default:
      return wasm_i8x16_swizzle(
          bytes, wasm_i8x16_const(12, -1, -1, -1, 13, -1, -1, -1, 14, -1, -1, -1, 15, -1, -1, -1));
  }
}

}  // namespace
#endif

void WidenToFloat(const uint8_t* in, size_t n, float* out) noexcept {
  size_t i = 0;
#if defined(__wasm_simd128__)
  for (; i + 16 <= n; i += 16) {
    const v128_t bytes = wasm_v128_load(in + i);
    for (int q = 0; q < 4; ++q)
      wasm_v128_store(out + i + 4 * q, wasm_f32x4_convert_i32x4(BytesToLanes(bytes, q)));
  }
#endif
  for (; i < n; ++i) out[i] = in[i];
}

void WidenToDouble(const uint8_t* in, size_t n, double* out) noexcept {
  size_t i = 0;
#if defined(__wasm_simd128__)
  for (; i + 16 <= n; i += 16) {
    const v128_t bytes = wasm_v128_load(in + i);
    for (int q = 0; q < 4; ++q) {
      const v128_t ints = BytesToLanes(bytes, q);
      wasm_v128_store(out + i + 4 * q, wasm_f64x2_convert_low_i32x4(ints));
      wasm_v128_store(out + i + 4 * q + 2,
                      wasm_f64x2_convert_low_i32x4(wasm_i32x4_shuffle(ints, ints, 2, 3, 2, 3)));
    }
  }
#endif
  for (; i < n; ++i) out[i] = in[i];
}

}  // namespace mtcnn
