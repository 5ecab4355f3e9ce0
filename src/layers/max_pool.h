// Caffe max pooling (ceil mode) on XNNPACK. Caffe's output size ceil((H - k) / s) + 1 is
// XNNPACK's with extra bottom/right padding; since XNNPACK fixes padding at creation,
// one operator is created per padding pair and kept.
//
// Reshaping an operator to a new input size reallocates its indirection buffer, so what a
// reused operator holds depends on the last size it ran. A pooling created with
// `per_size` keeps one operator per input size instead (up to kMaxSizes), so that layers
// handed sizes in varying order (P-Net's bands, taken from a queue) hold the same memory
// whatever the order.
#pragma once

#include <cstddef>
#include <map>
#include <tuple>

#include "../xnn_check.h"

namespace mtcnn {

class MaxPool {
 public:
  MaxPool(size_t kernel, size_t stride, bool per_size = false)
      : kernel_(kernel), stride_(stride), per_size_(per_size) {}
  size_t OutputSize(size_t in) const;
  // in: [n, h, w, channels] -> out: [n, OutputSize(h), OutputSize(w), channels].
  void Run(const float* in, float* out, size_t n, size_t h, size_t w, size_t channels, pthreadpool_t pool);
  // Creates and reshapes the operator for that input size now, as Run would.
  void Prepare(size_t n, size_t h, size_t w, size_t channels, pthreadpool_t pool);

  // Operators currently kept (for tests).
  size_t kept_operators() const { return variants_.size(); }
  // Sizes kept with per_size; past it they are all dropped and made again as needed.
  static constexpr size_t kMaxSizes = 64;

 private:
  struct Variant {
    XnnOperator op;
    size_t n = 0, h = 0, w = 0, c = 0;
  };
  Variant& For(size_t n, size_t h, size_t w, size_t channels, pthreadpool_t pool);

  size_t kernel_, stride_;
  bool per_size_;
  // By (pad bottom, pad right), and with per_size also (n, h, w, channels).
  std::map<std::tuple<size_t, size_t, size_t, size_t, size_t, size_t>, Variant> variants_;
};

}  // namespace mtcnn
