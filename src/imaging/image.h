// The images the cascade works on: packed H x W x C pixels, channels interleaved.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace mtcnn {

// Elements of type T: uint8 for the input and pyramid levels, float64 for crop windows.
template <typename T>
struct PackedImage {
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

using ImageU8 = PackedImage<uint8_t>;
using ImageF64 = PackedImage<double>;

// Throws Error(kResourceLimit) if width x height exceeds kMaxImagePixels (mtcnn/limits.h);
// `what` names the image ("an image", "the first pyramid level").
void CheckImageSize(double width, double height, const char* what);

}  // namespace mtcnn
