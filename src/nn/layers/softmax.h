// Softmax over the first `channels` values of each row of a strided [rows, stride] tensor,
// written packed to [rows, channels] (the face/non-face pair at the head of a fused output).
#pragma once

#include <cstddef>

#include "runtime/xnn_check.h"

namespace mtcnn {

class Softmax {
 public:
  Softmax(size_t channels, size_t input_stride);
  void Run(const float* in, float* out, size_t rows, pthreadpool_t pool);

 private:
  XnnOperator op_;
  size_t channels_, stride_;
  size_t rows_ = 0;
};

}  // namespace mtcnn
