// Stage-2/3 network inputs: each box's image window, zero-padded where it leaves the image,
// resized (INTER_AREA on float64) to size x size and normalised, as the seed builds them.
#pragma once

#include <pthreadpool.h>

#include <cstddef>
#include <vector>

#include "boxes.h"
#include "image.h"

namespace mtcnn {

class CropBuilder {
 public:
  // Writes n = boxes.size() crops into out as [n, size, size, 3] float32 (NHWC, natural
  // orientation), crops split over `pool`. Returns false where the seed aborts the whole
  // stage: a crop with a side that is not positive.
  bool Build(const ImageU8& image, const std::vector<Box>& boxes, int size, std::vector<float>* out,
             pthreadpool_t pool);

  // Per-thread working images.
  struct Scratch {
    ImageF64 window, resized;
  };

 private:
  std::vector<Scratch> scratch_;  // one per pool thread, reused between calls
};

// (v - 127.5) * 0.0078125: the seed's input normalisation.
inline double Normalize(double v) { return (v - 127.5) * 0.0078125; }

}  // namespace mtcnn
