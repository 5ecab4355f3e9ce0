// The seed's sample kinds by IoU, exactly at their boundaries, and the targets a crop
// carries: applying the detector's own calibration to them must land on the face.
#include <gtest/gtest.h>

#include "sample_kinds.h"

namespace mtcnn::train {
namespace {

Box Pixels(double x1, double y1, double x2, double y2) {
  Box b;
  b.x1 = x1;
  b.y1 = y1;
  b.x2 = x2;
  b.y2 = y2;
  return b;
}

// A 10x10-pixel box and one of its first `rows` rows: IoU = rows / 10, exactly as the
// decimal literal (a correctly rounded division of integers).
double IouOfRows(int rows) { return Iou(Pixels(1, 1, 10, 10), Pixels(1, 1, 10, rows)); }

TEST(SampleKinds, IouUsesInclusivePixels) {
  EXPECT_EQ(Iou(Pixels(1, 1, 10, 10), Pixels(1, 1, 10, 10)), 1.0);
  EXPECT_EQ(Iou(Pixels(1, 1, 10, 10), Pixels(11, 1, 20, 10)), 0.0);
  // One shared column of ten pixels: 10 / (100 + 100 - 10).
  EXPECT_DOUBLE_EQ(Iou(Pixels(1, 1, 10, 10), Pixels(10, 1, 19, 10)), 10.0 / 190);
  EXPECT_EQ(IouOfRows(3), 0.3);
  EXPECT_EQ(IouOfRows(4), 0.4);
}

TEST(SampleKinds, BoundariesAreExact) {
  EXPECT_EQ(KindByIou(std::nextafter(0.3, 0)), SampleKind::kNegative);
  EXPECT_EQ(KindByIou(IouOfRows(2)), SampleKind::kNegative);
  EXPECT_EQ(KindByIou(IouOfRows(3)), std::nullopt);  // 0.3 is not a negative any more
  EXPECT_EQ(KindByIou(std::nextafter(0.4, 0)), std::nullopt);
  EXPECT_EQ(KindByIou(IouOfRows(4)), SampleKind::kPart);  // 0.4 is a part face
  EXPECT_EQ(KindByIou(std::nextafter(0.65, 0)), SampleKind::kPart);
  EXPECT_EQ(KindByIou(0.65), SampleKind::kPositive);  // 0.65 is a positive
  EXPECT_EQ(KindByIou(Iou(Pixels(1, 1, 20, 20), Pixels(1, 1, 20, 13))), SampleKind::kPositive);
  EXPECT_EQ(KindByIou(1.0), SampleKind::kPositive);
  EXPECT_EQ(KindByIou(0.0), SampleKind::kNegative);
}

TEST(SampleKinds, BetaSelectsTheTasks) {
  // Classification from negatives and positives, boxes from positives and part faces,
  // landmarks from landmark faces.
  const TaskMask neg = TasksOf(SampleKind::kNegative), pos = TasksOf(SampleKind::kPositive);
  const TaskMask part = TasksOf(SampleKind::kPart), lmk = TasksOf(SampleKind::kLandmark);
  EXPECT_TRUE(neg.detection && !neg.box && !neg.landmarks);
  EXPECT_TRUE(pos.detection && pos.box && !pos.landmarks);
  EXPECT_TRUE(!part.detection && part.box && !part.landmarks);
  EXPECT_TRUE(!lmk.detection && !lmk.box && lmk.landmarks);
}

TEST(SampleKinds, BoxTargetsOfAKnownCrop) {
  // A 40-pixel crop at (101, 51) and a face [110, 60, 30, 28] (x2 = 140, y2 = 88).
  const Box window = Pixels(101, 51, 140, 90);
  const Box face = Pixels(110, 60, 140, 88);
  const std::array<float, 4> r = BoxTargets(NetKind::kRnet, window, face);
  EXPECT_FLOAT_EQ(r[0], 9.0f / 40);
  EXPECT_FLOAT_EQ(r[1], 9.0f / 40);
  EXPECT_FLOAT_EQ(r[2], 0.0f);
  EXPECT_FLOAT_EQ(r[3], -2.0f / 40);
  // P-Net's calibration measures the side as x2 - x1.
  const std::array<float, 4> p = BoxTargets(NetKind::kPnet, window, face);
  EXPECT_FLOAT_EQ(p[0], 9.0f / 39);
  EXPECT_FLOAT_EQ(p[3], -2.0f / 39);
}

TEST(SampleKinds, TargetsInvertTheDetectorsCalibration) {
  const Box window = Pixels(37, 12, 84, 59);
  const Box face = Pixels(41.25, 9.5, 88.75, 61.5);
  Box r = window;
  const std::array<float, 4> t = BoxTargets(NetKind::kOnet, window, face);
  Regress(&r, t.data());  // stages 2 and 3
  EXPECT_NEAR(r.x1, face.x1, 1e-4);
  EXPECT_NEAR(r.y1, face.y1, 1e-4);
  EXPECT_NEAR(r.x2, face.x2, 1e-4);
  EXPECT_NEAR(r.y2, face.y2, 1e-4);
  Box p = window;
  const std::array<float, 4> tp = BoxTargets(NetKind::kPnet, window, face);
  std::copy(tp.begin(), tp.end(), p.reg);
  RegressPnet(&p);  // stage 1
  EXPECT_NEAR(p.x1, face.x1, 1e-4);
  EXPECT_NEAR(p.y2, face.y2, 1e-4);
}

TEST(SampleKinds, LandmarkTargetsOfAKnownCrop) {
  AnnotatedFace face;
  face.box = Pixels(110, 60, 140, 88);
  face.has_keypoints = true;
  face.keypoints = {{{120, 70}, {130, 70}, {125, 76}, {121, 82}, {129, 82}}};
  const Box window = Pixels(101, 51, 140, 90);  // 40 x 40
  const std::array<float, 10> t = LandmarkTargets(window, face);
  EXPECT_FLOAT_EQ(t[0], 20.0f / 40);  // (120 - 101 + 1) / 40
  EXPECT_FLOAT_EQ(t[4], 29.0f / 40);
  EXPECT_FLOAT_EQ(t[5], 20.0f / 40);  // (70 - 51 + 1) / 40
  EXPECT_FLOAT_EQ(t[9], 32.0f / 40);
  // The detector's placement (cascade.cpp's OnetFace) gives the keypoints back.
  for (int k = 0; k < 5; ++k) {
    EXPECT_NEAR(40 * t[k] + window.x1 - 1, face.keypoints[k][0], 1e-4);
    EXPECT_NEAR(40 * t[5 + k] + window.y1 - 1, face.keypoints[k][1], 1e-4);
  }
}

}  // namespace
}  // namespace mtcnn::train
