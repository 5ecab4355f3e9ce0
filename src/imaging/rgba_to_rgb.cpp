#include "imaging/rgba_to_rgb.h"

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#endif

namespace mtcnn {

void RgbaToRgb(const uint8_t* rgba, size_t pixels, uint8_t* rgb) noexcept {
  size_t i = 0;
#if defined(__wasm_simd128__)
  // Pixels 16i .. 16i+15 in v0..v3 (four each); out0..out2 are RGB bytes 0-15, 16-31 and
  // 32-47 of those pixels. Shuffle indices 0-15 pick from the first operand, 16-31 from
  // the second.
  for (; i + 16 <= pixels; i += 16) {
    const uint8_t* in = rgba + 4 * i;
    uint8_t* out = rgb + 3 * i;
    const v128_t v0 = wasm_v128_load(in), v1 = wasm_v128_load(in + 16);
    const v128_t v2 = wasm_v128_load(in + 32), v3 = wasm_v128_load(in + 48);
    wasm_v128_store(
        out, wasm_i8x16_shuffle(v0, v1, 0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, 16, 17, 18, 20));
    wasm_v128_store(out + 16, wasm_i8x16_shuffle(v1, v2, 5, 6, 8, 9, 10, 12, 13, 14, 16, 17, 18, 20,
                                                 21, 22, 24, 25));
    wasm_v128_store(out + 32, wasm_i8x16_shuffle(v2, v3, 10, 12, 13, 14, 16, 17, 18, 20, 21, 22, 24,
                                                 25, 26, 28, 29, 30));
  }
#endif
  for (; i < pixels; ++i) {
    rgb[3 * i + 0] = rgba[4 * i + 0];
    rgb[3 * i + 1] = rgba[4 * i + 1];
    rgb[3 * i + 2] = rgba[4 * i + 2];
  }
}

}  // namespace mtcnn
