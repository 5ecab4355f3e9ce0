// Checking a Config (mtcnn/detector.h) as a whole.
#pragma once

#include "mtcnn/detector.h"

namespace mtcnn {

// Throws Error(kInvalidOption) naming the first value out of range and the range.
void ValidateConfig(const Config& config);

}  // namespace mtcnn
