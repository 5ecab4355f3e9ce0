// PReluMaxPool against its definition: PRelu (the layer the networks used before) and then
// Caffe's ceil-mode max pooling written out plainly, for MTCNN's channel counts and
// pooling shapes, slopes of both signs, and sizes whose last window is cut short.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "mtcnn/errors.h"
#include "nn/layers/prelu.h"
#include "nn/layers/prelu_max_pool.h"
#include "nn/layout.h"

namespace {

mtcnn::Tensor Slopes(size_t channels) {
  mtcnn::Tensor alpha;
  alpha.shape = {channels};
  // Negative, zero and positive slopes, as the trained weights have (about a third of
  // O-Net's first slopes are negative).
  for (size_t c = 0; c < channels; ++c)
    alpha.data.push_back(c % 4 == 3 ? 0.0f : std::sin(2.3f * c + 0.4f));
  return alpha;
}

// PRelu, then the largest value of each window clipped to the input.
std::vector<float> Expected(const mtcnn::Tensor& alpha, std::vector<float> x, size_t n, size_t h,
                            size_t w, size_t kernel, size_t stride, size_t oh, size_t ow) {
  const size_t c = alpha.data.size();
  mtcnn::PRelu prelu(alpha);
  prelu.Run(x.data(), x.data(), n * h * w);
  std::vector<float> out(n * oh * ow * c);
  for (size_t i = 0; i < n; ++i) {
    for (size_t oy = 0; oy < oh; ++oy) {
      for (size_t ox = 0; ox < ow; ++ox) {
        for (size_t k = 0; k < c; ++k) {
          float best = -INFINITY;
          for (size_t y = oy * stride; y < std::min(h, oy * stride + kernel); ++y) {
            for (size_t xx = ox * stride; xx < std::min(w, ox * stride + kernel); ++xx) {
              best = std::max(best, x[((i * h + y) * w + xx) * c + k]);
            }
          }
          out[((i * oh + oy) * ow + ox) * c + k] = best;
        }
      }
    }
  }
  return out;
}

TEST(PReluMaxPool, OutputSizeIsCaffesCeilMode) {
  using mtcnn::CaffePoolSize;
  EXPECT_EQ(CaffePoolSize(22, 3, 2), 11u);  // R-Net
  EXPECT_EQ(CaffePoolSize(9, 3, 2), 4u);
  EXPECT_EQ(CaffePoolSize(46, 3, 2), 23u);  // O-Net
  EXPECT_EQ(CaffePoolSize(21, 3, 2), 10u);
  EXPECT_EQ(CaffePoolSize(3, 3, 2), 1u);
  EXPECT_EQ(CaffePoolSize(8, 2, 2), 4u);
  EXPECT_EQ(CaffePoolSize(7, 2, 2), 4u);  // the last window holds one column
  EXPECT_EQ(CaffePoolSize(2, 2, 2), 1u);
}

TEST(PReluMaxPool, RefusesFewerThanFourChannels) {
  EXPECT_THROW(mtcnn::PReluMaxPool(Slopes(3), 2, 2), mtcnn::Error);
}

TEST(PReluMaxPool, EqualsPReluThenMaxPooling) {
  struct Shape {
    size_t kernel, stride, h, w;
  };
  const Shape shapes[] = {{2, 2, 10, 10}, {2, 2, 7, 9},   {2, 2, 3, 2},  {3, 2, 22, 22},
                          {3, 2, 9, 9},   {3, 2, 21, 21}, {3, 2, 10, 7}, {3, 2, 3, 4}};
  for (size_t channels : {4, 6, 10, 28, 32, 48, 64}) {
    const mtcnn::Tensor alpha = Slopes(channels);
    for (const Shape& s : shapes) {
      SCOPED_TRACE(testing::Message() << channels << " channels, " << s.kernel << "x" << s.kernel
                                      << " on " << s.h << "x" << s.w);
      const mtcnn::PReluMaxPool layer(alpha, s.kernel, s.stride);
      const size_t n = 2, oh = mtcnn::CaffePoolSize(s.h, s.kernel, s.stride);
      const size_t ow = mtcnn::CaffePoolSize(s.w, s.kernel, s.stride);
      std::vector<float> x(n * s.h * s.w * channels);
      // Mostly values of both signs; some exact zeros of both signs.
      for (size_t i = 0; i < x.size(); ++i)
        x[i] = i % 11 == 0 ? (i % 2 ? -0.0f : 0.0f) : std::sin(0.91f * i) * 4;
      const std::vector<float> want = Expected(alpha, x, n, s.h, s.w, s.kernel, s.stride, oh, ow);
      std::vector<float> got(want.size(), NAN);
      layer.Run(x.data(), got.data(), n, s.h, s.w);
      size_t differ = 0;
      for (size_t i = 0; i < want.size(); ++i)
        differ += !(got[i] == want[i]);  // +0 == -0: no layer after tells them apart
      ASSERT_EQ(differ, 0u);
    }
  }
}

}  // namespace
