// Non-maximum suppression with the seed's conventions: +1 areas, suppression when the
// overlap is strictly above the threshold, Union vs Min, ties broken by larger index.
#include <gtest/gtest.h>

#include "boxes.h"

namespace {

using mtcnn::Box;
using mtcnn::Nms;
using mtcnn::NmsMethod;

Box B(double x1, double y1, double x2, double y2, double score) {
  Box b;
  b.x1 = x1;
  b.y1 = y1;
  b.x2 = x2;
  b.y2 = y2;
  b.score = score;
  return b;
}

TEST(Nms, KeepsHighestScoreAndSuppressesOverlaps) {
  // Boxes 0 and 1 overlap heavily (IoU 81/119 = 0.68); box 2 is apart.
  const std::vector<Box> boxes = {B(0, 0, 9, 9, 0.8), B(1, 1, 10, 10, 0.9), B(20, 20, 29, 29, 0.7)};
  EXPECT_EQ(Nms(boxes, 0.5, NmsMethod::kUnion), (std::vector<int>{1, 2}));
  EXPECT_EQ(Nms(boxes, 0.7, NmsMethod::kUnion), (std::vector<int>{1, 0, 2}));
}

TEST(Nms, OverlapEqualToThresholdIsKept) {
  // Inclusive areas: 10x10 each, intersection 10x5 = 50, union 150 -> IoU 1/3 exactly.
  const std::vector<Box> boxes = {B(0, 0, 9, 9, 0.9), B(0, 5, 9, 14, 0.8)};
  EXPECT_EQ(Nms(boxes, 1.0 / 3.0, NmsMethod::kUnion), (std::vector<int>{0, 1}));
  EXPECT_EQ(Nms(boxes, 0.3, NmsMethod::kUnion), (std::vector<int>{0}));
}

TEST(Nms, MinDividesByTheSmallerArea) {
  // A small box inside a big one: IoU = 16/400 but overlap/min area = 1.
  const std::vector<Box> boxes = {B(0, 0, 19, 19, 0.95), B(5, 5, 8, 8, 0.99)};
  EXPECT_EQ(Nms(boxes, 0.7, NmsMethod::kUnion), (std::vector<int>{1, 0}));
  EXPECT_EQ(Nms(boxes, 0.7, NmsMethod::kMin), (std::vector<int>{1}));
}

TEST(Nms, EqualScoresPickTheLargerIndexFirst) {
  const std::vector<Box> boxes = {B(0, 0, 9, 9, 1.0), B(1, 0, 10, 9, 1.0), B(50, 50, 60, 60, 1.0)};
  EXPECT_EQ(Nms(boxes, 0.5, NmsMethod::kUnion), (std::vector<int>{2, 1}));
}

TEST(Nms, EmptyInput) { EXPECT_TRUE(Nms({}, 0.5, NmsMethod::kUnion).empty()); }

}  // namespace
