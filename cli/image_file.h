// Decoding PNG and JPEG files into packed RGB (stb_image, Debian's libstb-dev).
#pragma once

#include <string>

#include "image.h"

namespace mtcnn_cli {

// Throws std::runtime_error naming the file and stb's reason.
mtcnn::ImageU8 ReadImageFile(const std::string& path);

}  // namespace mtcnn_cli
