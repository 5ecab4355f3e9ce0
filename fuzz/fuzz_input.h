// The fuzz targets read their parameters off the front of libFuzzer's input a byte at a
// time; what is left over is their payload (pixels).
#pragma once

#include <cstddef>
#include <cstdint>

namespace mtcnn_fuzz {

struct FuzzInput {
  const uint8_t* data;
  size_t size;
  // The next byte, or 0 once the input has run out.
  uint8_t Byte() {
    if (size == 0) return 0;
    --size;
    return *data++;
  }
};

}  // namespace mtcnn_fuzz
