// Pyramid scales and sizes: the reference's loop on 640x480 at min_face_size 20 (SPEC.md: 10
// levels) and the edge cases of its loop condition.
#include <gtest/gtest.h>

#include <cmath>

#include "cascade/pyramid.h"

namespace {

TEST(Pyramid, Test640HasTenLevels) {
  const auto levels = mtcnn::PyramidLevels(640, 480, 20, 0.709);
  ASSERT_EQ(levels.size(), 10u);
  EXPECT_DOUBLE_EQ(levels[0].scale, 0.6);
  EXPECT_EQ(levels[0].width, 384);
  EXPECT_EQ(levels[0].height, 288);
  for (size_t k = 0; k < levels.size(); ++k) {
    EXPECT_DOUBLE_EQ(levels[k].scale, 0.6 * std::pow(0.709, static_cast<double>(k)));
    EXPECT_EQ(levels[k].width, static_cast<int>(std::ceil(640 * levels[k].scale)));
  }
  // The last level still has min side >= 12 in the loop's repeatedly multiplied measure.
  EXPECT_GE(std::min(levels.back().width, levels.back().height), 12);
}

TEST(Pyramid, LargerMinFaceMeansFewerLevels) {
  EXPECT_EQ(mtcnn::PyramidLevels(640, 480, 80, 0.709).size(), 6u);
  EXPECT_LT(mtcnn::PyramidLevels(640, 480, 40, 0.709).size(), 10u);
}

TEST(Pyramid, ImageSmallerThanMinFaceHasNoLevels) {
  EXPECT_TRUE(mtcnn::PyramidLevels(30, 30, 40, 0.709).empty());   // 30 * 12 / 40 = 9 < 12
  EXPECT_EQ(mtcnn::PyramidLevels(12, 12, 12, 0.709).size(), 1u);  // exactly 12 is kept
}

TEST(Pyramid, SmallMinFaceUpscales) {
  const auto levels = mtcnn::PyramidLevels(100, 50, 6, 0.709);
  EXPECT_DOUBLE_EQ(levels[0].scale, 2.0);
  EXPECT_EQ(levels[0].width, 200);
  EXPECT_EQ(levels[0].height, 100);
}

}  // namespace
