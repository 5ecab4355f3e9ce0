// Decoding PNG and JPEG files into packed RGB, and writing RGBA PNG files (stb_image and
// stb_image_write, Debian's libstb-dev).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "mtcnn/align.h"
#include "mtcnn/detector.h"

namespace mtcnn_cli {

// Packed RGB, three bytes a pixel.
struct RgbImage {
  int width = 0;
  int height = 0;
  std::vector<uint8_t> pixels;

  mtcnn::ImageView view() const {
    return mtcnn::ImageView::InMemory(pixels.data(), width, height, mtcnn::PixelFormat::kRGB);
  }
};

// Throws mtcnn::Error naming the file: kInvalidImage with stb's reason, or kResourceLimit
// for an image over mtcnn::kMaxImagePixels (refused from its header, before decoding).
RgbImage ReadImageFile(const std::string& path);

// Throws mtcnn::Error(kInvalidImage) naming the file when it cannot be written.
void WritePngFile(const std::string& path, const mtcnn::RgbaImage& image);

}  // namespace mtcnn_cli
