// The array normalisations against the reference's formula, value by value (bit for bit), with
// lengths that leave every tail size after the vector loops.
#include <gtest/gtest.h>

#include <cstring>
#include <random>
#include <vector>

#include "imaging/normalize.h"

namespace {

TEST(Normalize, BytesMatchTheFormulaForEveryValue) {
  for (size_t n : {0, 1, 3, 15, 16, 17, 256, 259}) {
    std::vector<uint8_t> in(n);
    for (size_t i = 0; i < n; ++i) in[i] = static_cast<uint8_t>((i * 37 + 11) & 0xff);
    std::vector<float> out(n + 1, -1.0f);
    mtcnn::NormalizeBytes(in.data(), n, out.data());
    for (size_t i = 0; i < n; ++i)
      ASSERT_EQ(out[i], static_cast<float>(mtcnn::Normalize(in[i]))) << n << " at " << i;
    EXPECT_EQ(out[n], -1.0f) << "wrote past the end";
  }
  EXPECT_EQ(static_cast<float>(mtcnn::Normalize(0)), -0.99609375f);
  EXPECT_EQ(static_cast<float>(mtcnn::Normalize(255)), 0.99609375f);
}

TEST(Normalize, DoublesRoundLikeTheCast) {
  std::mt19937_64 rng(5);
  std::uniform_real_distribution<double> value(-10.0, 265.0);
  for (size_t n : {0, 1, 2, 3, 4, 5, 1728, 6915}) {
    std::vector<double> in(n);
    for (double& v : in) v = value(rng);
    std::vector<float> out(n + 1, -1.0f);
    mtcnn::NormalizeDoubles(in.data(), n, out.data());
    for (size_t i = 0; i < n; ++i) {
      const float expected = static_cast<float>(mtcnn::Normalize(in[i]));
      ASSERT_EQ(std::memcmp(&out[i], &expected, sizeof expected), 0) << n << " at " << i;
    }
    EXPECT_EQ(out[n], -1.0f) << "wrote past the end";
  }
}

}  // namespace
