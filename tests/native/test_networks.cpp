// Each network's outputs against the reference's (cv2.dnn on the original Caffe models) on
// the same inputs, dumped by mtcnn_ref.py --dump-stages (tests/fixtures/networks.safetensors,
// made by tools/make_fixtures.py). Float32 networks that sum in another order agree to
// ~1e-6; the tolerance leaves a little room, no more.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "cascade/crop_stage.h"
#include "cascade/pyramid.h"
#include "imaging/resize_area.h"
#include "nn/onet.h"
#include "nn/pnet.h"
#include "nn/rnet.h"
#include "runtime/thread_pool.h"
#include "unit_fixtures.h"

namespace {

constexpr double kTol = 2e-5;

const mtcnn::Tensor& Fixture(const std::string& name) {
  const mtcnn::Tensor* t = mtcnn_test::NetworkFixtures().Find(name);
  if (t == nullptr) throw std::runtime_error("fixture tensor missing: " + name);
  return *t;
}

class Networks : public ::testing::TestWithParam<int> {  // parameter: threads
 protected:
  void SetUp() override { mtcnn::InitializeXnnpack(); }
  mtcnn::ThreadPool pool_{GetParam()};
};

TEST_P(Networks, PnetMatchesReference) {
  const mtcnn::Tensor& in_u8 = Fixture("pnet.input_u8");  // [h, w, 3]
  const mtcnn::Tensor& prob = Fixture("pnet.prob_face");  // [h', w']
  const mtcnn::Tensor& reg = Fixture("pnet.reg");         // [h', w', 4]
  const size_t h = in_u8.shape[0], w = in_u8.shape[1];
  const std::vector<float> input = mtcnn_test::NormalizedPnetFixtureInput();
  mtcnn::Pnet pnet(mtcnn_test::DefaultWeights());
  mtcnn::NetOutput out;
  pnet.Run(input.data(), h, w, pool_.get(), &out);
  ASSERT_EQ(mtcnn::Pnet::MapSize(h), prob.shape[0]);
  ASSERT_EQ(mtcnn::Pnet::MapSize(w), prob.shape[1]);
  ASSERT_EQ(out.rows, prob.data.size());
  double max_prob = 0, max_reg = 0;
  for (size_t i = 0; i < out.rows; ++i) {
    max_prob =
        std::max(max_prob, std::abs(out.FaceProbability(i) - static_cast<double>(prob.data[i])));
    for (int k = 0; k < 4; ++k) {
      max_reg = std::max(max_reg,
                         std::abs(out.BoxOffsets(i)[k] - static_cast<double>(reg.data[i * 4 + k])));
    }
  }
  EXPECT_LT(max_prob, kTol);
  EXPECT_LT(max_reg, kTol);
}

TEST_P(Networks, PyramidLevelIsBitExact) {
  // The fixture's P-Net input is the reference's uint8 pyramid level of the astronaut.
  const mtcnn::Tensor& in_u8 = Fixture("pnet.input_u8");
  const mtcnn::ImageU8 image =
      mtcnn_test::PackedImageOf(mtcnn_test::FixtureImage("skimage_astronaut.png"));
  const auto levels = mtcnn::PyramidLevels(image.width, image.height, 20, 0.709);
  const auto& last = levels.back();
  ASSERT_EQ(static_cast<size_t>(last.height), in_u8.shape[0]);
  ASSERT_EQ(static_cast<size_t>(last.width), in_u8.shape[1]);
  mtcnn::ImageU8 level;
  mtcnn::ResizeArea(image, last.width, last.height, &level);
  size_t mismatches = 0;
  for (size_t i = 0; i < level.pixels.size(); ++i) mismatches += level.pixels[i] != in_u8.data[i];
  EXPECT_EQ(mismatches, 0u);
}

// The crop stage over crops already made: its build step copies them in.
template <typename Net>
void RunStage(mtcnn::CropStage<Net>* stage, const float* crops, size_t n, pthreadpool_t pool,
              mtcnn::NetOutput* out) {
  std::vector<float> input;
  const size_t crop_floats = Net::kInputSize * Net::kInputSize * 3;
  const auto copy = [&](size_t, size_t first, size_t m, float* dst, pthreadpool_t) {
    std::copy(crops + first * crop_floats, crops + (first + m) * crop_floats, dst);
  };
  stage->Run(n, pool, copy, &input, out);
}

template <typename Net>
void CheckBatchNet(const mtcnn::ThreadPool& pool, const std::string& prefix, bool landmarks) {
  const mtcnn::Tensor& input = Fixture(prefix + ".input");  // [n, s, s, 3]
  const mtcnn::Tensor& prob = Fixture(prefix + ".prob_face");
  const mtcnn::Tensor& reg = Fixture(prefix + ".reg");
  const size_t n = input.shape[0];
  ASSERT_EQ(input.shape[1], Net::kInputSize);
  mtcnn::CropStage<Net> net(mtcnn_test::DefaultWeights(), pool.threads());
  mtcnn::NetOutput out;
  RunStage(&net, input.data.data(), n, pool.get(), &out);
  ASSERT_EQ(out.rows, n);
  double max_prob = 0, max_reg = 0, max_lm = 0;
  for (size_t i = 0; i < n; ++i) {
    max_prob =
        std::max(max_prob, std::abs(out.FaceProbability(i) - static_cast<double>(prob.data[i])));
    for (int k = 0; k < 4; ++k) {
      max_reg = std::max(max_reg,
                         std::abs(out.BoxOffsets(i)[k] - static_cast<double>(reg.data[i * 4 + k])));
    }
    if (landmarks) {
      // The reference's landmarks: five x, then five y.
      const mtcnn::Tensor& lm = Fixture(prefix + ".landmarks");
      for (int k = 0; k < 5; ++k) {
        max_lm = std::max(max_lm,
                          std::abs(out.LandmarkX(i, k) - static_cast<double>(lm.data[i * 10 + k])));
        max_lm = std::max(
            max_lm, std::abs(out.LandmarkY(i, k) - static_cast<double>(lm.data[i * 10 + 5 + k])));
      }
    }
  }
  EXPECT_LT(max_prob, kTol);
  EXPECT_LT(max_reg, kTol);
  EXPECT_LT(max_lm, kTol);
  // The same crops one at a time give the same numbers as the batch (batch independence).
  mtcnn::NetOutput one;
  RunStage(&net, input.data.data() + (n - 1) * input.data.size() / n, 1, pool.get(), &one);
  EXPECT_NEAR(one.FaceProbability(0), out.FaceProbability(n - 1), 1e-6);
}

TEST_P(Networks, RnetMatchesReference) { CheckBatchNet<mtcnn::Rnet>(pool_, "rnet", false); }
TEST_P(Networks, OnetMatchesReference) { CheckBatchNet<mtcnn::Onet>(pool_, "onet", true); }

INSTANTIATE_TEST_SUITE_P(Threads, Networks, ::testing::Values(1, 2));

}  // namespace
