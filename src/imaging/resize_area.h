// cv::resize(src, dst, dsize, 0, 0, INTER_AREA) as OpenCV 4.6 computes it on x86 without
// IPP, bit for bit, for the two element types MTCNN resizes: uint8 pyramid levels and
// float64 crops. OpenCV's INTER_AREA is three algorithms chosen by the scale factors
// (see ../shared/reference/cv_resize_area.py, the executable specification):
//   * both axes shrink by exact integers  -> box average ("area fast")
//   * both axes shrink (or stay)          -> exact pixel-area weights ("area")
//   * any axis grows                      -> bilinear with INTER_AREA coefficients
// We keep our own implementation rather than linking OpenCV: the parity contract is with
// OpenCV 4.6's exact rounding (float32 weight tables, 11-bit fixed point, half-to-even),
// which other OpenCV versions and builds (IPP, SIMD paths) do not all reproduce, and
// OpenCV is not available to the WebAssembly build.
#pragma once

#include <cstddef>
#include <cstdint>

#include "imaging/image.h"

namespace mtcnn {

enum class ResizePath { kCopy, kAreaFast, kArea, kLinear };

// The most scratch one thread keeps for a resize of RGB to a destination dst_width wide: its
// horizontal sums of a band of source rows, in elements of `sum_bytes` (4 for uint8 images,
// summed in float32; 8 for float64 ones).
uint64_t ResizeScratchBytes(int dst_width, size_t sum_bytes);

// Which of the algorithms cv::resize picks for src (sw x sh) -> dst (dw x dh).
ResizePath SelectResizePath(int sw, int sh, int dw, int dh);

// dst is resized to dw x dh with src's channel count. dw, dh >= 1 and src non-empty. All
// of these run on the calling thread and may run on several threads at once (their scratch
// is per thread).
void ResizeArea(const ImageU8& src, int dw, int dh, ImageU8* dst);
void ResizeArea(const ImageF64& src, int dw, int dh, ImageF64* dst);
// Rows [row0, row1) of that dw x dh result into dst (row1 - row0 rows); each row is exactly
// the full resize's row.
void ResizeAreaRows(const ImageU8& src, int dw, int dh, int row0, int row1, ImageU8* dst);
// A source image of byte values produced a row at a time, for sources too big to hold whole
// (a big face's crop window). Row(y, scratch) gives row y's sw * 3 samples followed by one
// more readable byte (its value unused): a pointer into memory the source already holds, or
// `scratch` (sw * 3 + 1 bytes) filled with them. It must not throw: it runs once per row
// inside the resize, and in the WebAssembly builds (JavaScript-emulated C++ exceptions) a
// call that may throw there costs a trip through JavaScript.
class RowSource {
 public:
  virtual const uint8_t* Row(int y, uint8_t* scratch) const noexcept = 0;

 protected:
  ~RowSource() = default;
};

// The pixel-area path (SelectResizePath(sw, sh, dw, dh) == kArea only) on a float64 RGB
// image of sw x sh pixels whose samples are bytes, read from `source`, on this thread: the
// same results as ResizeArea on that image as ImageF64 (the same float64 arithmetic).
void ResizeAreaStreamed(int sw, int sh, const RowSource& source, int dw, int dh, ImageF64* dst);

}  // namespace mtcnn
