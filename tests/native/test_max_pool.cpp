// MaxPool: Caffe's ceil-mode output, one operator per padding pair, or with per_size one
// per input size (bounded), with the same results either way.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "layers/max_pool.h"
#include "thread_pool.h"

namespace {

std::vector<float> Input(size_t h, size_t w, size_t c, float phase) {
  std::vector<float> v(h * w * c);
  for (size_t i = 0; i < v.size(); ++i) v[i] = std::sin(phase + 0.61f * static_cast<float>(i));
  return v;
}

std::vector<float> RunOn(mtcnn::MaxPool* pool, size_t h, size_t w, size_t c, float phase) {
  const std::vector<float> in = Input(h, w, c, phase);
  std::vector<float> out(pool->OutputSize(h) * pool->OutputSize(w) * c);
  pool->Run(in.data(), out.data(), 1, h, w, c, nullptr);
  return out;
}

// The reference: Caffe's ceil-mode max over each window clipped to the input.
std::vector<float> Expected(size_t h, size_t w, size_t c, float phase, size_t k, size_t s, size_t oh, size_t ow) {
  const std::vector<float> in = Input(h, w, c, phase);
  std::vector<float> out;
  for (size_t y = 0; y < oh; ++y) {
    for (size_t x = 0; x < ow; ++x) {
      for (size_t ch = 0; ch < c; ++ch) {
        float m = -INFINITY;
        for (size_t dy = 0; dy < k && y * s + dy < h; ++dy) {
          for (size_t dx = 0; dx < k && x * s + dx < w; ++dx) m = std::fmax(m, in[((y * s + dy) * w + x * s + dx) * c + ch]);
        }
        out.push_back(m);
      }
    }
  }
  return out;
}

TEST(MaxPool, PerSizeKeepsAnOperatorPerSizeWithTheSameResults) {
  mtcnn::InitializeXnnpack();
  mtcnn::MaxPool by_pad(2, 2);
  mtcnn::MaxPool by_size(2, 2, /*per_size=*/true);
  const size_t sizes[][2] = {{38, 21}, {17, 12}, {38, 21}, {16, 12}, {17, 12}};
  for (int round = 0; round < 2; ++round) {
    for (const auto& hw : sizes) {
      const float phase = static_cast<float>(round * 7 + hw[0]);
      const auto a = RunOn(&by_pad, hw[0], hw[1], 10, phase);
      ASSERT_EQ(a, RunOn(&by_size, hw[0], hw[1], 10, phase));
      ASSERT_EQ(a, Expected(hw[0], hw[1], 10, phase, 2, 2, by_pad.OutputSize(hw[0]), by_pad.OutputSize(hw[1])));
    }
  }
  EXPECT_EQ(by_size.kept_operators(), 3u);  // three distinct sizes
  EXPECT_LE(by_pad.kept_operators(), 4u);   // at most the four padding pairs
  by_size.Prepare(1, 50, 40, 10, nullptr);
  EXPECT_EQ(by_size.kept_operators(), 4u);
}

TEST(MaxPool, PerSizeIsBounded) {
  mtcnn::InitializeXnnpack();
  mtcnn::MaxPool by_size(2, 2, /*per_size=*/true);
  for (size_t h = 4; h < 4 + mtcnn::MaxPool::kMaxSizes + 10; ++h) by_size.Prepare(1, h, 6, 3, nullptr);
  EXPECT_LE(by_size.kept_operators(), mtcnn::MaxPool::kMaxSizes);
  EXPECT_EQ(RunOn(&by_size, 9, 7, 3, 1.0f), Expected(9, 7, 3, 1.0f, 2, 2, by_size.OutputSize(9), by_size.OutputSize(7)));
}

}  // namespace
