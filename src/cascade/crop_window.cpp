#include "cascade/crop_window.h"

#include <algorithm>

#include "imaging/normalize.h"
#include "imaging/resize_area.h"
#include "imaging/widen.h"

namespace mtcnn {
namespace {

// numpy's slice [start:stop] of an axis of length len (negative ends count from the end,
// both clamped to the axis), as a half-open [begin, end).
void NumpySlice(int start, int stop, int len, int* begin, int* end) {
  if (start < 0) start = std::max(0, start + len);
  if (stop < 0) stop = std::max(0, stop + len);
  *begin = std::min(start, len);
  *end = std::max(*begin, std::min(stop, len));
}

// The reference's float64 crop window, a row at a time, as bytes (its values are the image's):
// the image's pixels where the window overlaps the image (`rows` x `cols` of them, from
// window (dy0, dx0) and image (sy0, sx0)), zeros where it leaves the image (usually
// nowhere).
class CropWindowRows final : public RowSource {
 public:
  CropWindowRows(const ImageU8& image, int width, int dy0, int dx0, int sy0, int sx0, int rows,
                 int cols)
      : image_(image),
        width_(width),
        dy0_(dy0),
        dx0_(dx0),
        sy0_(sy0),
        sx0_(sx0),
        rows_(rows),
        cols_(cols) {}

  const uint8_t* Row(int y, uint8_t* scratch) const noexcept override {
    const size_t row_len = static_cast<size_t>(width_) * 3;
    if (y < dy0_ || y >= dy0_ + rows_) {
      std::fill(scratch, scratch + row_len, uint8_t{0});
      return scratch;
    }
    const uint8_t* src = image_.Row(sy0_ + (y - dy0_)) + sx0_ * 3;
    // A row wholly inside the image is read where it is (copying every window row cost
    // ~2% of a detection), unless its extra byte would fall past the image's last one.
    const uint8_t* image_end = image_.pixels.data() + image_.pixels.size();
    if (dx0_ == 0 && cols_ == width_ && src + row_len < image_end) return src;
    std::fill(scratch, scratch + dx0_ * 3, uint8_t{0});
    std::copy(src, src + static_cast<size_t>(cols_) * 3, scratch + dx0_ * 3);
    std::fill(scratch + (dx0_ + cols_) * 3, scratch + row_len, uint8_t{0});
    return scratch;
  }

 private:
  const ImageU8& image_;
  int width_, dy0_, dx0_, sy0_, sx0_, rows_, cols_;
};

}  // namespace

bool PadBoxes(const std::vector<Box>& boxes, int image_width, int image_height,
              std::vector<CropWindow>* windows) {
  windows->clear();
  bool buildable = true;
  for (const Box& b : boxes) {
    windows->push_back(PadBox(b, image_width, image_height));
    buildable = buildable && windows->back().width > 0 && windows->back().height > 0;
  }
  return buildable;
}

void BuildCrop(const ImageU8& image, const CropWindow& c, int size, CropScratch* scratch,
               float* out) {
  CropScratch& s = *scratch;
  // The reference's tmp[dy-1:edy, dx-1:edx] = img[y-1:ey, x-1:ex], with numpy's slices.
  int dy0, dy1, dx0, dx1, sy0, sy1, sx0, sx1;
  NumpySlice(c.window_y0 - 1, c.window_y1, c.height, &dy0, &dy1);
  NumpySlice(c.window_x0 - 1, c.window_x1, c.width, &dx0, &dx1);
  NumpySlice(c.image_y0 - 1, c.image_y1, image.height, &sy0, &sy1);
  NumpySlice(c.image_x0 - 1, c.image_x1, image.width, &sx0, &sx1);
  const CropWindowRows window(image, c.width, dy0, dx0, sy0, sx0,
                              std::max(0, std::min(dy1 - dy0, sy1 - sy0)),
                              std::max(0, std::min(dx1 - dx0, sx1 - sx0)));
  if (SelectResizePath(c.width, c.height, size, size) == ResizePath::kArea) {
    // Shrinking by a non-integer factor, the usual case: the window streams a row at a
    // time, so a face filling a huge image needs no window-sized buffer.
    ResizeAreaStreamed(c.width, c.height, window, size, size, &s.resized);
  } else {
    s.window.Resize(c.width, c.height, 3);
    const size_t row_len = static_cast<size_t>(c.width) * 3;
    s.row.resize(row_len + 1);
    for (int y = 0; y < c.height; ++y) {
      WidenToDouble(window.Row(y, s.row.data()), row_len, s.window.Row(y));
    }
    ResizeArea(s.window, size, size, &s.resized);
  }
  const size_t crop_floats = static_cast<size_t>(size) * size * 3;
  NormalizeDoubles(s.resized.pixels.data(), crop_floats, out);
}

}  // namespace mtcnn
