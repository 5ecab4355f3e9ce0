#include "safetensors_file.h"

#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace mtcnn::train {

TensorFile ReadSafetensors(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path);
  const std::vector<char> bytes((std::istreambuf_iterator<char>(in)), {});
  auto fail = [&](const std::string& why) { throw std::runtime_error(path + ": " + why); };
  if (bytes.size() < 8) fail("too short for a safetensors file");
  uint64_t header_size = 0;
  std::memcpy(&header_size, bytes.data(), 8);  // little-endian, as x86 and wasm are
  if (header_size > bytes.size() - 8) fail("its header runs past the end of the file");
  const nlohmann::json header = nlohmann::json::parse(
      bytes.begin() + 8, bytes.begin() + 8 + static_cast<std::ptrdiff_t>(header_size), nullptr,
      /*allow_exceptions=*/false);
  if (!header.is_object()) fail("its header is not a JSON object");
  const size_t data_start = 8 + header_size;
  TensorFile out;
  for (const auto& [name, info] : header.items()) {
    if (name == "__metadata__") continue;
    if (info.value("dtype", "") != "F32") fail(name + " is not float32");
    FileTensor t;
    size_t count = 1;
    for (const auto& d : info.at("shape")) {
      t.shape.push_back(d.get<int64_t>());
      count *= d.get<size_t>();
    }
    const size_t begin = info.at("data_offsets").at(0), end = info.at("data_offsets").at(1);
    if (begin > end || data_start + end > bytes.size() || end - begin != count * sizeof(float)) {
      fail(name + "'s data offsets do not fit its shape or the file");
    }
    t.data.resize(count);
    std::memcpy(t.data.data(), bytes.data() + data_start + begin, end - begin);
    out.emplace(name, std::move(t));
  }
  return out;
}

void WriteSafetensors(const std::string& path, const TensorFile& tensors,
                      const std::map<std::string, std::string>& metadata) {
  nlohmann::json header = nlohmann::json::object();
  header["__metadata__"] = metadata;
  size_t offset = 0;
  for (const auto& [name, t] : tensors) {
    const size_t size = t.data.size() * sizeof(float);
    header[name] = {
        {"dtype", "F32"}, {"shape", t.shape}, {"data_offsets", {offset, offset + size}}};
    offset += size;
  }
  std::string text = header.dump();
  // The data starts 8-byte aligned, as the format recommends.
  text.append((8 - text.size() % 8) % 8, ' ');
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error("cannot write " + tmp);
    const uint64_t size = text.size();
    out.write(reinterpret_cast<const char*>(&size), 8);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    for (const auto& [name, t] : tensors) {
      out.write(reinterpret_cast<const char*>(t.data.data()),
                static_cast<std::streamsize>(t.data.size() * sizeof(float)));
    }
    if (!out) throw std::runtime_error("cannot write " + tmp);
  }
  std::filesystem::rename(tmp, path);
}

}  // namespace mtcnn::train
