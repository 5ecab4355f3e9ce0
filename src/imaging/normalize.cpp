#include "imaging/normalize.h"

#include "imaging/widen.h"

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#endif

namespace mtcnn {

void NormalizeBytes(const uint8_t* in, size_t n, float* out) noexcept {
  // Widened to float first (exact), then (v - 127.5) * 2^-7 in float32: both steps exact.
  WidenToFloat(in, n, out);
  size_t i = 0;
#if defined(__wasm_simd128__)
  const v128_t mid = wasm_f32x4_splat(127.5f), scale = wasm_f32x4_splat(0.0078125f);
  for (; i + 4 <= n; i += 4)
    wasm_v128_store(out + i, wasm_f32x4_mul(wasm_f32x4_sub(wasm_v128_load(out + i), mid), scale));
#endif
  for (; i < n; ++i) out[i] = static_cast<float>(Normalize(out[i]));
}

void NormalizeDoubles(const double* in, size_t n, float* out) noexcept {
  size_t i = 0;
#if defined(__wasm_simd128__)
  // The same float64 subtraction and multiplication, two lanes at a time, then each
  // result rounded to float32 (f32x4.demote_f64x2_zero, round to nearest even, as the cast).
  const v128_t mid = wasm_f64x2_splat(127.5), scale = wasm_f64x2_splat(0.0078125);
  for (; i + 4 <= n; i += 4) {
    const v128_t lo = wasm_f64x2_mul(wasm_f64x2_sub(wasm_v128_load(in + i), mid), scale);
    const v128_t hi = wasm_f64x2_mul(wasm_f64x2_sub(wasm_v128_load(in + i + 2), mid), scale);
    wasm_v128_store(out + i, wasm_i32x4_shuffle(wasm_f32x4_demote_f64x2_zero(lo),
                                                wasm_f32x4_demote_f64x2_zero(hi), 0, 1, 4, 5));
  }
#endif
  for (; i < n; ++i) out[i] = static_cast<float>(Normalize(in[i]));
}

}  // namespace mtcnn
