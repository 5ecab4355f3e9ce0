#include "image_file.h"

#include <stb/stb_image.h>

#include <cstring>
#include <memory>
#include <stdexcept>

#include "errors.h"

namespace mtcnn_cli {

mtcnn::ImageU8 ReadImageFile(const std::string& path) {
  int w = 0, h = 0, channels = 0;
  // The header first: a small file can claim a huge image; refuse it before decoding.
  if (stbi_info(path.c_str(), &w, &h, &channels) == 0) {
    const char* why = stbi_failure_reason();
    throw mtcnn::Error(mtcnn::ErrorKind::kInvalidImage,
                       "cannot read " + path + " as an image: " + (why ? why : "unknown error"));
  }
  mtcnn::CheckImageSize(w, h, (path + ", an image").c_str());
  std::unique_ptr<stbi_uc, void (*)(void*)> pixels(stbi_load(path.c_str(), &w, &h, &channels, 3), stbi_image_free);
  if (!pixels) {
    const char* why = stbi_failure_reason();
    throw mtcnn::Error(mtcnn::ErrorKind::kInvalidImage,
                       "cannot decode " + path + ": " + (why ? why : "unknown error"));
  }
  mtcnn::ImageU8 img;
  img.Resize(w, h, 3);
  std::memcpy(img.pixels.data(), pixels.get(), img.pixels.size());
  return img;
}

}  // namespace mtcnn_cli
