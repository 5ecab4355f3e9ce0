// Per-channel PReLU on XNNPACK (binary elementwise prelu broadcasting the slopes over
// the rows), in place or out of place.
#pragma once

#include <cstddef>
#include <vector>

#include "../weights.h"
#include "../xnn_check.h"

namespace mtcnn {

class PRelu {
 public:
  explicit PRelu(const Tensor& alpha);
  size_t channels() const { return channels_; }
  // x, y: [rows, channels]; y may equal x.
  void Run(const float* x, float* y, size_t rows, pthreadpool_t pool);

 private:
  XnnOperator op_;
  std::vector<float> alpha_;  // a copy: the layer must not depend on the Weights object living on
  size_t channels_;
  size_t rows_ = 0;
};

}  // namespace mtcnn
