#include "boxes.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <unordered_map>

namespace mtcnn {

namespace {

// The seed's overlap of a kept box i with a later box j, with numpy's operations in numpy's
// order (the result decides ties at the threshold bit for bit).
double Overlap(const Box& bi, double area_i, const Box& bj, double area_j, NmsMethod method) {
  const double w = std::max(0.0, std::min(bi.x2, bj.x2) - std::max(bi.x1, bj.x1) + 1);
  const double h = std::max(0.0, std::min(bi.y2, bj.y2) - std::max(bi.y1, bj.y1) + 1);
  const double inter = w * h;
  return method == NmsMethod::kMin ? inter / std::min(area_i, area_j) : inter / (area_i + area_j - inter);
}

// Kept boxes by the grid cells they cover, so that a box is compared only with kept boxes
// that can intersect it. Between two boxes of positive area and finite corners, no
// intersection means an overlap of exactly 0, which never suppresses; so the greedy result
// is the seed's. Boxes that are degenerate (area not > 0, corners not finite) or span too
// many cells are compared with everything, as in the seed.
class KeptBoxes {
 public:
  KeptBoxes(const std::vector<Box>& boxes, const std::vector<double>& area) : boxes_(boxes), area_(area) {
    double sides = 0;
    int n = 0;
    for (size_t i = 0; i < boxes.size(); ++i) {
      if (Regular(static_cast<int>(i))) {
        sides += boxes[i].x2 - boxes[i].x1 + 1;
        ++n;
      }
    }
    cell_ = std::max(8.0, n ? sides / n : 8.0);
  }

  // Whether box j survives every kept box so far (overlap <= threshold with each).
  bool Survives(int j, double threshold, NmsMethod method) const {
    auto passes = [&](int i) { return Overlap(boxes_[i], area_[i], boxes_[j], area_[j], method) <= threshold; };
    for (int i : everywhere_) {
      if (!passes(i)) return false;
    }
    int64_t cx0, cy0, cx1, cy1;
    if (!Cells(j, &cx0, &cy0, &cx1, &cy1)) {
      for (int i : gridded_) {
        if (!passes(i)) return false;
      }
      return true;
    }
    for (int64_t cy = cy0; cy <= cy1; ++cy) {
      for (int64_t cx = cx0; cx <= cx1; ++cx) {
        auto it = grid_.find(Key(cx, cy));
        if (it == grid_.end()) continue;
        for (int i : it->second) {
          if (!passes(i)) return false;
        }
      }
    }
    return true;
  }

  void Keep(int i) {
    int64_t cx0, cy0, cx1, cy1;
    if (!Cells(i, &cx0, &cy0, &cx1, &cy1)) {
      everywhere_.push_back(i);
      return;
    }
    gridded_.push_back(i);
    for (int64_t cy = cy0; cy <= cy1; ++cy) {
      for (int64_t cx = cx0; cx <= cx1; ++cx) grid_[Key(cx, cy)].push_back(i);
    }
  }

 private:
  static constexpr int64_t kMaxCells = 256;
  static constexpr double kMaxCoordinate = 1e9;

  bool Regular(int i) const {
    const Box& b = boxes_[i];
    return area_[i] > 0 && std::abs(b.x1) < kMaxCoordinate && std::abs(b.y1) < kMaxCoordinate &&
           std::abs(b.x2) < kMaxCoordinate && std::abs(b.y2) < kMaxCoordinate;
  }
  // The cells box i covers ([x1, x2 + 1] by [y1, y2 + 1], the +1 convention); false if it
  // is not regular or covers more than kMaxCells.
  bool Cells(int i, int64_t* cx0, int64_t* cy0, int64_t* cx1, int64_t* cy1) const {
    if (!Regular(i)) return false;
    const Box& b = boxes_[i];
    *cx0 = static_cast<int64_t>(std::floor(b.x1 / cell_));
    *cy0 = static_cast<int64_t>(std::floor(b.y1 / cell_));
    *cx1 = static_cast<int64_t>(std::floor((b.x2 + 1) / cell_));
    *cy1 = static_cast<int64_t>(std::floor((b.y2 + 1) / cell_));
    return (*cx1 - *cx0 + 1) * (*cy1 - *cy0 + 1) <= kMaxCells;
  }
  static int64_t Key(int64_t cx, int64_t cy) { return cx * (int64_t{1} << 32) + cy; }

  const std::vector<Box>& boxes_;
  const std::vector<double>& area_;
  double cell_;
  std::unordered_map<int64_t, std::vector<int>> grid_;
  std::vector<int> gridded_;     // kept boxes in the grid
  std::vector<int> everywhere_;  // kept boxes compared with every box
};

}  // namespace

std::vector<int> Nms(const std::vector<Box>& boxes, double threshold, NmsMethod method) {
  const int n = static_cast<int>(boxes.size());
  std::vector<double> area(n);
  for (int i = 0; i < n; ++i) {
    const Box& b = boxes[i];
    area[i] = (b.x2 - b.x1 + 1) * (b.y2 - b.y1 + 1);
  }
  std::vector<int> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](int a, int b) {
    if (boxes[a].score != boxes[b].score) return boxes[a].score > boxes[b].score;
    return a > b;
  });
  // The seed keeps the best remaining box and drops every later one overlapping it by more
  // than the threshold, repeatedly: a box is kept exactly when it overlaps no box kept
  // before it by more than the threshold, which KeptBoxes answers without a quadratic scan.
  std::vector<int> picks;
  KeptBoxes kept(boxes, area);
  for (int j : order) {
    if (kept.Survives(j, threshold, method)) {
      picks.push_back(j);
      kept.Keep(j);
    }
  }
  return picks;
}

std::vector<Box> Select(const std::vector<Box>& boxes, const std::vector<int>& picks) {
  std::vector<Box> out;
  out.reserve(picks.size());
  for (int i : picks) out.push_back(boxes[i]);
  return out;
}

namespace {

// x1 += dx1 * w etc., with w = x2 - x1 + extent (0 at stage 1, 1 at stages 2 and 3).
template <typename T>
void Calibrate(Box* b, const T reg[4], double extent) {
  const double w = b->x2 - b->x1 + extent;
  const double h = b->y2 - b->y1 + extent;
  const double x1 = b->x1 + reg[0] * w;
  const double y1 = b->y1 + reg[1] * h;
  const double x2 = b->x2 + reg[2] * w;
  const double y2 = b->y2 + reg[3] * h;
  b->x1 = x1;
  b->y1 = y1;
  b->x2 = x2;
  b->y2 = y2;
}

}  // namespace

void RegressPnet(Box* b) { Calibrate(b, b->reg, 0); }
void Regress(Box* b, const float reg[4]) { Calibrate(b, reg, 1); }

void Square(Box* b) {
  const double h = b->y2 - b->y1;
  const double w = b->x2 - b->x1;
  const double l = std::max(w, h);
  b->x1 = b->x1 + w * 0.5 - l * 0.5;
  b->y1 = b->y1 + h * 0.5 - l * 0.5;
  b->x2 = b->x1 + l;
  b->y2 = b->y1 + l;
}

void Truncate(Box* b) {
  b->x1 = std::trunc(b->x1);
  b->y1 = std::trunc(b->y1);
  b->x2 = std::trunc(b->x2);
  b->y2 = std::trunc(b->y2);
}

CropWindow PadBox(const Box& b, int w, int h) {
  CropWindow c;
  c.tmpw = static_cast<int>(b.x2 - b.x1 + 1);
  c.tmph = static_cast<int>(b.y2 - b.y1 + 1);
  c.dx = 1;
  c.dy = 1;
  c.edx = c.tmpw;
  c.edy = c.tmph;
  c.x = static_cast<int>(b.x1);
  c.y = static_cast<int>(b.y1);
  c.ex = static_cast<int>(b.x2);
  c.ey = static_cast<int>(b.y2);
  if (c.ex > w) {
    c.edx = -c.ex + w + c.tmpw;
    c.ex = w;
  }
  if (c.ey > h) {
    c.edy = -c.ey + h + c.tmph;
    c.ey = h;
  }
  if (c.x < 1) {
    c.dx = 2 - c.x;
    c.x = 1;
  }
  if (c.y < 1) {
    c.dy = 2 - c.y;
    c.y = 1;
  }
  return c;
}

}  // namespace mtcnn
