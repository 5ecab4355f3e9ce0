// Per-channel PReLU, in place or out of place: y = x where x is non-negative, x * slope[c]
// where it is negative, exactly as XNNPACK's vprelu kernels compute it (the sign bit picks,
// so -0 takes the product; XNNPACK's scalar kernel, which the plain WebAssembly build runs,
// compares with 0 instead, and so does the plain build here).
//
// Our own loop rather than XNNPACK's operator: XNNPACK broadcasts the slopes row by row, so
// with MTCNN's 10 to 64 channels every row is one short kernel call and the layer runs at
// a tenth of memory speed. Here the data is one flat array and the slopes repeat with it.
#pragma once

#include <cstddef>
#include <vector>

#include "nn/weights.h"

namespace mtcnn {

class PRelu {
 public:
  explicit PRelu(const Tensor& alpha);
  // x, y: [rows, channels]; y may equal x. Runs on the calling thread (it costs less than
  // waking a pool).
  void Run(const float* x, float* y, size_t rows) const;

 private:
  size_t channels_;
  size_t period_;  // floats after which the slope pattern lines up with 4-float vectors again
  std::vector<float> slopes_;  // the slopes repeated over period_ (+ 4 to read past)
};

}  // namespace mtcnn
