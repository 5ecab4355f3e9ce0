#include "nn/layers/softmax.h"

namespace mtcnn {

Softmax::Softmax(size_t channels, size_t input_stride)
    : channels_(channels), stride_(input_stride) {
  XnnCheck(xnn_create_softmax_nc_f32(0, op_.Out()), "create softmax");
}

void Softmax::Run(const float* in, float* out, size_t rows, pthreadpool_t pool) {
  if (rows != rows_) {
    XnnCheck(xnn_reshape_softmax_nc_f32(op_.get(), channels_, stride_, channels_, rows, pool),
             "reshape softmax");
    rows_ = rows;
  }
  XnnCheck(xnn_setup_softmax_nc_f32(op_.get(), in, out), "setup softmax");
  XnnCheck(xnn_run_operator(op_.get(), pool), "run softmax");
}

}  // namespace mtcnn
