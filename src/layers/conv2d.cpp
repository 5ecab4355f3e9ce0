#include "conv2d.h"

#include <limits>

namespace mtcnn {

Conv2d::Conv2d(const Tensor& weight, const Tensor& bias)
    : kh_(weight.shape[1]), kw_(weight.shape[2]), out_channels_(weight.shape[0]) {
  const size_t in_channels = weight.shape[3];
  XnnCheck(xnn_create_convolution2d_nhwc_f32(
               /*padding top, right, bottom, left=*/0, 0, 0, 0, static_cast<uint32_t>(kh_), static_cast<uint32_t>(kw_),
               /*subsampling=*/1, 1, /*dilation=*/1, 1, /*groups=*/1, in_channels, out_channels_,
               /*input_channel_stride=*/in_channels, /*output_channel_stride=*/out_channels_, weight.data.data(),
               bias.data.data(), -std::numeric_limits<float>::infinity(), std::numeric_limits<float>::infinity(),
               /*flags=*/0, nullptr, nullptr, op_.Out()),
           "create convolution");
}

void Conv2d::Run(const float* in, float* out, size_t n, size_t h, size_t w, pthreadpool_t pool) {
  if (n != n_ || h != h_ || w != w_) {
    size_t workspace_size = 0, oh = 0, ow = 0;
    XnnCheck(xnn_reshape_convolution2d_nhwc_f32(op_.get(), n, h, w, &workspace_size, &workspace_alignment_, &oh, &ow,
                                                pool),
             "reshape convolution");
    workspace_.resize(workspace_size + workspace_alignment_);
    n_ = n;
    h_ = h;
    w_ = w;
  }
  // XNNPACK wants the workspace aligned; over-allocate and align inside.
  char* ws = workspace_.data();
  if (workspace_alignment_ > 1) {
    const size_t mis = reinterpret_cast<uintptr_t>(ws) % workspace_alignment_;
    if (mis != 0) ws += workspace_alignment_ - mis;
  }
  XnnCheck(xnn_setup_convolution2d_nhwc_f32(op_.get(), workspace_.empty() ? nullptr : ws, in, out), "setup convolution");
  XnnCheck(xnn_run_operator(op_.get(), pool), "run convolution");
}

}  // namespace mtcnn
