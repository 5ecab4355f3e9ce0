// Image views and the owned buffers the pipeline works on.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace mtcnn {

enum class PixelFormat { kRGB, kRGBA };

// A caller-owned 8-bit image; rows may be padded (stride_bytes >= width * channels).
struct ImageView {
  const uint8_t* data = nullptr;
  int width = 0;
  int height = 0;
  PixelFormat format = PixelFormat::kRGB;
  size_t stride_bytes = 0;  // 0 means tightly packed
};

// Packed H x W x C image with elements of type T (uint8 pyramid levels, float64 crops).
template <typename T>
struct Planar {
  int width = 0;
  int height = 0;
  int channels = 3;
  std::vector<T> pixels;

  void Resize(int w, int h, int c) {
    width = w;
    height = h;
    channels = c;
    pixels.resize(static_cast<size_t>(w) * h * c);
  }
  T* Row(int y) { return pixels.data() + static_cast<size_t>(y) * width * channels; }
  const T* Row(int y) const { return pixels.data() + static_cast<size_t>(y) * width * channels; }
};

using ImageU8 = Planar<uint8_t>;
using ImageF64 = Planar<double>;

// Images (and pyramid levels) above this many pixels are refused with kResourceLimit
// rather than risking an out-of-memory abort (a WebAssembly heap cannot exceed 4 GiB).
constexpr double kMaxImagePixels = 1 << 27;

// Throws Error(kResourceLimit) if width x height exceeds kMaxImagePixels; `what` names it.
void CheckImageSize(double width, double height, const char* what);

// Validates the view (throws Error kInvalidImage) and copies it into packed RGB,
// dropping alpha: the seed works on 3-channel RGB.
void ToPackedRGB(const ImageView& view, ImageU8* out);
// The view's rows into rows [first_row, first_row + view.height) of an already sized `out`
// of the same width (the view is trusted: ToPackedRGB validates).
void ToPackedRGBRows(const ImageView& view, int first_row, ImageU8* out);

}  // namespace mtcnn
