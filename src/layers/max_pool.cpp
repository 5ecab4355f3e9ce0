#include "max_pool.h"

#include <limits>

namespace mtcnn {
namespace {

// What an operator costs besides its indirection buffer (XNNPACK's operator struct).
constexpr uint64_t kOperatorBytes = 4 << 10;

}  // namespace

size_t MaxPool::OutputSize(size_t in) const {
  size_t out = (in - kernel_ + stride_ - 1) / stride_ + 1;
  if ((out - 1) * stride_ >= in) --out;  // Caffe drops a window that would start past the end
  return out;
}

uint64_t MaxPool::KeptBytes(size_t n, size_t h, size_t w) const {
  // A pointer per tap per output pixel, as a bound on XNNPACK's indirection buffer.
  return kOperatorBytes + static_cast<uint64_t>(n) * OutputSize(h) * OutputSize(w) * kernel_ * kernel_ * sizeof(void*);
}

void MaxPool::Create(size_t pad_bottom, size_t pad_right, Variant* v) const {
  XnnCheck(xnn_create_max_pooling2d_nhwc_f32(0, static_cast<uint32_t>(pad_right), static_cast<uint32_t>(pad_bottom), 0,
                                             static_cast<uint32_t>(kernel_), static_cast<uint32_t>(kernel_),
                                             static_cast<uint32_t>(stride_), static_cast<uint32_t>(stride_), 1, 1,
                                             -std::numeric_limits<float>::infinity(),
                                             std::numeric_limits<float>::infinity(), 0, v->op.Out()),
           "create max pooling");
}

void MaxPool::Reshape(Variant* v, size_t n, size_t h, size_t w, size_t c, pthreadpool_t pool) const {
  v->n = v->h = v->w = v->c = 0;  // until the reshape has succeeded
  size_t oh = 0, ow = 0;
  XnnCheck(xnn_reshape_max_pooling2d_nhwc_f32(v->op.get(), n, h, w, c, c, c, &oh, &ow, pool), "reshape max pooling");
  if (oh != OutputSize(h) || ow != OutputSize(w)) {
    throw Error(ErrorKind::kInternal, "max pooling output size disagrees with Caffe's");
  }
  v->n = n;
  v->h = h;
  v->w = w;
  v->c = c;
}

MaxPool::Variant& MaxPool::For(size_t n, size_t h, size_t w, size_t c, pthreadpool_t pool) {
  const ShapeKey key{n, h, w, c};
  if (Variant* kept = cache_.Find(key)) return *kept;
  const size_t pad_bottom = (OutputSize(h) - 1) * stride_ + kernel_ - h;
  const size_t pad_right = (OutputSize(w) - 1) * stride_ + kernel_ - w;
  const uint64_t bytes = KeptBytes(n, h, w);
  if (cache_.MakeRoom(bytes)) {
    // Made whole before it is kept, so a failure keeps nothing half made.
    Variant v;
    Create(pad_bottom, pad_right, &v);
    Reshape(&v, n, h, w, c, pool);
    return cache_.Insert(key, bytes, std::move(v));
  }
  Variant& v = by_padding_[{pad_bottom, pad_right}];
  if (v.op.get() == nullptr) Create(pad_bottom, pad_right, &v);
  if (v.n != n || v.h != h || v.w != w || v.c != c) Reshape(&v, n, h, w, c, pool);
  return v;
}

bool MaxPool::Prepare(size_t n, size_t h, size_t w, size_t c, pthreadpool_t pool) {
  Variant& v = For(n, h, w, c, pool);
  return cache_.Find({n, h, w, c}) == &v;
}

void MaxPool::Run(const float* in, float* out, size_t n, size_t h, size_t w, size_t c, pthreadpool_t pool) {
  Variant& v = For(n, h, w, c, pool);
  XnnCheck(xnn_setup_max_pooling2d_nhwc_f32(v.op.get(), in, out), "setup max pooling");
  XnnCheck(xnn_run_operator(v.op.get(), pool), "run max pooling");
}

}  // namespace mtcnn
