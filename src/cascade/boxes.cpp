#include "cascade/boxes.h"

#include <algorithm>
#include <cmath>

namespace mtcnn {
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

CropWindow PadBox(const Box& b, int image_width, int image_height) {
  CropWindow c;
  c.width = static_cast<int>(b.x2 - b.x1 + 1);
  c.height = static_cast<int>(b.y2 - b.y1 + 1);
  c.window_x0 = 1;
  c.window_y0 = 1;
  c.window_x1 = c.width;
  c.window_y1 = c.height;
  c.image_x0 = static_cast<int>(b.x1);
  c.image_y0 = static_cast<int>(b.y1);
  c.image_x1 = static_cast<int>(b.x2);
  c.image_y1 = static_cast<int>(b.y2);
  if (c.image_x1 > image_width) {
    c.window_x1 = -c.image_x1 + image_width + c.width;
    c.image_x1 = image_width;
  }
  if (c.image_y1 > image_height) {
    c.window_y1 = -c.image_y1 + image_height + c.height;
    c.image_y1 = image_height;
  }
  if (c.image_x0 < 1) {
    c.window_x0 = 2 - c.image_x0;
    c.image_x0 = 1;
  }
  if (c.image_y0 < 1) {
    c.window_y0 = 2 - c.image_y0;
    c.image_y0 = 1;
  }
  return c;
}

}  // namespace mtcnn
