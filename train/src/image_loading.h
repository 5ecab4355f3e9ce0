// Decoding a training image (PNG, JPEG, ...) into the cascade's packed RGB.
#pragma once

#include <string>

#include "imaging/image.h"

namespace mtcnn::train {

// Throws std::runtime_error naming the file and stb_image's reason.
ImageU8 LoadRgbImage(const std::string& path);

}  // namespace mtcnn::train
