// The vocabulary the networks write their layouts in (pnet.h, rnet.h, onet.h): each layer's
// kind, size and name, from which its output shape, its operation count and its weights'
// names follow. Each network's layout is then the one place that answers its map and
// activation sizes and its layers' work, for the memory estimate, P-Net's bands, the
// profiler and the cascade alike.
#pragma once

#include <cstddef>

namespace mtcnn {

// An activation, NHWC.
struct Shape {
  size_t n = 0, h = 0, w = 0, c = 0;
  size_t elements() const { return n * h * w * c; }
  size_t pixels() const { return n * h * w; }
};

// Output size along one axis of a valid (unpadded) stride-1 convolution.
constexpr size_t ValidConvSize(size_t in, size_t kernel) {
  return in >= kernel ? in - kernel + 1 : 0;
}

// Output size along one axis of Caffe's max pooling (ceil mode): ceil((in - kernel) /
// stride) + 1 windows, less one that would start past the end.
constexpr size_t CaffePoolSize(size_t in, size_t kernel, size_t stride) {
  if (in < kernel) return 0;
  const size_t out = (in - kernel + stride - 1) / stride + 1;
  return (out - 1) * stride >= in ? out - 1 : out;
}

// A valid k x k convolution, stride 1, with `out` filters; weights `<name>.weight`
// [out, k, k, in] and `<name>.bias` [out].
struct ConvSpec {
  const char* name;
  size_t kernel;
  size_t out;
  Shape Output(Shape in) const {
    return {in.n, ValidConvSize(in.h, kernel), ValidConvSize(in.w, kernel), out};
  }
  // A multiply-add counts as two operations, plus one for each output's bias.
  double Flops(Shape in) const {
    const Shape o = Output(in);
    return 2.0 * o.elements() * kernel * kernel * in.c + static_cast<double>(o.elements());
  }
};

// PReLU (slopes `<alpha>.alpha` [c]) then k x k max pooling every `stride`, as one layer.
struct PReluPoolSpec {
  const char* name;
  const char* alpha;
  size_t kernel;
  size_t stride;
  Shape Output(Shape in) const {
    return {in.n, CaffePoolSize(in.h, kernel, stride), CaffePoolSize(in.w, kernel, stride), in.c};
  }
  // One operation per PReLU, kernel^2 - 1 comparisons per pooled value.
  double Flops(Shape in) const {
    return static_cast<double>(in.elements()) +
           static_cast<double>(Output(in).elements()) * (kernel * kernel - 1);
  }
};

// PReLU in place; slopes `<name>.alpha` [c].
struct PReluSpec {
  const char* name;
  Shape Output(Shape in) const { return in; }
  double Flops(Shape in) const { return static_cast<double>(in.elements()); }
};

// A fully connected layer on each crop's flattened activation; weights `<name>.weight`
// [out, h * w * c] and `<name>.bias` [out].
struct DenseSpec {
  const char* name;
  size_t out;
  Shape Output(Shape in) const { return {in.n, 1, 1, out}; }
  double Flops(Shape in) const {
    return 2.0 * in.elements() * out + static_cast<double>(in.n) * out;
  }
};

// The face / non-face softmax over each row's two classifier logits.
struct SoftmaxSpec {
  const char* name;
  // An exponential, a sum and a division per logit, as four operations.
  double Flops(size_t rows) const { return static_cast<double>(rows) * 2 * 4; }
};

}  // namespace mtcnn
