#include "max_pool.h"

#include <limits>

namespace mtcnn {

size_t MaxPool::OutputSize(size_t in) const {
  size_t out = (in - kernel_ + stride_ - 1) / stride_ + 1;
  if ((out - 1) * stride_ >= in) --out;  // Caffe drops a window that would start past the end
  return out;
}

void MaxPool::Run(const float* in, float* out, size_t n, size_t h, size_t w, size_t c, pthreadpool_t pool) {
  const size_t oh = OutputSize(h), ow = OutputSize(w);
  const size_t pad_bottom = (oh - 1) * stride_ + kernel_ - h;
  const size_t pad_right = (ow - 1) * stride_ + kernel_ - w;
  Variant& v = variants_[{pad_bottom, pad_right}];
  if (v.op.get() == nullptr) {
    XnnCheck(xnn_create_max_pooling2d_nhwc_f32(0, static_cast<uint32_t>(pad_right), static_cast<uint32_t>(pad_bottom), 0,
                                               static_cast<uint32_t>(kernel_), static_cast<uint32_t>(kernel_),
                                               static_cast<uint32_t>(stride_), static_cast<uint32_t>(stride_), 1, 1,
                                               -std::numeric_limits<float>::infinity(),
                                               std::numeric_limits<float>::infinity(), 0, v.op.Out()),
             "create max pooling");
  }
  if (v.n != n || v.h != h || v.w != w || v.c != c) {
    size_t xoh = 0, xow = 0;
    XnnCheck(xnn_reshape_max_pooling2d_nhwc_f32(v.op.get(), n, h, w, c, c, c, &xoh, &xow, pool), "reshape max pooling");
    if (xoh != oh || xow != ow) throw Error(ErrorKind::kInternal, "max pooling output size disagrees with Caffe's");
    v.n = n;
    v.h = h;
    v.w = w;
    v.c = c;
  }
  XnnCheck(xnn_setup_max_pooling2d_nhwc_f32(v.op.get(), in, out), "setup max pooling");
  XnnCheck(xnn_run_operator(v.op.get(), pool), "run max pooling");
}

}  // namespace mtcnn
