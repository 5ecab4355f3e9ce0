// Layers we compute ourselves rather than with XNNPACK, against their definitions.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

#include "imaging/rgba_to_rgb.h"
#include "imaging/widen.h"
#include "nn/layers/prelu.h"

namespace {

uint32_t Bits(float v) {
  uint32_t b;
  std::memcpy(&b, &v, sizeof b);
  return b;
}

TEST(PRelu, MatchesTheSignBitRuleForEveryChannelCountAndTail) {
  for (size_t channels : {1, 3, 10, 16, 28, 48}) {
    mtcnn::Tensor alpha;
    alpha.shape = {channels};
    for (size_t c = 0; c < channels; ++c)
      alpha.data.push_back(c % 3 == 2 ? -0.25f : 0.1f + 0.01f * c);
    mtcnn::PRelu prelu(alpha);
    for (size_t rows : {1, 2, 5, 7}) {
      std::vector<float> x(rows * channels), y(x.size());
      for (size_t i = 0; i < x.size(); ++i)
        x[i] = (i % 5 == 0) ? -0.0f : (i % 5 == 1 ? 0.0f : std::sin(1.7f * i) * 3);
      prelu.Run(x.data(), y.data(), rows);
      for (size_t i = 0; i < x.size(); ++i) {
        const float slope = alpha.data[i % channels];
        const float want =
            std::signbit(x[i]) ? x[i] * slope : x[i];  // XNNPACK's SIMD kernels' rule
        ASSERT_EQ(Bits(y[i]), Bits(want)) << channels << " channels, element " << i;
      }
      prelu.Run(x.data(), x.data(), rows);  // in place
      ASSERT_EQ(x, y);
    }
  }
}

TEST(Widen, IsExactForEveryByteAndLength) {
  std::vector<uint8_t> in(300);
  for (size_t i = 0; i < in.size(); ++i) in[i] = static_cast<uint8_t>(i * 7);
  for (size_t n : {0, 1, 15, 16, 17, 33, 300}) {
    std::vector<float> f(n + 1, -1);
    std::vector<double> d(n + 1, -1);
    mtcnn::WidenToFloat(in.data(), n, f.data());
    mtcnn::WidenToDouble(in.data(), n, d.data());
    for (size_t i = 0; i < n; ++i) {
      ASSERT_EQ(f[i], static_cast<float>(in[i]));
      ASSERT_EQ(d[i], static_cast<double>(in[i]));
    }
    EXPECT_EQ(f[n], -1) << "wrote past n";
    EXPECT_EQ(d[n], -1) << "wrote past n";
  }
}

TEST(RgbaToRgb, KeepsRgbInOrderForEveryLength) {
  std::vector<uint8_t> rgba(4 * 70);
  for (size_t i = 0; i < rgba.size(); ++i) rgba[i] = static_cast<uint8_t>(i * 37 + 11);
  for (size_t n : {0, 1, 5, 15, 16, 17, 31, 32, 33, 47, 48, 70}) {
    std::vector<uint8_t> rgb(3 * n + 8, 0xA5);
    mtcnn::RgbaToRgb(rgba.data(), n, rgb.data());
    for (size_t i = 0; i < n; ++i) {
      for (int c = 0; c < 3; ++c)
        ASSERT_EQ(rgb[3 * i + c], rgba[4 * i + c]) << "pixel " << i << " of " << n;
    }
    for (size_t k = 3 * n; k < rgb.size(); ++k)
      ASSERT_EQ(rgb[k], 0xA5) << "wrote past " << n << " pixels";
  }
}

}  // namespace
