#include "image.h"

#include <cstring>
#include <string>

#include "drop_alpha.h"
#include "errors.h"

namespace mtcnn {

void CheckImageSize(double width, double height, const char* what) {
  if (width * height > kMaxImagePixels) {
    throw Error(ErrorKind::kResourceLimit, std::string(what) + " of " + std::to_string(static_cast<long long>(width)) +
                                               "x" + std::to_string(static_cast<long long>(height)) +
                                               " pixels exceeds the limit of " +
                                               std::to_string(static_cast<long long>(kMaxImagePixels)) + " pixels");
  }
}

void ToPackedRGB(const ImageView& view, ImageU8* out) {
  if (view.data == nullptr) throw Error(ErrorKind::kInvalidImage, "image data is null");
  if (view.width <= 0 || view.height <= 0) {
    throw Error(ErrorKind::kInvalidImage, "image width and height must be positive, got " +
                                              std::to_string(view.width) + "x" + std::to_string(view.height));
  }
  CheckImageSize(view.width, view.height, "an image");
  const int channels = view.format == PixelFormat::kRGBA ? 4 : 3;
  const size_t row_bytes = static_cast<size_t>(view.width) * channels;
  const size_t stride = view.stride_bytes == 0 ? row_bytes : view.stride_bytes;
  if (stride < row_bytes) {
    throw Error(ErrorKind::kInvalidImage, "row stride " + std::to_string(stride) + " is smaller than a row (" +
                                              std::to_string(row_bytes) + " bytes)");
  }
  out->Resize(view.width, view.height, 3);
  ToPackedRGBRows(view, 0, out);
}

void ToPackedRGBRows(const ImageView& view, int first_row, ImageU8* out) {
  if (view.width != out->width || first_row < 0 || first_row + view.height > out->height) {
    throw Error(ErrorKind::kInternal, "rows do not fit the packed image");
  }
  const int channels = view.format == PixelFormat::kRGBA ? 4 : 3;
  const size_t row_bytes = static_cast<size_t>(view.width) * channels;
  const size_t stride = view.stride_bytes == 0 ? row_bytes : view.stride_bytes;
  for (int y = 0; y < view.height; ++y) {
    const uint8_t* src = view.data + static_cast<size_t>(y) * stride;
    uint8_t* dst = out->Row(first_row + y);
    if (channels == 3) {
      std::memcpy(dst, src, row_bytes);
    } else {
      DropAlpha(src, static_cast<size_t>(view.width), dst);
    }
  }
}

}  // namespace mtcnn
