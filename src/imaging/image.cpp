#include "imaging/image.h"

#include <string>

#include "mtcnn/errors.h"
#include "mtcnn/limits.h"

namespace mtcnn {

void CheckImageSize(double width, double height, const char* what) {
  if (width * height > static_cast<double>(kMaxImagePixels)) {
    throw Error(ErrorKind::kResourceLimit,
                std::string(what) + " of " + std::to_string(static_cast<long long>(width)) + "x" +
                    std::to_string(static_cast<long long>(height)) +
                    " pixels exceeds the limit of " +
                    std::to_string(static_cast<long long>(kMaxImagePixels)) + " pixels");
  }
}

}  // namespace mtcnn
