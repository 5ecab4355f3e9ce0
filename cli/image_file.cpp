#include "image_file.h"

#include <stb/stb_image.h>

#include <cstring>
#include <memory>
#include <stdexcept>

namespace mtcnn_cli {

mtcnn::ImageU8 ReadImageFile(const std::string& path) {
  int w = 0, h = 0, channels = 0;
  std::unique_ptr<stbi_uc, void (*)(void*)> pixels(stbi_load(path.c_str(), &w, &h, &channels, 3), stbi_image_free);
  if (!pixels) {
    const char* why = stbi_failure_reason();
    throw std::runtime_error("cannot decode " + path + ": " + (why ? why : "unknown error"));
  }
  mtcnn::ImageU8 img;
  img.Resize(w, h, 3);
  std::memcpy(img.pixels.data(), pixels.get(), img.pixels.size());
  return img;
}

}  // namespace mtcnn_cli
