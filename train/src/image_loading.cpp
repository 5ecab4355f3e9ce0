#include "image_loading.h"

#include <stb/stb_image.h>

#include <cstring>
#include <memory>
#include <stdexcept>

namespace mtcnn::train {

ImageU8 LoadRgbImage(const std::string& path) {
  int width = 0, height = 0, channels = 0;
  std::unique_ptr<stbi_uc, void (*)(void*)> pixels(
      stbi_load(path.c_str(), &width, &height, &channels, 3), stbi_image_free);
  if (!pixels) {
    throw std::runtime_error("cannot read the image " + path + ": " + stbi_failure_reason());
  }
  CheckImageSize(width, height, "a training image");
  ImageU8 image;
  image.Resize(width, height, 3);
  std::memcpy(image.pixels.data(), pixels.get(), image.pixels.size());
  return image;
}

}  // namespace mtcnn::train
