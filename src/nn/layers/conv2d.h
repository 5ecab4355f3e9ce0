// A valid (unpadded), stride-1 NHWC float convolution on XNNPACK, created once with its
// packed weights and reshaped only when the input size changes.
//
// Reshaping to a new input size rebuilds XNNPACK's indirection buffer (a pointer per
// kernel tap per output pixel), which for P-Net's 3-channel first layer costs about as
// much as the convolution itself. P-Net sees a few sizes over and over (its pyramid
// bands), so a convolution may keep one operator per input size (ShapeCache), up to a
// byte budget for their indirection buffers (shape_cache_bytes; 0 keeps just one
// operator). Its owner calls Tick once per use of the network, which is how the cache
// tells sizes still in use from stale ones.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "nn/layers/shape_cache.h"
#include "nn/layout.h"
#include "nn/weights.h"
#include "runtime/xnn_check.h"

namespace mtcnn {

class Conv2d {
 public:
  // weight: [out, kh, kw, in]; bias: [out].
  Conv2d(const Tensor& weight, const Tensor& bias, uint64_t shape_cache_bytes = 0);

  // in: [n, h, w, in], out: [n, h-kh+1, w-kw+1, out].
  void Run(const float* in, float* out, size_t n, size_t h, size_t w, pthreadpool_t pool);
  // Makes the operator for that input size now, as Run would; true if it is kept (in the
  // shape cache), false if that size takes the spare operator.
  bool Prepare(size_t n, size_t h, size_t w, pthreadpool_t pool) {
    return &For(n, h, w, pool) != &spare_;
  }
  // One use of the owning network has begun (see ShapeCache).
  void Tick() { cache_.Tick(); }

  // The indirection buffer XNNPACK builds for one input size: a pointer per kernel tap per
  // output pixel. What each kept size costs; the estimate of working memory counts it too.
  static uint64_t IndirectionBytes(size_t output_pixels, size_t kh, size_t kw) {
    return static_cast<uint64_t>(output_pixels) * kh * kw * sizeof(void*);
  }
  static uint64_t IndirectionBytes(const Shape& output, size_t kernel) {
    return IndirectionBytes(output.pixels(), kernel, kernel);
  }

  // Operators currently kept for distinct input sizes (for tests).
  size_t cached_shapes() const { return cache_.size(); }

 private:
  // An operator reshaped for one input size.
  struct Shaped {
    XnnOperator op;
    size_t n = 0, h = 0, w = 0;
    std::vector<char> workspace;
    size_t workspace_alignment = 1;
  };

  Shaped& For(size_t n, size_t h, size_t w, pthreadpool_t pool);
  void Create(const float* weight, const float* bias, XnnOperator* op) const;
  void Reshape(Shaped* s, size_t n, size_t h, size_t w, pthreadpool_t pool) const;

  size_t kh_, kw_, in_channels_, out_channels_;
  std::vector<float> weight_, bias_;  // kept to create operators for new sizes (cache only)
  ShapeCache<Shaped> cache_;          // sizes kept, within the budget
  Shaped spare_;                      // sizes over the budget: reshaped on every change
};

}  // namespace mtcnn
