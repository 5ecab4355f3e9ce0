// Conv2d's per-size operators: a convolution that keeps one operator per input size gives
// the bits of one that reshapes on every change, keeps sizes only within its byte budget,
// and lets sizes unused for many ticks (detections) make room for new ones.
#include <gtest/gtest.h>

#include <cmath>
#include <utility>
#include <vector>

#include "nn/layers/conv2d.h"
#include "runtime/thread_pool.h"

namespace {

mtcnn::Tensor Filled(std::vector<size_t> shape, float phase) {
  mtcnn::Tensor t;
  t.shape = std::move(shape);
  size_t n = 1;
  for (size_t d : t.shape) n *= d;
  for (size_t i = 0; i < n; ++i) t.data.push_back(std::sin(phase + 0.37f * static_cast<float>(i)));
  return t;
}

// A 3x3 convolution, 3 -> 10 channels, as P-Net's first layer.
struct Layer {
  mtcnn::Tensor weight = Filled({10, 3, 3, 3}, 0.5f);
  mtcnn::Tensor bias = Filled({10}, 1.5f);
};

std::vector<float> RunOn(mtcnn::Conv2d* conv, size_t h, size_t w, unsigned seed) {
  const mtcnn::Tensor in = Filled({h, w, 3}, static_cast<float>(seed));
  std::vector<float> out((h - 2) * (w - 2) * 10);
  conv->Run(in.data.data(), out.data(), 1, h, w, nullptr);
  return out;
}

// Bytes of indirection a size needs: a pointer per tap per output pixel.
uint64_t IndirectionOf(size_t h, size_t w) { return (h - 2) * (w - 2) * 9 * sizeof(void*); }

class ConvCache : public ::testing::Test {
 protected:
  void SetUp() override { mtcnn::InitializeXnnpack(); }
  Layer layer_;
};

TEST_F(ConvCache, SameBitsAsReshapingEveryTime) {
  mtcnn::Conv2d cached(layer_.weight, layer_.bias, uint64_t{64} << 20);
  mtcnn::Conv2d plain(layer_.weight, layer_.bias);
  const std::vector<std::pair<size_t, size_t>> sizes = {{40, 33}, {17, 12}, {40, 33},
                                                        {64, 50}, {17, 12}, {12, 12}};
  for (int round = 0; round < 3; ++round) {
    for (size_t i = 0; i < sizes.size(); ++i) {
      const auto [h, w] = sizes[i];
      // A new input each time: the kept operators must read the input they are given.
      const unsigned seed = static_cast<unsigned>(round * 10 + i);
      ASSERT_EQ(RunOn(&cached, h, w, seed), RunOn(&plain, h, w, seed))
          << h << "x" << w << " round " << round;
    }
  }
  EXPECT_EQ(cached.cached_shapes(), 4u);
  EXPECT_EQ(plain.cached_shapes(), 0u);
}

TEST_F(ConvCache, KeepsSizesWithinItsBudget) {
  // Room for the 40x33 size and the 17x12 one, not for 64x50 as well.
  const uint64_t budget = IndirectionOf(40, 33) + IndirectionOf(17, 12);
  mtcnn::Conv2d cached(layer_.weight, layer_.bias, budget);
  mtcnn::Conv2d plain(layer_.weight, layer_.bias);
  for (int round = 0; round < 3; ++round) {
    for (const auto& [h, w] : {std::pair<size_t, size_t>{40, 33}, {17, 12}, {64, 50}}) {
      ASSERT_EQ(RunOn(&cached, h, w, 7), RunOn(&plain, h, w, 7)) << h << "x" << w;
    }
  }
  EXPECT_EQ(cached.cached_shapes(), 2u);
}

TEST_F(ConvCache, SizesUnusedForLongMakeRoom) {
  const uint64_t budget = IndirectionOf(40, 33);
  mtcnn::Conv2d cached(layer_.weight, layer_.bias, budget);
  mtcnn::Conv2d plain(layer_.weight, layer_.bias);
  RunOn(&cached, 40, 33, 1);
  EXPECT_EQ(cached.cached_shapes(), 1u);
  // Another size while 40x33 is fresh: run on the spare operator, 40x33 stays.
  ASSERT_EQ(RunOn(&cached, 38, 33, 2), RunOn(&plain, 38, 33, 2));
  EXPECT_EQ(cached.cached_shapes(), 1u);
  // Runs alone do not age it: time is counted in ticks, not runs.
  for (int i = 0; i < 300; ++i) RunOn(&cached, 38, 33, 3);
  EXPECT_FALSE(cached.Prepare(1, 36, 30, nullptr)) << "40x33 is still fresh";
  // Ticks while only 38x33 runs: once 40x33 is stale, 38x33 takes its place.
  for (uint64_t i = 0; i <= mtcnn::ShapeCache<int>::kStaleTicks + 1; ++i) {
    cached.Tick();
    ASSERT_EQ(RunOn(&cached, 38, 33, 3), RunOn(&plain, 38, 33, 3));
  }
  EXPECT_EQ(cached.cached_shapes(), 1u);
  EXPECT_TRUE(cached.Prepare(1, 38, 33, nullptr)) << "38x33 took 40x33's place";
  EXPECT_FALSE(cached.Prepare(1, 40, 33, nullptr)) << "40x33 was dropped, and 38x33 is fresh";
  ASSERT_EQ(RunOn(&cached, 40, 33, 5), RunOn(&plain, 40, 33, 5));
}

TEST_F(ConvCache, ASizeTheSpareTookIsKeptOnceThereIsRoom) {
  mtcnn::Conv2d cached(layer_.weight, layer_.bias, IndirectionOf(40, 33));
  mtcnn::Conv2d plain(layer_.weight, layer_.bias);
  EXPECT_TRUE(cached.Prepare(1, 40, 33, nullptr));
  EXPECT_FALSE(cached.Prepare(1, 38, 33, nullptr)) << "40x33 is fresh: 38x33 takes the spare";
  // 40x33 goes unused until stale; 38x33, still in the spare, is then kept.
  for (uint64_t i = 0; i <= mtcnn::ShapeCache<int>::kStaleTicks; ++i) cached.Tick();
  EXPECT_TRUE(cached.Prepare(1, 38, 33, nullptr));
  EXPECT_EQ(cached.cached_shapes(), 1u);
  ASSERT_EQ(RunOn(&cached, 38, 33, 9), RunOn(&plain, 38, 33, 9));
}

TEST_F(ConvCache, PrepareKeepsWithinTheBudgetAndRunsAlike) {
  const uint64_t budget = IndirectionOf(40, 33) + IndirectionOf(17, 12);
  mtcnn::Conv2d cached(layer_.weight, layer_.bias, budget);
  mtcnn::Conv2d plain(layer_.weight, layer_.bias);
  EXPECT_TRUE(cached.Prepare(1, 40, 33, nullptr));
  EXPECT_TRUE(cached.Prepare(1, 17, 12, nullptr));
  EXPECT_FALSE(cached.Prepare(1, 64, 50, nullptr)) << "over the budget: the spare operator";
  EXPECT_FALSE(plain.Prepare(1, 40, 33, nullptr)) << "no cache: always the spare";
  EXPECT_EQ(cached.cached_shapes(), 2u);
  // Prepared sizes run as any other.
  EXPECT_EQ(RunOn(&cached, 17, 12, 7), RunOn(&plain, 17, 12, 7));
  EXPECT_EQ(RunOn(&cached, 40, 33, 8), RunOn(&plain, 40, 33, 8));
  EXPECT_EQ(cached.cached_shapes(), 2u);
}

}  // namespace
