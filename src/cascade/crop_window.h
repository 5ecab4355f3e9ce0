// A box's network input as the reference builds it for stages 2 and 3: its window (PadBox),
// zero-filled where it leaves the image, resized (INTER_AREA in float64) to size x size and
// normalised. Free of any network or thread pool, so the trainer crops exactly as the
// detector does.
#pragma once

#include <cstdint>
#include <vector>

#include "cascade/boxes.h"
#include "imaging/image.h"

namespace mtcnn {

// The windows of a stage's boxes into `windows`; false where the reference aborts the
// whole stage: a window with a side that is not positive. Only such windows are built.
bool PadBoxes(const std::vector<Box>& boxes, int image_width, int image_height,
              std::vector<CropWindow>* windows);

// Working images of one thread's crops, reused from crop to crop.
struct CropScratch {
  ImageF64 window, resized;
  std::vector<uint8_t> row;  // one window row, for the paths that hold the window whole
};

// The crop of window `c` (positive sides) of `image` into out: size x size x 3 floats, NHWC in
// the natural orientation.
void BuildCrop(const ImageU8& image, const CropWindow& c, int size, CropScratch* scratch,
               float* out);

}  // namespace mtcnn
