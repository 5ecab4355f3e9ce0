// Non-maximum suppression with the reference's conventions: +1 areas, suppression when the
// overlap is strictly above the threshold, Union vs Min, ties broken by larger index.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "cascade/nms.h"

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

namespace {

// The reference's loop, quadratic: keep the best remaining box, drop the rest that overlap it.
std::vector<int> NmsByScan(const std::vector<mtcnn::Box>& boxes, double threshold,
                           NmsMethod method) {
  const int n = static_cast<int>(boxes.size());
  std::vector<double> area(n);
  for (int i = 0; i < n; ++i)
    area[i] = (boxes[i].x2 - boxes[i].x1 + 1) * (boxes[i].y2 - boxes[i].y1 + 1);
  std::vector<int> order(n);
  for (int i = 0; i < n; ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](int a, int b) {
    if (boxes[a].score != boxes[b].score) return boxes[a].score > boxes[b].score;
    return a > b;
  });
  std::vector<int> picks;
  while (!order.empty()) {
    const int i = order.front();
    picks.push_back(i);
    std::vector<int> rest;
    for (size_t k = 1; k < order.size(); ++k) {
      const int j = order[k];
      const mtcnn::Box& a = boxes[i];
      const mtcnn::Box& b = boxes[j];
      const double w = std::max(0.0, std::min(a.x2, b.x2) - std::max(a.x1, b.x1) + 1);
      const double h = std::max(0.0, std::min(a.y2, b.y2) - std::max(a.y1, b.y1) + 1);
      const double inter = w * h;
      const double o = method == NmsMethod::kMin ? inter / std::min(area[i], area[j])
                                                 : inter / (area[i] + area[j] - inter);
      if (o <= threshold) rest.push_back(j);
    }
    order = rest;
  }
  return picks;
}

}  // namespace

TEST(Nms, EqualsTheReferencesQuadraticLoopOnRandomBoxes) {
  std::mt19937 rng(5);
  std::uniform_real_distribution<double> pos(-50, 400), size(0, 120), score(0, 1);
  for (int trial = 0; trial < 300; ++trial) {
    std::vector<mtcnn::Box> boxes(1 + rng() % 300);
    for (mtcnn::Box& b : boxes) {
      b.x1 = std::trunc(pos(rng));
      b.y1 = std::trunc(pos(rng));
      b.x2 = b.x1 + std::trunc(size(rng));
      b.y2 = b.y1 + std::trunc(size(rng));
      b.score = std::round(score(rng) * 20) / 20;  // many ties
      switch (rng() % 40) {                        // now and then a degenerate or extreme box
        case 0: b.x2 = b.x1 - 1; break;            // zero width (+1 convention)
        case 1: b.y2 = b.y1 - 5; break;            // negative height
        case 2: b.x1 = std::nan(""); break;
        case 3: b.x2 = 1e12; break;  // far too big for the grid
        case 4:
          b.x2 = b.x1 + 3000;
          b.y2 = b.y1 + 3000;
          break;  // spans many cells
        default: break;
      }
    }
    for (double t : {0.0, 0.3, 0.5, 0.7}) {
      for (NmsMethod m : {NmsMethod::kUnion, NmsMethod::kMin}) {
        ASSERT_EQ(Nms(boxes, t, m), NmsByScan(boxes, t, m))
            << "trial " << trial << " threshold " << t;
      }
    }
  }
}
