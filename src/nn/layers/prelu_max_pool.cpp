#include "nn/layers/prelu_max_pool.h"

#include <algorithm>
#include <cstring>

#include "mtcnn/errors.h"
#include "nn/layers/prelu_rule.h"
#include "nn/layout.h"

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#endif

namespace mtcnn {

PReluMaxPool::PReluMaxPool(const Tensor& alpha, size_t kernel, size_t stride)
    : channels_(alpha.data.size()), kernel_(kernel), stride_(stride), slopes_(alpha.data) {
  // The vector loop takes channels four at a time, the last four again for a remainder.
  if (channels_ < 4)
    throw Error(ErrorKind::kInternal, "PReLU and max pooling need at least 4 channels");
}

namespace {

#if defined(MTCNN_PRELU_VECTORS)
using F4 = prelu_rule::Floats4;

F4 Load(const float* p) {
  F4 v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

// Lane-wise max and min (wasm's pmax/pmin: one instruction each, where f32x4.max/min
// spend several on rules for NaN, which cannot arise here, and for +0 against -0, which
// no later layer can tell apart).
F4 Max(F4 a, F4 b) {
#if defined(__wasm_simd128__)
  return reinterpret_cast<F4>(
      wasm_f32x4_pmax(reinterpret_cast<v128_t>(a), reinterpret_cast<v128_t>(b)));
#else
  return prelu_rule::Select(b < a, a, b);
#endif
}
F4 Min(F4 a, F4 b) {
#if defined(__wasm_simd128__)
  return reinterpret_cast<F4>(
      wasm_f32x4_pmin(reinterpret_cast<v128_t>(a), reinterpret_cast<v128_t>(b)));
#else
  return prelu_rule::Select(b < a, b, a);
#endif
}

// Channels [c, c + 4) of a window of rows x cols pixels. Inlined into its callers, so that
// for whole windows (rows and cols the kernel size, known at compile time) the loop is
// unrolled, which otherwise spends as much time steering as the taps take.
inline __attribute__((always_inline)) F4 WindowOf(const float* in, size_t row_stride,
                                                  size_t pixel_stride, size_t rows, size_t cols,
                                                  size_t c, F4 slope) {
  F4 hi = Load(in + c), lo = hi;
  for (size_t y = 0; y < rows; ++y) {
    for (size_t x = 0; x < cols; ++x) {
      const F4 v = Load(in + y * row_stride + x * pixel_stride + c);
      hi = Max(hi, v);
      lo = Min(lo, v);
    }
  }
  return Max(prelu_rule::Apply(hi, slope), prelu_rule::Apply(lo, slope));
}

template <size_t K>
F4 FullWindowOf(const float* in, size_t row_stride, size_t pixel_stride, size_t c, F4 slope) {
  return WindowOf(in, row_stride, pixel_stride, K, K, c, slope);
}

F4 PartWindowOf(const float* in, size_t row_stride, size_t pixel_stride, size_t rows, size_t cols,
                size_t c, F4 slope) {
  return WindowOf(in, row_stride, pixel_stride, rows, cols, c, slope);
}
#endif

}  // namespace

void PReluMaxPool::Run(const float* in, float* out, size_t n, size_t h, size_t w) const {
  const size_t c = channels_, oh = CaffePoolSize(h, kernel_, stride_),
               ow = CaffePoolSize(w, kernel_, stride_);
  const size_t row_stride = w * c;
  for (size_t i = 0; i < n; ++i) {
    const float* image = in + i * h * row_stride;
    for (size_t oy = 0; oy < oh; ++oy) {
      const size_t y0 = oy * stride_, rows = std::min(kernel_, h - y0);
      for (size_t ox = 0; ox < ow; ++ox) {
        const size_t x0 = ox * stride_, cols = std::min(kernel_, w - x0);
        const float* window = image + y0 * row_stride + x0 * c;
        float* dst = out + ((i * oh + oy) * ow + ox) * c;
#if defined(MTCNN_PRELU_VECTORS)
        // Four channels at a time; a last partial group is the last four channels again
        // (every layer here has at least four).
        for (size_t k = 0; k < c; k += 4) {
          const size_t at = std::min(k, c - 4);
          const F4 slope = Load(slopes_.data() + at);
          F4 v;
          if (rows == kernel_ && cols == kernel_ && kernel_ == 3) {
            v = FullWindowOf<3>(window, row_stride, c, at, slope);
          } else if (rows == kernel_ && cols == kernel_ && kernel_ == 2) {
            v = FullWindowOf<2>(window, row_stride, c, at, slope);
          } else {
            v = PartWindowOf(window, row_stride, c, rows, cols, at, slope);
          }
          std::memcpy(dst + at, &v, sizeof v);
        }
#else
        for (size_t k = 0; k < c; ++k) {
          float hi = window[k], lo = hi;
          for (size_t y = 0; y < rows; ++y) {
            for (size_t x = 0; x < cols; ++x) {
              const float v = window[y * row_stride + x * c + k];
              hi = std::max(hi, v);
              lo = std::min(lo, v);
            }
          }
          dst[k] = std::max(prelu_rule::Apply(hi, slopes_[k]), prelu_rule::Apply(lo, slopes_[k]));
        }
#endif
      }
    }
  }
}

}  // namespace mtcnn
