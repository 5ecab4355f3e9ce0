// weights/mtcnn.safetensors, compiled into the binary: the weights a detector loads unless
// it is given others.
#pragma once

#include "mtcnn/detector.h"

namespace mtcnn {

WeightsFile DefaultWeights();

}  // namespace mtcnn
