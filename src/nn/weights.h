// The networks' parameters, read from a safetensors file (weights/README.md documents the
// tensor names and layouts). Parsing validates everything a hostile or truncated file
// could get wrong; errors are Error(kInvalidWeights).
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace mtcnn {

struct Tensor {
  std::vector<size_t> shape;
  std::vector<float> data;
};

// Concatenates tensors along their first axis (fusing several output heads into one
// layer); the other axes must agree.
Tensor ConcatOutputs(const std::vector<const Tensor*>& parts);

class Weights {
 public:
  // Parses a whole safetensors file held in memory (the bytes are copied).
  static Weights FromSafetensors(const uint8_t* bytes, size_t size);

  // The tensor `name`, which must have exactly `shape`; throws kInvalidWeights otherwise.
  const Tensor& Get(const std::string& name, const std::vector<size_t>& shape) const;
  // The tensor `name` whatever its shape, or nullptr.
  const Tensor* Find(const std::string& name) const;
  // Every tensor, by name.
  const std::map<std::string, Tensor>& tensors() const { return tensors_; }

 private:
  std::map<std::string, Tensor> tensors_;
};

}  // namespace mtcnn
