// A valid (unpadded), stride-1 NHWC float convolution on XNNPACK, created once with its
// packed weights and reshaped only when the input shape changes.
#pragma once

#include <cstddef>
#include <vector>

#include "../weights.h"
#include "../xnn_check.h"

namespace mtcnn {

class Conv2d {
 public:
  // weight: [out, kh, kw, in]; bias: [out].
  Conv2d(const Tensor& weight, const Tensor& bias);

  size_t out_channels() const { return out_channels_; }
  size_t OutputHeight(size_t h) const { return h - kh_ + 1; }
  size_t OutputWidth(size_t w) const { return w - kw_ + 1; }

  // in: [n, h, w, in], out: [n, h-kh+1, w-kw+1, out].
  void Run(const float* in, float* out, size_t n, size_t h, size_t w, pthreadpool_t pool);

 private:
  XnnOperator op_;
  size_t kh_, kw_, out_channels_;
  size_t n_ = 0, h_ = 0, w_ = 0;  // shape of the last reshape
  std::vector<char> workspace_;
  size_t workspace_alignment_ = 1;
};

}  // namespace mtcnn
