#include "mtcnn/errors.h"

namespace mtcnn {

const char* ErrorKindName(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kInvalidImage: return "InvalidImage";
    case ErrorKind::kInvalidOption: return "InvalidOption";
    case ErrorKind::kInvalidWeights: return "InvalidWeights";
    case ErrorKind::kResourceLimit: return "ResourceLimit";
    case ErrorKind::kInternal: return "InternalError";
  }
  return "InternalError";
}

}  // namespace mtcnn
