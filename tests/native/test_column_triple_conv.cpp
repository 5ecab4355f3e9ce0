// ColumnTripleConv, the first layers' 3x3 convolution of a 3-channel image run as 3x1 over
// column triples, against Conv2d's plain 3x3 convolution: the same bits, since the sums
// are the same products added in the same order.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <vector>

#include "nn/layers/column_triple_conv.h"
#include "nn/layers/conv2d.h"
#include "runtime/thread_pool.h"

namespace {

mtcnn::Tensor Filled(std::vector<size_t> shape, float phase) {
  mtcnn::Tensor t;
  t.shape = shape;
  size_t n = 1;
  for (size_t d : shape) n *= d;
  for (size_t i = 0; i < n; ++i) t.data.push_back(std::sin(phase + 0.37f * i) * 0.5f);
  return t;
}

TEST(ColumnTriples, EachPixelTakesItselfAndItsTwoRightNeighbours) {
  const size_t n = 2, h = 3, w = 5;
  std::vector<float> in(n * h * w * 3);
  for (size_t i = 0; i < in.size(); ++i) in[i] = static_cast<float>(i);
  std::vector<float> out(n * h * (w - 2) * 9, -1);
  mtcnn::ColumnTriples(in.data(), n, h, w, out.data());
  for (size_t row = 0; row < n * h; ++row) {
    for (size_t x = 0; x + 2 < w; ++x) {
      for (size_t k = 0; k < 3; ++k) {
        for (size_t c = 0; c < 3; ++c) {
          ASSERT_EQ(out[(row * (w - 2) + x) * 9 + 3 * k + c], in[(row * w + x + k) * 3 + c]);
        }
      }
    }
  }
}

TEST(ColumnTripleConv, SameBitsAsThePlainConvolution) {
  mtcnn::InitializeXnnpack();
  for (size_t out_channels : {10, 28, 32}) {
    const mtcnn::Tensor weight = Filled({out_channels, 3, 3, 3}, 0.1f),
                        bias = Filled({out_channels}, 2.0f);
    mtcnn::Conv2d plain(weight, bias);
    mtcnn::ColumnTripleConv triples(weight, bias);
    struct Size {
      size_t n, h, w;
    };
    for (const Size& s : {Size{1, 12, 12}, Size{3, 24, 24}, Size{2, 48, 48}, Size{1, 31, 17}}) {
      SCOPED_TRACE(testing::Message()
                   << out_channels << " filters, " << s.n << "x" << s.h << "x" << s.w);
      const mtcnn::Tensor input = Filled({s.n, s.h, s.w, 3}, 0.7f);
      const size_t outputs = s.n * (s.h - 2) * (s.w - 2) * out_channels;
      std::vector<float> want(outputs), got(outputs);
      plain.Run(input.data.data(), want.data(), s.n, s.h, s.w, nullptr);
      triples.Run(input.data.data(), got.data(), s.n, s.h, s.w, nullptr);
      ASSERT_EQ(std::memcmp(want.data(), got.data(), outputs * sizeof(float)), 0);
    }
  }
}

}  // namespace
