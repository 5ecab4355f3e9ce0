// The fourth stage's rules (landmark_refiner.h, after MTCNNv2's detect_face.m) and LNet in
// the detector. tests/node/refine_landmarks.test.mjs checks the refined points against an
// independent numpy LNet on the Caffe weights.
#include "cascade/landmark_refiner.h"

#include <gtest/gtest.h>

#include <cmath>

#include "fixtures.h"
#include "mtcnn/detector.h"
#include "mtcnn/errors.h"

namespace mtcnn {
namespace {

Face FaceOfSize(double w, double h) {
  Face f{};
  f.box = {50, 60, w, h};
  return f;
}

TEST(LandmarkPatch, IsAQuarterOfTheLongerInclusiveSideMadeEven) {
  EXPECT_EQ(LandmarkPatchSide(FaceOfSize(39, 30)), 10);   // 40 / 4
  EXPECT_EQ(LandmarkPatchSide(FaceOfSize(43, 50)), 12);   // 51 / 4 = 12.75, truncated
  EXPECT_EQ(LandmarkPatchSide(FaceOfSize(59, 20)), 16);   // 60 / 4 = 15, made even
  EXPECT_EQ(LandmarkPatchSide(FaceOfSize(6.5, 2.0)), 2);  // 7.5 / 4 = 1.875 -> 1 -> 2
  EXPECT_EQ(LandmarkPatchSide(FaceOfSize(2.0, 2.0)), 0);  // 3 / 4 -> 0
}

TEST(LandmarkPatch, StartsHalfASideBeforeThePointTruncatedTowardZero) {
  const Box b = LandmarkPatchBox(10.7f, -3.2f, 10);
  EXPECT_EQ(b.x1, 5);   // fix(5.7)
  EXPECT_EQ(b.y1, -8);  // fix(-8.2)
  EXPECT_EQ(b.x2, 15);
  EXPECT_EQ(b.y2, 2);
}

TEST(LandmarkPatch, MovesFromTheUntruncatedCornerAndOnlyWithinTheBound) {
  // Measured from p - side / 2, not from the truncated corner.
  EXPECT_FLOAT_EQ(RefinedCoordinate(100.25f, 10, 0.6f), 101.25f);
  EXPECT_FLOAT_EQ(RefinedCoordinate(100.25f, 10, 0.5f), 100.25f);
  EXPECT_TRUE(RefinedPlaceTrusted(0.84f, 0.16f));
  EXPECT_FALSE(RefinedPlaceTrusted(0.86f, 0.5f));
  EXPECT_FALSE(RefinedPlaceTrusted(0.5f, 0.14f));
  EXPECT_FALSE(RefinedPlaceTrusted(NAN, 0.5f));
}

WeightsFile FileOf(const std::vector<uint8_t>& bytes) { return {bytes.data(), bytes.size()}; }

TEST(RefineLandmarks, MovesOnlyKeypointsAndNeedsLnet) {
  const mtcnn_cli::RgbImage img = mtcnn_test::FixtureImage("2007_007763.png");
  const std::vector<uint8_t> lnet = mtcnn_test::ReadBytes(MTCNN_LNET_WEIGHTS_FILE);
  Config config;
  Detector plain(config);
  config.detection.refine_landmarks = true;
  Detector refined(config, std::nullopt, FileOf(lnet));
  const std::vector<Face> a = plain.Detect(img.view());
  const std::vector<Face> b = refined.Detect(img.view());
  ASSERT_EQ(a.size(), 7u);
  ASSERT_EQ(b.size(), a.size());
  int moved = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].box, b[i].box);
    EXPECT_EQ(a[i].confidence, b[i].confidence);
    for (int k = 0; k < kNumKeypoints; ++k) moved += a[i].keypoints[k] != b[i].keypoints[k];
  }
  EXPECT_GE(moved, 30);
  EXPECT_EQ(refined.last_timings().lnet_faces, 7);
  EXPECT_GT(refined.last_timings().lnet, 0);

  // Without LNet the option is refused, when made or reconfigured, and nothing changes.
  EXPECT_THROW(Detector bad(config), Error);
  Config off = plain.config();
  off.detection.refine_landmarks = true;
  try {
    plain.Reconfigure(off);
    FAIL() << "refine_landmarks without LNet was accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kInvalidOption);
  }
  EXPECT_FALSE(plain.config().detection.refine_landmarks);
  EXPECT_EQ(plain.Detect(img.view()).size(), 7u);
}

TEST(RefineLandmarks, RefusesWeightsWithoutLnet) {
  const std::vector<uint8_t> main_file = mtcnn_test::ReadBytes(MTCNN_WEIGHTS_FILE);
  try {
    Detector d(Config{}, std::nullopt, FileOf(main_file));
    FAIL() << "a weights file without LNet was accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kInvalidWeights);
  }
}

}  // namespace
}  // namespace mtcnn
