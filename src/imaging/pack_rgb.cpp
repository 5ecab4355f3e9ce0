#include "imaging/pack_rgb.h"

#include <algorithm>
#include <cstring>
#include <string>

#include "imaging/rgba_to_rgb.h"
#include "mtcnn/errors.h"

namespace mtcnn {
namespace {

constexpr size_t kStagingBytes = size_t{1} << 20;

[[noreturn]] void Invalid(const std::string& why) { throw Error(ErrorKind::kInvalidImage, why); }

size_t RowBytes(const ImageView& view) {
  return static_cast<size_t>(view.width()) * view.channels();
}

// Rows of a band: as many as fit kStagingBytes, at least one.
int BandRows(const ImageView& view) {
  return static_cast<int>(std::max<size_t>(1, kStagingBytes / RowBytes(view)));
}

// `rows` packed rows (3 or 4 bytes a pixel, `stride` apart) into rows [first_row, ...) of rgb.
void CopyRows(const uint8_t* src, size_t stride, int rows, int channels, int first_row,
              ImageU8* rgb) {
  const size_t width = static_cast<size_t>(rgb->width);
  for (int y = 0; y < rows; ++y) {
    const uint8_t* row = src + static_cast<size_t>(y) * stride;
    uint8_t* out = rgb->Row(first_row + y);
    if (channels == 3) {
      std::memcpy(out, row, width * 3);
    } else {
      RgbaToRgb(row, width, out);
    }
  }
}

}  // namespace

void ValidateView(const ImageView& view) {
  if (view.width() <= 0 || view.height() <= 0) {
    Invalid("image width and height must be positive, got " + std::to_string(view.width()) + "x" +
            std::to_string(view.height()));
  }
  if (view.read_rows()) return;
  if (view.data() == nullptr) Invalid("image data is null");
  if (view.stride_bytes() != 0 && view.stride_bytes() < RowBytes(view)) {
    Invalid("row stride " + std::to_string(view.stride_bytes()) + " is smaller than a row (" +
            std::to_string(RowBytes(view)) + " bytes)");
  }
}

uint64_t PackingBytes(const ImageView& view) {
  return view.read_rows() ? static_cast<uint64_t>(BandRows(view)) * RowBytes(view) : 0;
}

void PackRgb(const ImageView& view, ImageU8* rgb, std::vector<uint8_t>* staging) {
  rgb->Resize(view.width(), view.height(), 3);
  const size_t row_bytes = RowBytes(view);
  if (!view.read_rows()) {
    const size_t stride = view.stride_bytes() == 0 ? row_bytes : view.stride_bytes();
    CopyRows(view.data(), stride, view.height(), view.channels(), 0, rgb);
    return;
  }
  const int band = BandRows(view);
  for (int y = 0; y < view.height(); y += band) {
    const int rows = std::min(band, view.height() - y);
    staging->resize(static_cast<size_t>(rows) * row_bytes);
    view.read_rows()(y, rows, staging->data());
    CopyRows(staging->data(), row_bytes, rows, view.channels(), y, rgb);
  }
  if (staging->capacity() > kStagingBytes) std::vector<uint8_t>().swap(*staging);
}

}  // namespace mtcnn
