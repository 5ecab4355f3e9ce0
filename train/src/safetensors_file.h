// Reading and writing the project's weights format (weights/README.md): safetensors with
// float32 tensors only.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace mtcnn::train {

struct FileTensor {
  std::vector<int64_t> shape;
  std::vector<float> data;
};
// name -> tensor, in name order (the order they are written in).
using TensorFile = std::map<std::string, FileTensor>;

// Throws std::runtime_error saying what is wrong with the file.
TensorFile ReadSafetensors(const std::string& path);
// Writes atomically (a temporary file renamed into place), with `metadata` in the header.
void WriteSafetensors(const std::string& path, const TensorFile& tensors,
                      const std::map<std::string, std::string>& metadata);

}  // namespace mtcnn::train
