// One detection, in the seed's conventions (SPEC.md's output contract).
#pragma once

#include <array>

namespace mtcnn {

enum Keypoint { kLeftEye = 0, kRightEye, kNose, kMouthLeft, kMouthRight, kNumKeypoints };
const char* KeypointName(int k);

struct Face {
  // Final calibrated box in the seed's 1-based convention: x1, y1 and x2 - x1, y2 - y1.
  std::array<double, 4> box;
  double confidence;  // O-Net face probability (a float32 value)
  // 0-based landmark coordinates (float32 values), in Keypoint order.
  std::array<std::array<float, 2>, kNumKeypoints> keypoints;
};

}  // namespace mtcnn
