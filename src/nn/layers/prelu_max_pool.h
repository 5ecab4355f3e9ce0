// PReLU followed by Caffe max pooling (ceil mode), in one pass over the convolution's
// output: out = max over each pooling window of PReLU(in). Results are those of PRelu
// then MaxPool (the same elements are picked; only which zero, +0 or -0, a window of zeros
// yields may differ, which no later layer can tell apart).
//
// Our own loop, not XNNPACK's pooling: XNNPACK cannot fuse PReLU into anything, so the
// two passes cost a full write and reread of the convolution's output, the largest
// activation of each network, plus the pooling's indirection buffer per input size.
//
// The pass reads each window's largest and smallest input, not every PReLU value: PReLU
// rises on x >= 0 and, per its slope's sign, rises or falls on x < 0, so the largest PReLU
// value of a window is that of its largest or of its smallest input.
#pragma once

#include <cstddef>
#include <vector>

#include "nn/weights.h"

namespace mtcnn {

class PReluMaxPool {
 public:
  // alpha: the PReLU slopes [channels]; a kernel x kernel window every stride.
  PReluMaxPool(const Tensor& alpha, size_t kernel, size_t stride);
  // in: [n, h, w, channels] -> out: [n, oh, ow, channels], Caffe's output size
  // (CaffePoolSize, layout.h); runs on the
  // calling thread (the crop and band tasks that call it already run one per thread).
  void Run(const float* in, float* out, size_t n, size_t h, size_t w) const;

 private:
  size_t channels_, kernel_, stride_;
  std::vector<float> slopes_;
};

}  // namespace mtcnn
