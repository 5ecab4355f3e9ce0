#include "cascade/pyramid.h"

#include <algorithm>
#include <cmath>

namespace mtcnn {

std::vector<PyramidLevel> PyramidLevels(int width, int height, double min_face_size,
                                        double scale_factor) {
  std::vector<PyramidLevel> levels;
  const double m = 12.0 / min_face_size;
  double min_layer = std::min(height, width) * m;
  for (int k = 0; min_layer >= 12; ++k) {
    const double scale = m * std::pow(scale_factor, static_cast<double>(k));
    levels.push_back({scale, static_cast<int>(std::ceil(width * scale)),
                      static_cast<int>(std::ceil(height * scale))});
    min_layer = min_layer * scale_factor;
  }
  return levels;
}

}  // namespace mtcnn
