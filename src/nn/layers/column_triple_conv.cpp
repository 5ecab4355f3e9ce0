#include "nn/layers/column_triple_conv.h"

#include <cstring>

namespace mtcnn {
namespace {

Tensor AsThreeByOne(const Tensor& weight) {
  Tensor t = weight;  // [out][ky][kx][c] is [out][ky][1][kx * 3 + c] as it stands
  t.shape = {weight.shape[0], 3, 1, 9};
  return t;
}

}  // namespace

ColumnTripleConv::ColumnTripleConv(const Tensor& weight, const Tensor& bias,
                                   uint64_t shape_cache_bytes)
    : conv_(AsThreeByOne(weight), bias, shape_cache_bytes) {}

void ColumnTriples(const float* in, size_t n, size_t h, size_t w, float* out) {
  const size_t ow = w - 2;
  for (size_t row = 0; row < n * h; ++row) {
    const float* src = in + row * w * 3;
    float* dst = out + row * ow * 9;
    // A pixel's triple is 9 consecutive input floats.
    for (size_t x = 0; x < ow; ++x) std::memcpy(dst + x * 9, src + x * 3, 9 * sizeof(float));
  }
}

void ColumnTripleConv::Run(const float* in, float* out, size_t n, size_t h, size_t w,
                           pthreadpool_t pool) {
  const size_t need = n * h * (w - 2) * 9;
  if (triples_.size() < need) triples_.resize(need);
  ColumnTriples(in, n, h, w, triples_.data());
  conv_.Run(triples_.data(), out, n, h, w - 2, pool);
}

}  // namespace mtcnn
