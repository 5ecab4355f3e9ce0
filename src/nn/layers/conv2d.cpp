#include "nn/layers/conv2d.h"

#include <limits>
#include <utility>

namespace mtcnn {

Conv2d::Conv2d(const Tensor& weight, const Tensor& bias, uint64_t shape_cache_bytes)
    : kh_(weight.shape[1]),
      kw_(weight.shape[2]),
      in_channels_(weight.shape[3]),
      out_channels_(weight.shape[0]),
      cache_(shape_cache_bytes) {
  if (shape_cache_bytes > 0) {
    weight_ = weight.data;
    bias_ = bias.data;
  }
  // The spare is created from the caller's tensors directly, so a convolution without a
  // cache keeps no copy of its weights.
  Create(weight.data.data(), bias.data.data(), &spare_.op);
}

void Conv2d::Create(const float* weight, const float* bias, XnnOperator* op) const {
  XnnCheck(xnn_create_convolution2d_nhwc_f32(
               /*padding top, right, bottom, left=*/0, 0, 0, 0, static_cast<uint32_t>(kh_),
               static_cast<uint32_t>(kw_),
               /*subsampling=*/1, 1, /*dilation=*/1, 1, /*groups=*/1, in_channels_, out_channels_,
               /*input_channel_stride=*/in_channels_, /*output_channel_stride=*/out_channels_,
               weight, bias, -std::numeric_limits<float>::infinity(),
               std::numeric_limits<float>::infinity(), /*flags=*/0, nullptr, nullptr, op->Out()),
           "create convolution");
}

void Conv2d::Reshape(Shaped* s, size_t n, size_t h, size_t w, pthreadpool_t pool) const {
  size_t workspace_size = 0, oh = 0, ow = 0;
  s->n = s->h = s->w = 0;  // until the reshape has succeeded
  XnnCheck(xnn_reshape_convolution2d_nhwc_f32(s->op.get(), n, h, w, &workspace_size,
                                              &s->workspace_alignment, &oh, &ow, pool),
           "reshape convolution");
  s->workspace.resize(workspace_size + s->workspace_alignment);
  s->n = n;
  s->h = h;
  s->w = w;
}

Conv2d::Shaped& Conv2d::For(size_t n, size_t h, size_t w, pthreadpool_t pool) {
  const ShapeKey key{n, h, w, in_channels_};
  if (Shaped* kept = cache_.Find(key)) return *kept;
  // The cache is asked before the spare, so that a size the spare took while the cache was
  // full is kept once stale sizes make room.
  const uint64_t bytes = IndirectionBytes((h - kh_ + 1) * (w - kw_ + 1), kh_, kw_);
  if (!weight_.empty() && cache_.MakeRoom(bytes)) {
    // Made whole before it is kept, so a failure keeps nothing half made.
    Shaped s;
    Create(weight_.data(), bias_.data(), &s.op);
    Reshape(&s, n, h, w, pool);
    return cache_.Insert(key, bytes, std::move(s));
  }
  if (spare_.n != n || spare_.h != h || spare_.w != w) Reshape(&spare_, n, h, w, pool);
  return spare_;
}

void Conv2d::Run(const float* in, float* out, size_t n, size_t h, size_t w, pthreadpool_t pool) {
  Shaped& s = For(n, h, w, pool);
  // XNNPACK wants the workspace aligned; over-allocate and align inside.
  char* ws = s.workspace.data();
  if (s.workspace_alignment > 1) {
    const size_t mis = reinterpret_cast<uintptr_t>(ws) % s.workspace_alignment;
    if (mis != 0) ws += s.workspace_alignment - mis;
  }
  XnnCheck(
      xnn_setup_convolution2d_nhwc_f32(s.op.get(), s.workspace.empty() ? nullptr : ws, in, out),
      "setup convolution");
  XnnCheck(xnn_run_operator(s.op.get(), pool), "run convolution");
}

}  // namespace mtcnn
