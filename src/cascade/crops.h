// Stages 2 and 3's network inputs for a whole stage: crop_window.h's crops, built on the
// calling thread or spread over a pool, with scratch kept between calls.
#pragma once

#include <pthreadpool.h>

#include <cstddef>
#include <cstdint>
#include <vector>

#include "cascade/crop_window.h"
#include "imaging/image.h"

namespace mtcnn {

class CropBuilder {
 public:
  // Makes room for scratch slots 0 .. threads-1.
  void Reserve(size_t threads);

  // Crops [first, first + count) of `windows` into out as [count, size, size, 3] float32
  // (NHWC, natural orientation): on the calling thread with scratch slot `thread`, or with
  // `split`, spread over that pool (a slot per pool thread). A crop's numbers do not depend
  // on which thread or range builds it.
  void BuildRange(const ImageU8& image, const std::vector<CropWindow>& windows, int size,
                  size_t first, size_t count, float* out, size_t thread,
                  pthreadpool_t split = nullptr);

  // Releases scratch a huge crop window left behind.
  void Trim();

  using Scratch = CropScratch;

 private:
  std::vector<Scratch> scratch_;  // one per pool thread, reused between calls
};

}  // namespace mtcnn
