// Step 0 of the cascade: the image pyramid's scales and level sizes.
#pragma once

#include <vector>

namespace mtcnn {

struct PyramidLevel {
  double scale;  // nominal scale m * f^k, used to map P-Net cells back to the image
  int width;     // ceil(image width * scale)
  int height;
};

// The reference's loop: m = 12 / min_face_size; the loop test multiplies min(h, w) * m by the
// factor repeatedly, while each scale is m * pow(factor, k) (the two can differ in the last
// bit, and the loop test decides how many levels there are).
std::vector<PyramidLevel> PyramidLevels(int width, int height, double min_face_size,
                                        double scale_factor);

}  // namespace mtcnn
