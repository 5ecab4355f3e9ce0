// Box helpers against values worked out by hand from the reference's numpy formulas.
#include <gtest/gtest.h>

#include "cascade/boxes.h"

namespace {

using mtcnn::Box;

TEST(Boxes, RegressPnetUsesWidthWithoutPlusOne) {
  Box b;
  b.x1 = 10, b.y1 = 20, b.x2 = 30, b.y2 = 60;
  b.reg[0] = 0.1, b.reg[1] = -0.25, b.reg[2] = 0.5, b.reg[3] = 0.0;
  mtcnn::RegressPnet(&b);
  EXPECT_DOUBLE_EQ(b.x1, 12);  // 10 + 0.1 * 20
  EXPECT_DOUBLE_EQ(b.y1, 10);  // 20 - 0.25 * 40
  EXPECT_DOUBLE_EQ(b.x2, 40);  // 30 + 0.5 * 20
  EXPECT_DOUBLE_EQ(b.y2, 60);
}

TEST(Boxes, RegressUsesWidthPlusOne) {
  Box b;
  b.x1 = 10, b.y1 = 20, b.x2 = 29, b.y2 = 59;  // w = 20, h = 40 (inclusive)
  const float reg[4] = {0.5f, 0.25f, -0.5f, 1.0f};
  mtcnn::Regress(&b, reg);
  EXPECT_DOUBLE_EQ(b.x1, 20);
  EXPECT_DOUBLE_EQ(b.y1, 30);
  EXPECT_DOUBLE_EQ(b.x2, 19);
  EXPECT_DOUBLE_EQ(b.y2, 99);
}

TEST(Boxes, SquareAroundCentreFromUpdatedCorner) {
  Box b;
  b.x1 = 10, b.y1 = 20, b.x2 = 30, b.y2 = 60;  // w = 20, h = 40 -> side 40
  mtcnn::Square(&b);
  EXPECT_DOUBLE_EQ(b.x1, 0);  // 10 + 10 - 20
  EXPECT_DOUBLE_EQ(b.y1, 20);
  EXPECT_DOUBLE_EQ(b.x2, 40);  // x1 + 40
  EXPECT_DOUBLE_EQ(b.y2, 60);
}

TEST(Boxes, TruncateTowardZero) {
  Box b;
  b.x1 = -3.7, b.y1 = 2.9, b.x2 = 10.5, b.y2 = -0.2;
  mtcnn::Truncate(&b);
  EXPECT_EQ(b.x1, -3);
  EXPECT_EQ(b.y1, 2);
  EXPECT_EQ(b.x2, 10);
  EXPECT_EQ(b.y2, 0);
}

TEST(Boxes, PadInsideImageIsIdentity) {
  Box b;
  b.x1 = 5, b.y1 = 6, b.x2 = 14, b.y2 = 20;
  const mtcnn::CropWindow c = mtcnn::PadBox(b, 100, 100);
  EXPECT_EQ(c.width, 10);
  EXPECT_EQ(c.height, 15);
  EXPECT_EQ(c.window_x0, 1);
  EXPECT_EQ(c.window_x1, 10);
  EXPECT_EQ(c.window_y0, 1);
  EXPECT_EQ(c.window_y1, 15);
  EXPECT_EQ(c.image_x0, 5);
  EXPECT_EQ(c.image_x1, 14);
  EXPECT_EQ(c.image_y0, 6);
  EXPECT_EQ(c.image_y1, 20);
}

TEST(Boxes, PadClipsAtEveryEdge) {
  Box b;
  b.x1 = -4, b.y1 = 0, b.x2 = 55, b.y2 = 44;  // 60 x 45 box in a 50 x 40 image
  const mtcnn::CropWindow c = mtcnn::PadBox(b, 50, 40);
  EXPECT_EQ(c.width, 60);
  EXPECT_EQ(c.height, 45);
  EXPECT_EQ(c.image_x0, 1);
  EXPECT_EQ(c.window_x0, 6);  // 2 - (-4)
  EXPECT_EQ(c.image_x1, 50);
  EXPECT_EQ(c.window_x1, 55);  // -55 + 50 + 60
  EXPECT_EQ(c.image_y0, 1);
  EXPECT_EQ(c.window_y0, 2);
  EXPECT_EQ(c.image_y1, 40);
  EXPECT_EQ(c.window_y1, 41);
  // Same number of rows and columns on both sides of the copy.
  EXPECT_EQ(c.window_x1 - c.window_x0, c.image_x1 - c.image_x0);
  EXPECT_EQ(c.window_y1 - c.window_y0, c.image_y1 - c.image_y0);
}

}  // namespace
