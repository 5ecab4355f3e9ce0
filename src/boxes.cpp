#include "boxes.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace mtcnn {

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
  std::vector<int> picks;
  std::vector<int> rest;
  rest.reserve(n);
  while (!order.empty()) {
    const int i = order.front();
    picks.push_back(i);
    const Box& bi = boxes[i];
    rest.clear();
    for (size_t k = 1; k < order.size(); ++k) {
      const int j = order[k];
      const Box& bj = boxes[j];
      const double w = std::max(0.0, std::min(bi.x2, bj.x2) - std::max(bi.x1, bj.x1) + 1);
      const double h = std::max(0.0, std::min(bi.y2, bj.y2) - std::max(bi.y1, bj.y1) + 1);
      const double inter = w * h;
      const double o = method == NmsMethod::kMin ? inter / std::min(area[i], area[j])
                                                 : inter / (area[i] + area[j] - inter);
      if (o <= threshold) rest.push_back(j);
    }
    order.swap(rest);
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
