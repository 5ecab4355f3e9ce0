// A valid (unpadded), stride-1 NHWC float convolution on XNNPACK, created once with its
// packed weights and reshaped only when the input size changes.
//
// Reshaping to a new input size rebuilds XNNPACK's indirection buffer (a pointer per
// kernel tap per output pixel), which for P-Net's 3-channel first layer costs about as
// much as the convolution itself. P-Net sees a few sizes over and over (its pyramid
// bands), so a convolution may keep one operator per input size, up to a byte budget for
// their indirection buffers (shape_cache_bytes; 0 keeps just one operator).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "../weights.h"
#include "../xnn_check.h"

namespace mtcnn {

class Conv2d {
 public:
  // weight: [out, kh, kw, in]; bias: [out].
  Conv2d(const Tensor& weight, const Tensor& bias, uint64_t shape_cache_bytes = 0);

  size_t out_channels() const { return out_channels_; }
  size_t OutputHeight(size_t h) const { return h - kh_ + 1; }
  size_t OutputWidth(size_t w) const { return w - kw_ + 1; }

  // in: [n, h, w, in], out: [n, h-kh+1, w-kw+1, out].
  void Run(const float* in, float* out, size_t n, size_t h, size_t w, pthreadpool_t pool);

  // Operators currently kept for distinct input sizes (for tests).
  size_t cached_shapes() const { return shaped_.size(); }

 private:
  // An operator reshaped for one input size.
  struct Shaped {
    XnnOperator op;
    size_t n = 0, h = 0, w = 0;
    uint64_t indirection_bytes = 0;
    uint64_t last_run = 0;
    std::vector<char> workspace;
    size_t workspace_alignment = 1;
  };

  Shaped& For(size_t n, size_t h, size_t w, pthreadpool_t pool);
  void Create(const float* weight, const float* bias, XnnOperator* op) const;
  void Reshape(Shaped* s, size_t n, size_t h, size_t w, pthreadpool_t pool) const;
  uint64_t IndirectionBytes(size_t h, size_t w) const;

  size_t kh_, kw_, in_channels_, out_channels_;
  std::vector<float> weight_, bias_;  // kept to create operators for new sizes (cache only)
  uint64_t shape_cache_bytes_;
  std::vector<Shaped> shaped_;  // sizes kept, within the budget
  Shaped spare_;                // sizes over the budget: reshaped on every change
  uint64_t runs_ = 0;
};

}  // namespace mtcnn
