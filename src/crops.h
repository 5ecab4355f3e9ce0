// Stage-2/3 network inputs: each box's image window, zero-padded where it leaves the image,
// resized (INTER_AREA on float64) to size x size and normalised, as the seed builds them.
#pragma once

#include <pthreadpool.h>

#include <cstddef>
#include <cstdint>
#include <vector>

#include "boxes.h"
#include "image.h"

namespace mtcnn {

class CropBuilder {
 public:
  // False where the seed aborts the whole stage: a box whose window has a side that is not
  // positive. The other methods take boxes that pass.
  static bool Buildable(const ImageU8& image, const std::vector<Box>& boxes);

  // Makes room for scratch slots 0 .. threads-1.
  void Reserve(size_t threads);

  // Crops [first, first + count) of `boxes` into out as [count, size, size, 3] float32
  // (NHWC, natural orientation): on the calling thread with scratch slot `thread`, or with
  // `split`, spread over that pool (a slot per pool thread). A crop's numbers do not depend
  // on which thread or range builds it.
  void BuildRange(const ImageU8& image, const std::vector<Box>& boxes, int size, size_t first, size_t count,
                  float* out, size_t thread, pthreadpool_t split = nullptr);

  // Releases scratch a huge crop window left behind.
  void Trim();

  // All n = boxes.size() crops into out, split over `pool`; false (and nothing built) where
  // Buildable is.
  bool Build(const ImageU8& image, const std::vector<Box>& boxes, int size, std::vector<float>* out,
             pthreadpool_t pool);

  // Per-thread working images.
  struct Scratch {
    ImageF64 window, resized;
    std::vector<uint8_t> row;  // one window row, for the paths that hold the window whole
  };

 private:
  std::vector<Scratch> scratch_;  // one per pool thread, reused between calls
};


}  // namespace mtcnn
