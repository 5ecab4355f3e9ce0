#include "random_windows.h"

#include <algorithm>
#include <cmath>

namespace mtcnn::train {
namespace {

double Uniform(std::mt19937_64* rng, double lo, double hi) {
  return std::uniform_real_distribution<double>(lo, hi)(*rng);
}

// A square of `side` pixels with its first pixel at (x, y) (1-based), if it fits the image.
bool Square(double x, double y, double side, int width, int height, Box* out) {
  const double x1 = std::floor(x), y1 = std::floor(y), s = std::floor(side);
  if (s < 1 || x1 < 1 || y1 < 1 || x1 + s - 1 > width || y1 + s - 1 > height) return false;
  out->x1 = x1;
  out->y1 = y1;
  out->x2 = x1 + s - 1;
  out->y2 = y1 + s - 1;
  return true;
}

// A square around `face`: its side scaled by [lo, hi] of the face's, its centre moved by up to
// `shift` of the face's size.
bool AroundFace(const Box& face, double lo, double hi, double shift, int width, int height,
                std::mt19937_64* rng, Box* out) {
  const double fw = face.x2 - face.x1 + 1, fh = face.y2 - face.y1 + 1;
  const double side = Uniform(rng, lo * std::min(fw, fh), hi * std::max(fw, fh));
  const double cx = (face.x1 + face.x2) / 2 + Uniform(rng, -shift, shift) * fw;
  const double cy = (face.y1 + face.y2) / 2 + Uniform(rng, -shift, shift) * fh;
  return Square(cx - side / 2 + 0.5, cy - side / 2 + 0.5, side, width, height, out);
}

}  // namespace

std::vector<RandomWindow> RandomWindows(int width, int height,
                                        const std::vector<AnnotatedFace>& faces,
                                        const RandomWindowCounts& counts, std::mt19937_64* rng) {
  std::vector<RandomWindow> out;
  const double max_side = std::min(width, height) / 2.0;
  Box b;
  if (max_side >= counts.min_side) {
    for (int i = 0; i < counts.anywhere; ++i) {
      const double side = Uniform(rng, counts.min_side, max_side);
      if (Square(Uniform(rng, 1, width - side + 2), Uniform(rng, 1, height - side + 2), side, width,
                 height, &b)) {
        out.push_back({b, false});
      }
    }
  }
  for (const AnnotatedFace& face : faces) {
    if (face.ignore) continue;
    for (int i = 0; i < counts.around_face; ++i) {
      // Half close (mostly positives and part faces), half farther (part faces, negatives).
      const double shift = i % 2 == 0 ? 0.2 : 0.6;
      if (AroundFace(face.box, 0.8, 1.25, shift, width, height, rng, &b)) out.push_back({b, false});
    }
    if (!face.has_keypoints) continue;
    for (int i = 0; i < counts.landmark_face; ++i) {
      if (AroundFace(face.box, 0.9, 1.1, 0.1, width, height, rng, &b)) out.push_back({b, true});
    }
  }
  return out;
}

}  // namespace mtcnn::train
