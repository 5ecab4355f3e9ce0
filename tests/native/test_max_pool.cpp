// MaxPool: Caffe's ceil-mode output, one operator per padding pair, or given a budget one
// per input size within it, with the same results either way.
#include <gtest/gtest.h>

#include <cmath>
#include <utility>
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
  mtcnn::MaxPool by_size(2, 2, /*shape_cache_bytes=*/uint64_t{1} << 20);
  const size_t sizes[][2] = {{38, 21}, {17, 12}, {38, 21}, {16, 12}, {17, 12}};
  for (int round = 0; round < 2; ++round) {
    for (const auto& hw : sizes) {
      const float phase = static_cast<float>(round * 7 + hw[0]);
      const auto a = RunOn(&by_pad, hw[0], hw[1], 10, phase);
      ASSERT_EQ(a, RunOn(&by_size, hw[0], hw[1], 10, phase));
      ASSERT_EQ(a, Expected(hw[0], hw[1], 10, phase, 2, 2, by_pad.OutputSize(hw[0]), by_pad.OutputSize(hw[1])));
    }
  }
  EXPECT_EQ(by_size.kept_sizes(), 3u);  // three distinct sizes
  EXPECT_EQ(by_size.padding_operators(), 0u);
  EXPECT_EQ(by_pad.kept_sizes(), 0u);
  EXPECT_LE(by_pad.padding_operators(), 4u);  // at most the four padding pairs
  EXPECT_TRUE(by_size.Prepare(1, 50, 40, 10, nullptr));
  EXPECT_EQ(by_size.kept_sizes(), 4u);
}

TEST(MaxPool, PerSizeKeepsWithinItsBudgetAndAges) {
  mtcnn::InitializeXnnpack();
  mtcnn::MaxPool probe(2, 2);
  // Room for 9x7 and 13x11, not for 21x17 as well.
  mtcnn::MaxPool by_size(2, 2, probe.KeptBytes(1, 9, 7) + probe.KeptBytes(1, 13, 11));
  EXPECT_TRUE(by_size.Prepare(1, 9, 7, 3, nullptr));
  EXPECT_TRUE(by_size.Prepare(1, 13, 11, 3, nullptr));
  EXPECT_FALSE(by_size.Prepare(1, 21, 17, 3, nullptr)) << "over the budget: the padding pair's operator";
  for (const auto& hw : {std::pair<size_t, size_t>{21, 17}, {9, 7}, {13, 11}}) {
    EXPECT_EQ(RunOn(&by_size, hw.first, hw.second, 3, 1.0f),
              Expected(hw.first, hw.second, 3, 1.0f, 2, 2, by_size.OutputSize(hw.first), by_size.OutputSize(hw.second)));
  }
  EXPECT_EQ(by_size.kept_sizes(), 2u);
  EXPECT_EQ(by_size.padding_operators(), 1u);
  // Many ticks with neither kept size used: both go stale and make room for 21x17, which
  // needs both their places.
  for (uint64_t i = 0; i <= mtcnn::ShapeCache<int>::kStaleTicks + 1; ++i) by_size.Tick();
  EXPECT_TRUE(by_size.Prepare(1, 21, 17, 3, nullptr)) << "stale sizes make room";
  EXPECT_EQ(RunOn(&by_size, 21, 17, 3, 2.0f), Expected(21, 17, 3, 2.0f, 2, 2, by_size.OutputSize(21), by_size.OutputSize(17)));
}

}  // namespace
