#include "nn/weights.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <nlohmann/json.hpp>

#include "mtcnn/errors.h"

namespace mtcnn {
namespace {

[[noreturn]] void Fail(const std::string& why) {
  throw Error(ErrorKind::kInvalidWeights, "invalid weights: " + why);
}

std::string ShapeString(const std::vector<size_t>& shape) {
  std::string s = "[";
  for (size_t i = 0; i < shape.size(); ++i) s += (i ? "," : "") + std::to_string(shape[i]);
  return s + "]";
}

}  // namespace

Weights Weights::FromSafetensors(const uint8_t* bytes, size_t size) {
  if (bytes == nullptr || size < 8)
    Fail("file is too short to be safetensors (" + std::to_string(size) + " bytes)");
  uint64_t header_len = 0;
  for (int i = 7; i >= 0; --i) header_len = (header_len << 8) | bytes[i];  // little-endian u64
  if (header_len == 0 || header_len > size - 8)
    Fail("header length " + std::to_string(header_len) + " exceeds the file");
  const uint8_t* data = bytes + 8 + header_len;
  const size_t data_size = size - 8 - header_len;

  nlohmann::json header = nlohmann::json::parse(bytes + 8, bytes + 8 + header_len, nullptr, false);
  if (header.is_discarded() || !header.is_object()) Fail("header is not a JSON object");

  Weights w;
  for (auto it = header.begin(); it != header.end(); ++it) {
    if (it.key() == "__metadata__") continue;
    const nlohmann::json& t = it.value();
    if (!t.is_object() || !t.contains("dtype") || !t.contains("shape") ||
        !t.contains("data_offsets")) {
      Fail("tensor '" + it.key() + "' lacks dtype, shape or data_offsets");
    }
    if (t["dtype"] != "F32") Fail("tensor '" + it.key() + "' is not F32");
    const nlohmann::json& js = t["shape"];
    const nlohmann::json& jo = t["data_offsets"];
    if (!js.is_array() || !jo.is_array() || jo.size() != 2 || !jo[0].is_number_unsigned() ||
        !jo[1].is_number_unsigned()) {
      Fail("tensor '" + it.key() + "' has a malformed shape or data_offsets");
    }
    Tensor tensor;
    // Counted in 64 bits and bounded by the file as it goes: no overflow on 32-bit wasm.
    uint64_t count = 1;
    for (const auto& d : js) {
      if (!d.is_number_unsigned() || d.get<uint64_t>() > (1u << 24))
        Fail("tensor '" + it.key() + "' has a bad dimension");
      tensor.shape.push_back(d.get<size_t>());
      count *= tensor.shape.back();
      if (count * sizeof(float) > data_size)
        Fail("tensor '" + it.key() + "' is larger than the file");
    }
    const uint64_t begin = jo[0].get<uint64_t>(), end = jo[1].get<uint64_t>();
    if (begin > end || end > data_size || end - begin != count * sizeof(float)) {
      Fail("tensor '" + it.key() + "' data [" + std::to_string(begin) + ", " + std::to_string(end) +
           ") does not fit the file or its shape");
    }
    tensor.data.resize(count);
    std::memcpy(tensor.data.data(), data + begin,
                count * sizeof(float));  // wasm and x86 are little-endian
    if (!std::all_of(tensor.data.begin(), tensor.data.end(),
                     [](float v) { return std::isfinite(v); })) {
      Fail("tensor '" + it.key() + "' holds NaN or infinite values");
    }
    w.tensors_.emplace(it.key(), std::move(tensor));
  }
  return w;
}

Tensor ConcatOutputs(const std::vector<const Tensor*>& parts) {
  Tensor t;
  t.shape = parts.front()->shape;
  t.shape[0] = 0;
  for (const Tensor* p : parts) {
    std::vector<size_t> rest(p->shape.begin() + 1, p->shape.end());
    if (!std::equal(rest.begin(), rest.end(), t.shape.begin() + 1, t.shape.end()))
      Fail("heads to fuse disagree in shape");
    t.shape[0] += p->shape[0];
    t.data.insert(t.data.end(), p->data.begin(), p->data.end());
  }
  return t;
}

const Tensor* Weights::Find(const std::string& name) const {
  auto it = tensors_.find(name);
  return it == tensors_.end() ? nullptr : &it->second;
}

const Tensor& Weights::Get(const std::string& name, const std::vector<size_t>& shape) const {
  auto it = tensors_.find(name);
  if (it == tensors_.end()) Fail("missing tensor '" + name + "'");
  if (it->second.shape != shape) {
    Fail("tensor '" + name + "' has shape " + ShapeString(it->second.shape) + ", expected " +
         ShapeString(shape));
  }
  return it->second;
}

}  // namespace mtcnn
