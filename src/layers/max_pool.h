// Caffe max pooling (ceil mode) on XNNPACK. Caffe's output size ceil((H - k) / s) + 1 is
// XNNPACK's with extra bottom/right padding; since XNNPACK fixes padding at creation,
// one operator is created per padding pair and kept.
#pragma once

#include <cstddef>
#include <map>
#include <utility>

#include "../xnn_check.h"

namespace mtcnn {

class MaxPool {
 public:
  MaxPool(size_t kernel, size_t stride) : kernel_(kernel), stride_(stride) {}
  size_t OutputSize(size_t in) const;
  // in: [n, h, w, channels] -> out: [n, OutputSize(h), OutputSize(w), channels].
  void Run(const float* in, float* out, size_t n, size_t h, size_t w, size_t channels, pthreadpool_t pool);

 private:
  struct Variant {
    XnnOperator op;
    size_t n = 0, h = 0, w = 0, c = 0;
  };
  size_t kernel_, stride_;
  std::map<std::pair<size_t, size_t>, Variant> variants_;  // by (pad bottom, pad right)
};

}  // namespace mtcnn
