// A valid 3x3 convolution of a 3-channel image run as a 3x1 convolution of its column
// triples: each pixel's channel vector becomes the 9 values of it and its two right-hand
// neighbours, and the filters are read as 3x1 over those 9 channels.
//
// XNNPACK's convolution loops over the kernel's taps and, within a tap, over the input
// channels; with 3 channels that inner loop is too short to pay for the tap's setup, and
// the first layers run far below the others' speed. With 9 channels per tap the loop is
// three times longer. The sums are the same: the
// weights are stored [out][ky][kx][c], which read as [out][ky][1][kx * 3 + c] is already
// the 3x1 layout, and taps in ky order with (kx, c) inside is the order XNNPACK adds in
// for the 3x3 kernel, so every output is the same bits.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "nn/layers/conv2d.h"
#include "nn/weights.h"

namespace mtcnn {

class ColumnTripleConv {
 public:
  // weight: [out, 3, 3, 3]; bias: [out]. shape_cache_bytes as Conv2d's.
  ColumnTripleConv(const Tensor& weight, const Tensor& bias, uint64_t shape_cache_bytes = 0);

  // in: [n, h, w, 3], out: [n, h - 2, w - 2, out].
  void Run(const float* in, float* out, size_t n, size_t h, size_t w, pthreadpool_t pool);
  void Tick() { conv_.Tick(); }

  // What a run on n x h x w keeps besides its output: the triples and the 3x1
  // convolution's indirection buffer.
  static uint64_t WorkingBytes(size_t n, size_t h, size_t w) {
    const size_t pixels = n * h * (w - 2);
    return pixels * 9 * sizeof(float) + Conv2d::IndirectionBytes(n * (h - 2) * (w - 2), 3, 1);
  }

 private:
  Conv2d conv_;                 // 3x1 over 9 channels
  std::vector<float> triples_;  // [n, h, w - 2, 9]
};

// in: [n, h, w, 3] -> out: [n, h, w - 2, 9], out[.., x, 3 * k + c] = in[.., x + k, c].
void ColumnTriples(const float* in, size_t n, size_t h, size_t w, float* out);

}  // namespace mtcnn
