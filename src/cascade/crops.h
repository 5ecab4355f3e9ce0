// Stages 2 and 3's network inputs: each box's window (PadBox), zero-filled where it leaves
// the image, resized (INTER_AREA in float64) to size x size and normalised, as the reference
// builds them.
#pragma once

#include <pthreadpool.h>

#include <cstddef>
#include <cstdint>
#include <vector>

#include "cascade/boxes.h"
#include "imaging/image.h"

namespace mtcnn {

// The windows of a stage's boxes into `windows`; false where the reference aborts the
// whole stage: a window with a side that is not positive. Only such windows are built.
bool PadBoxes(const std::vector<Box>& boxes, int image_width, int image_height,
              std::vector<CropWindow>* windows);

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

  // Per-thread working images.
  struct Scratch {
    ImageF64 window, resized;
    std::vector<uint8_t> row;  // one window row, for the paths that hold the window whole
  };

 private:
  std::vector<Scratch> scratch_;  // one per pool thread, reused between calls
};

}  // namespace mtcnn
