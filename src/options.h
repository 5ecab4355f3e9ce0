// Detection parameters (the seed's detect_faces arguments) and their validation.
#pragma once

#include <array>

namespace mtcnn {

struct DetectionOptions {
  double min_face_size = 20;                       // pixels, >= 1
  std::array<double, 3> thresholds = {0.6, 0.7, 0.7};  // P-Net, R-Net, O-Net, each in [0, 1]
  double scale_factor = 0.709;                     // pyramid step, in (0, 1)
};

// Throws Error(kInvalidOption) naming the offending option and value.
void ValidateOptions(const DetectionOptions& options);
// threads >= 1 (and a sane upper bound).
void ValidateThreads(int threads);

}  // namespace mtcnn
