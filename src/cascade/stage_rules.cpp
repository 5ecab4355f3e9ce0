#include "cascade/stage_rules.h"

#include <cmath>

#include "cascade/nms.h"

namespace mtcnn {

Box CellBox(size_t x, size_t y, double scale, int stride, int cell, float score,
            const float offsets[4]) {
  Box b;
  b.x1 = std::trunc((static_cast<double>(stride) * x + 1) / scale);
  b.y1 = std::trunc((static_cast<double>(stride) * y + 1) / scale);
  b.x2 = std::trunc((static_cast<double>(stride) * x + cell) / scale);
  b.y2 = std::trunc((static_cast<double>(stride) * y + cell) / scale);
  b.score = score;
  for (int k = 0; k < 4; ++k) b.reg[k] = offsets[k];
  return b;
}

std::vector<Box> PickLevel(const std::vector<Box>& candidates) {
  return Select(candidates, Nms(candidates, 0.5, NmsMethod::kUnion));
}

std::vector<Box> FinishPnet(const std::vector<Box>& level_picks) {
  std::vector<Box> boxes = Select(level_picks, Nms(level_picks, 0.7, NmsMethod::kUnion));
  for (Box& b : boxes) {
    RegressPnet(&b);
    Square(&b);
    Truncate(&b);
  }
  return boxes;
}

std::vector<Box> FinishRnet(const std::vector<Box>& boxes, const std::vector<float>& scores,
                            const std::vector<const float*>& offsets, float threshold) {
  std::vector<Box> passed;
  std::vector<const float*> passed_offsets;
  for (size_t i = 0; i < boxes.size(); ++i) {
    if (!(scores[i] > threshold)) continue;
    Box b = boxes[i];
    b.score = scores[i];
    passed.push_back(b);
    passed_offsets.push_back(offsets[i]);
  }
  if (passed.empty()) return passed;
  const std::vector<int> picks = Nms(passed, 0.7, NmsMethod::kUnion);
  std::vector<Box> refined;
  refined.reserve(picks.size());
  for (int p : picks) {
    Box b = passed[p];
    Regress(&b, passed_offsets[p]);
    Square(&b);
    refined.push_back(b);
  }
  return refined;
}

}  // namespace mtcnn
