// Reading and writing the project's weights format (weights/README.md): safetensors with
// float32 tensors only. Reading is the detector's own parser (nn/weights.h).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "nn/weights.h"

namespace mtcnn::train {

struct FileTensor {
  std::vector<int64_t> shape;
  std::vector<float> data;
};
// name -> tensor, in name order (the order they are written in).
using TensorFile = std::map<std::string, FileTensor>;

// Throws std::runtime_error naming the file and what is wrong with it.
mtcnn::Weights ReadWeightsFile(const std::string& path);
// Writes atomically (a temporary file renamed into place), with `metadata` in the header.
void WriteSafetensors(const std::string& path, const TensorFile& tensors,
                      const std::map<std::string, std::string>& metadata);

}  // namespace mtcnn::train
