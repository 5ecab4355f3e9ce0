#include "nn/layers/fully_connected.h"

#include <limits>

namespace mtcnn {

FullyConnected::FullyConnected(const Tensor& weight, const Tensor& bias)
    : in_(weight.shape[1]), out_(weight.shape[0]) {
  // XNNPACK packs the weights at creation, so the tensors need not outlive the layer.
  XnnCheck(xnn_create_fully_connected_nc_f32(
               in_, out_, in_, out_, weight.data.data(), bias.data.data(),
               -std::numeric_limits<float>::infinity(), std::numeric_limits<float>::infinity(), 0,
               nullptr, nullptr, op_.Out()),
           "create fully connected");
}

void FullyConnected::Run(const float* in, float* out, size_t batch, pthreadpool_t pool) {
  if (batch != batch_) {
    XnnCheck(xnn_reshape_fully_connected_nc_f32(op_.get(), batch, pool), "reshape fully connected");
    batch_ = batch;
  }
  XnnCheck(xnn_setup_fully_connected_nc_f32(op_.get(), in, out), "setup fully connected");
  XnnCheck(xnn_run_operator(op_.get(), pool), "run fully connected");
}

}  // namespace mtcnn
