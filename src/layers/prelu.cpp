#include "prelu.h"

namespace mtcnn {

PRelu::PRelu(const Tensor& alpha) : alpha_(alpha.data), channels_(alpha.data.size()) {
  XnnCheck(xnn_create_binary_elementwise_nd(xnn_binary_prelu, xnn_datatype_fp32, nullptr, nullptr, nullptr, 0, op_.Out()),
           "create prelu");
}

void PRelu::Run(const float* x, float* y, size_t rows, pthreadpool_t pool) {
  if (rows != rows_) {
    const size_t shape_x[2] = {rows, channels_};
    const size_t shape_alpha[1] = {channels_};
    XnnCheck(xnn_reshape_binary_elementwise_nd(op_.get(), 2, shape_x, 1, shape_alpha, pool), "reshape prelu");
    rows_ = rows;
  }
  XnnCheck(xnn_setup_binary_elementwise_nd(op_.get(), x, alpha_.data(), y), "setup prelu");
  XnnCheck(xnn_run_operator(op_.get(), pool), "run prelu");
}

}  // namespace mtcnn
