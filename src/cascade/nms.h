// Non-maximum suppression as the reference does it, without its quadratic scan.
#pragma once

#include <vector>

#include "cascade/boxes.h"

namespace mtcnn {

enum class NmsMethod { kUnion, kMin };

// Overlaps use the +1 (inclusive) convention, and a box is suppressed when its overlap with
// a kept box is > threshold. Boxes are visited by descending score; equal scores visit the
// larger index first (the golden files' stable order). Returns the kept indices in pick
// order.
std::vector<int> Nms(const std::vector<Box>& boxes, double threshold, NmsMethod method);

// The overlap of two boxes as Nms measures it (intersection over union, or over the smaller
// area, in the +1 convention).
double Overlap(const Box& a, const Box& b, NmsMethod method);

// Keeps boxes[picks[i]] in pick order.
std::vector<Box> Select(const std::vector<Box>& boxes, const std::vector<int>& picks);

}  // namespace mtcnn
