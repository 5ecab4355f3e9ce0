#include "prelu.h"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <numeric>

namespace mtcnn {

PRelu::PRelu(const Tensor& alpha) : channels_(alpha.data.size()) {
  period_ = std::lcm(channels_, size_t{4});
  slopes_.resize(period_ + 4);
  for (size_t i = 0; i < slopes_.size(); ++i) slopes_[i] = alpha.data[i % channels_];
}

namespace {

inline float PReluOne(float x, float slope) {
#if defined(__wasm__) && !defined(__wasm_simd128__)
  return x < 0.0f ? x * slope : x;
#else
  return std::signbit(x) ? x * slope : x;
#endif
}

}  // namespace

void PRelu::Run(const float* x, float* y, size_t rows, pthreadpool_t) {
  const size_t n = rows * channels_;
  const float* slopes = slopes_.data();
  size_t i = 0, k = 0;  // k: the position of x[i] in the slope pattern
#if !defined(__wasm__) || defined(__wasm_simd128__)
  typedef float F4 __attribute__((vector_size(16)));
  typedef int32_t I4 __attribute__((vector_size(16)));
  for (; i + 4 <= n; i += 4) {
    F4 v, a;
    std::memcpy(&v, x + i, sizeof v);
    std::memcpy(&a, slopes + k, sizeof a);
    const I4 product = reinterpret_cast<I4>(v * a);
    const I4 negative = reinterpret_cast<I4>(v) >> 31;  // all ones where the sign bit is set
    const I4 r = (product & negative) | (reinterpret_cast<I4>(v) & ~negative);
    std::memcpy(y + i, &r, sizeof r);
    k += 4;
    if (k == period_) k = 0;
  }
#endif
  for (; i < n; ++i, ++k) y[i] = PReluOne(x[i], slopes[k % period_]);
}

}  // namespace mtcnn
