// The cascade's box arithmetic, in float64 exactly as the reference's numpy code does it.
// Boxes are [x1, y1, x2, y2] in the reference's 1-based inclusive (Matlab) convention.
#pragma once

namespace mtcnn {

struct Box {
  double x1 = 0, y1 = 0, x2 = 0, y2 = 0;
  double score = 0;
  double reg[4] = {0, 0, 0, 0};  // P-Net's box offsets (dx1, dy1, dx2, dy2), applied after its NMS
};

// Stage 1's calibration: width = x2 - x1 (no +1), x1 += dx1 * width, ...
void RegressPnet(Box* b);
// Stages 2 and 3's calibration (the reference's bbreg): width = x2 - x1 + 1.
void Regress(Box* b, const float reg[4]);
// Squares a box around its centre with side max(w, h), w = x2 - x1 (rerec); x2, y2 are
// recomputed from the updated x1, y1.
void Square(Box* b);
// np.fix: truncates the corners toward zero (then int32 in the reference, so they stay
// exact).
void Truncate(Box* b);

// The reference's pad() of one (truncated) box: its window, a zero-filled buffer of the
// box's size, and the part of it inside the image, as columns and rows of the window and
// of the image. All 1-based and inclusive, as in pad() (its names in brackets).
struct CropWindow {
  int width, height;                               // the window (tmpw, tmph)
  int window_x0, window_x1, window_y0, window_y1;  // the part in the window (dx, edx, dy, edy)
  int image_x0, image_x1, image_y0, image_y1;      // the part in the image (x, ex, y, ey)
};
CropWindow PadBox(const Box& b, int image_width, int image_height);

}  // namespace mtcnn
