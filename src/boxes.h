// Box arithmetic of the cascade, in float64 exactly as the seed's numpy code does it.
// Boxes are [x1, y1, x2, y2] in the seed's 1-based inclusive (Matlab) convention.
#pragma once

#include <vector>

namespace mtcnn {

struct Box {
  double x1 = 0, y1 = 0, x2 = 0, y2 = 0;
  double score = 0;
  double reg[4] = {0, 0, 0, 0};  // regression (dx1, dy1, dx2, dy2) carried with P-Net boxes
};

enum class NmsMethod { kUnion, kMin };

// Non-maximum suppression: overlaps use the +1 (inclusive) convention and a box is
// suppressed when its overlap with a kept box is > threshold. Boxes are visited by
// descending score; equal scores visit the larger index first (the golden files' stable
// order). Returns the kept indices in pick order.
std::vector<int> Nms(const std::vector<Box>& boxes, double threshold, NmsMethod method);

// Keeps boxes[picks[i]] in pick order.
std::vector<Box> Select(const std::vector<Box>& boxes, const std::vector<int>& picks);

// Stage-1 calibration: width = x2 - x1 (no +1), x1 += dx1 * width, ...
void RegressPnet(Box* b);
// Stage-2/3 calibration (bbreg): width = x2 - x1 + 1.
void Regress(Box* b, const float reg[4]);
// Squares a box around its centre with side max(w, h), w = x2 - x1 (rerec); x2, y2 are
// recomputed from the updated x1, y1.
void Square(Box* b);
// np.fix: truncates the corners toward zero (then int32 in the seed, so they stay exact).
void Truncate(Box* b);

// The seed's pad(): where a (truncated) box lies in the image and where that part goes in
// a tmph x tmpw zero-filled crop buffer. All values 1-based inclusive, as in the seed.
struct CropWindow {
  int dy, edy, dx, edx;  // destination rows/cols in the crop buffer
  int y, ey, x, ex;      // source rows/cols in the image
  int tmpw, tmph;        // crop buffer size
};
CropWindow PadBox(const Box& b, int image_width, int image_height);

}  // namespace mtcnn
