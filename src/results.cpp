#include "mtcnn/results.h"

namespace mtcnn {

const char* KeypointName(int k) {
  static const char* const kNames[kNumKeypoints] = {"left_eye", "right_eye", "nose", "mouth_left",
                                                    "mouth_right"};
  return k >= 0 && k < kNumKeypoints ? kNames[k] : "";
}

}  // namespace mtcnn
