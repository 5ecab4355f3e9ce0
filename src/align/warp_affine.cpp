#include "align/warp_affine.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

namespace mtcnn {
namespace {

constexpr int kAbBits = 10;  // source positions are first rounded to 1/1024 pixel
constexpr int kInterBits = 5;
constexpr int kInterTabSize = 1 << kInterBits;
constexpr int kCoefBits = 15;
// Rounds the 1/1024 position to the nearest 1/32.
constexpr int64_t kRoundDelta = (1 << kAbBits) / kInterTabSize / 2;

// OpenCV's saturate_cast<int>(double): round half to even, clamped.
int64_t SaturateRound(double v) {
  if (std::isnan(v)) return 0;
  const double r = std::nearbyint(v);
  constexpr double lo = std::numeric_limits<int32_t>::min();
  constexpr double hi = std::numeric_limits<int32_t>::max();
  return static_cast<int64_t>(std::clamp(r, lo, hi));
}

// cv::warpAffine's inversion of M into the destination-to-source map.
Affine Invert(const Affine& m) {
  double d = m[0] * m[4] - m[1] * m[3];
  d = d != 0 ? 1. / d : 0;
  Affine inv = m;
  const double a11 = m[4] * d, a22 = m[0] * d;
  inv[0] = a11;
  inv[1] = m[1] * -d;
  inv[3] = m[3] * -d;
  inv[4] = a22;
  inv[2] = -inv[0] * m[2] - inv[1] * m[5];
  inv[5] = -inv[3] * m[2] - inv[4] * m[5];
  return inv;
}

}  // namespace

void WarpAffineBilinear(const ImageU8& rgb, const Affine& m, int size, uint8_t* rgba) {
  const Affine inv = Invert(m);
  constexpr double kScale = 1 << kAbBits;
  std::vector<int64_t> x_step(size), y_step(size);
  for (int x = 0; x < size; ++x) {
    x_step[x] = SaturateRound(inv[0] * x * kScale);
    y_step[x] = SaturateRound(inv[3] * x * kScale);
  }
  const int64_t w = rgb.width, h = rgb.height;
  for (int y = 0; y < size; ++y) {
    const int64_t x0 = SaturateRound((inv[1] * y + inv[2]) * kScale) + kRoundDelta;
    const int64_t y0 = SaturateRound((inv[4] * y + inv[5]) * kScale) + kRoundDelta;
    uint8_t* out = rgba + static_cast<size_t>(y) * size * 4;
    for (int x = 0; x < size; ++x, out += 4) {
      const int64_t sx = (x0 + x_step[x]) >> (kAbBits - kInterBits);
      const int64_t sy = (y0 + y_step[x]) >> (kAbBits - kInterBits);
      const int64_t ix = sx >> kInterBits, iy = sy >> kInterBits;
      const int fx = static_cast<int>(sx & (kInterTabSize - 1));
      const int fy = static_cast<int>(sy & (kInterTabSize - 1));
      const int weights[4] = {(kInterTabSize - fx) * (kInterTabSize - fy) * kInterTabSize,
                              fx * (kInterTabSize - fy) * kInterTabSize,
                              (kInterTabSize - fx) * fy * kInterTabSize, fx * fy * kInterTabSize};
      int sum[3] = {0, 0, 0};
      for (int k = 0; k < 4; ++k) {
        const int64_t px = ix + (k & 1), py = iy + (k >> 1);
        if (px < 0 || px >= w || py < 0 || py >= h) continue;  // the border value 0
        const uint8_t* p = rgb.Row(static_cast<int>(py)) + px * 3;
        for (int c = 0; c < 3; ++c) sum[c] += p[c] * weights[k];
      }
      for (int c = 0; c < 3; ++c) {
        out[c] = static_cast<uint8_t>(
            std::clamp((sum[c] + (1 << (kCoefBits - 1))) >> kCoefBits, 0, 255));
      }
      out[3] = 255;
    }
  }
}

}  // namespace mtcnn
