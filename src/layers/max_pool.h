// Caffe max pooling (ceil mode) on XNNPACK. Caffe's output size ceil((H - k) / s) + 1 is
// XNNPACK's with extra bottom/right padding; since XNNPACK fixes padding at creation,
// one operator is created per padding pair and kept.
//
// Reshaping an operator to a new input size reallocates its indirection buffer, so what a
// reused operator holds depends on the last size it ran. A pooling given a byte budget
// keeps one operator per input size instead (ShapeCache; its owner calls Tick once per
// use of the network), so that a layer handed several sizes in turn (P-Net's bands) holds
// the same memory whatever the last size was; sizes past the budget fall back to the
// operator of their padding pair.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <utility>

#include "../xnn_check.h"
#include "shape_cache.h"

namespace mtcnn {

class MaxPool {
 public:
  MaxPool(size_t kernel, size_t stride, uint64_t shape_cache_bytes = 0)
      : kernel_(kernel), stride_(stride), cache_(shape_cache_bytes) {}
  size_t OutputSize(size_t in) const;
  // in: [n, h, w, channels] -> out: [n, OutputSize(h), OutputSize(w), channels].
  void Run(const float* in, float* out, size_t n, size_t h, size_t w, size_t channels, pthreadpool_t pool);
  // Creates and reshapes the operator for that input size now, as Run would; true if it
  // is kept per size.
  bool Prepare(size_t n, size_t h, size_t w, size_t channels, pthreadpool_t pool);
  // One use of the owning network has begun (see ShapeCache).
  void Tick() { cache_.Tick(); }

  // What keeping an [n, h, w, channels] input's operator counts against the budget.
  uint64_t KeptBytes(size_t n, size_t h, size_t w) const;
  // Operators currently kept per size, and per padding pair (for tests).
  size_t kept_sizes() const { return cache_.size(); }
  size_t padding_operators() const { return by_padding_.size(); }

 private:
  struct Variant {
    XnnOperator op;
    size_t n = 0, h = 0, w = 0, c = 0;
  };
  Variant& For(size_t n, size_t h, size_t w, size_t channels, pthreadpool_t pool);
  void Create(size_t pad_bottom, size_t pad_right, Variant* v) const;
  void Reshape(Variant* v, size_t n, size_t h, size_t w, size_t channels, pthreadpool_t pool) const;

  size_t kernel_, stride_;
  ShapeCache<Variant> cache_;                                 // per input size, within the budget
  std::map<std::pair<size_t, size_t>, Variant> by_padding_;  // by (pad bottom, pad right)
};

}  // namespace mtcnn
