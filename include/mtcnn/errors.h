// Errors the detector reports. Each carries a kind, so that the bindings can map it to a
// named JavaScript error class and the CLI to an exit status without parsing messages.
#pragma once

#include <stdexcept>
#include <string>

namespace mtcnn {

enum class ErrorKind {
  kInvalidImage,    // not an image: bad dimensions, stride or data size
  kInvalidOption,   // a Config value out of range
  kInvalidWeights,  // a weights file truncated, malformed or of the wrong shapes
  kResourceLimit,   // the input would need more memory or pixels than allowed
  kInternal,        // XNNPACK refused an operation: a bug, not the caller's fault
};

// "InvalidImage", "InvalidOption", "InvalidWeights", "ResourceLimit" or "InternalError":
// the names the JavaScript package and the CLIs' JSON use.
const char* ErrorKindName(ErrorKind kind);

class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  ErrorKind kind() const { return kind_; }

 private:
  ErrorKind kind_;
};

}  // namespace mtcnn
