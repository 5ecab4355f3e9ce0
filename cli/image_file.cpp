#include "image_file.h"

#include <stb/stb_image.h>
#include <stb/stb_image_write.h>

#include <cstring>
#include <memory>

namespace mtcnn_cli {

RgbImage ReadImageFile(const std::string& path) {
  int w = 0, h = 0, channels = 0;
  // The header first: a small file can claim a huge image; refuse it before decoding.
  if (stbi_info(path.c_str(), &w, &h, &channels) == 0) {
    const char* why = stbi_failure_reason();
    throw mtcnn::Error(mtcnn::ErrorKind::kInvalidImage,
                       "cannot read " + path + " as an image: " + (why ? why : "unknown error"));
  }
  if (static_cast<double>(w) * h > static_cast<double>(mtcnn::kMaxImagePixels)) {
    throw mtcnn::Error(mtcnn::ErrorKind::kResourceLimit,
                       path + " is " + std::to_string(w) + "x" + std::to_string(h) + ", over " +
                           std::to_string(mtcnn::kMaxImagePixels) + " pixels");
  }
  std::unique_ptr<stbi_uc, void (*)(void*)> pixels(stbi_load(path.c_str(), &w, &h, &channels, 3),
                                                   stbi_image_free);
  if (!pixels) {
    const char* why = stbi_failure_reason();
    throw mtcnn::Error(mtcnn::ErrorKind::kInvalidImage,
                       "cannot decode " + path + ": " + (why ? why : "unknown error"));
  }
  RgbImage img;
  img.width = w;
  img.height = h;
  img.pixels.assign(pixels.get(), pixels.get() + static_cast<size_t>(w) * h * 3);
  return img;
}

void WritePngFile(const std::string& path, const mtcnn::RgbaImage& image) {
  if (stbi_write_png(path.c_str(), image.width, image.height, 4, image.pixels.data(),
                     image.width * 4) == 0) {
    throw mtcnn::Error(mtcnn::ErrorKind::kInvalidImage, "cannot write " + path);
  }
}

}  // namespace mtcnn_cli
