// A fully connected layer on XNNPACK: [batch, in] x [out, in]^T + bias -> [batch, out].
#pragma once

#include <cstddef>
#include <vector>

#include "nn/weights.h"
#include "runtime/xnn_check.h"

namespace mtcnn {

class FullyConnected {
 public:
  FullyConnected(const Tensor& weight, const Tensor& bias);
  void Run(const float* in, float* out, size_t batch, pthreadpool_t pool);

 private:
  XnnOperator op_;
  size_t in_, out_;
  size_t batch_ = 0;
};

}  // namespace mtcnn
