// The weights/mtcnn.safetensors file compiled into the binary.
#pragma once

#include <cstddef>
#include <cstdint>

namespace mtcnn {

struct Bytes {
  const uint8_t* data;
  size_t size;
};

Bytes DefaultWeights();

}  // namespace mtcnn
