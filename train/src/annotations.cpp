#include "annotations.h"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace mtcnn::train {
namespace {

using nlohmann::json;

double Number(const json& v, const char* what) {
  if (!v.is_number() || !std::isfinite(v.get<double>())) {
    throw std::runtime_error(std::string(what) + " is not a finite number");
  }
  return v.get<double>();
}

AnnotatedFace ParseFace(const json& face) {
  if (!face.is_object()) throw std::runtime_error("a face is not an object");
  const json& box = face.value("box", json());
  if (!box.is_array() || box.size() != 4)
    throw std::runtime_error("a face's box is not [x, y, w, h]");
  AnnotatedFace out;
  const double x = Number(box[0], "box x"), y = Number(box[1], "box y");
  const double w = Number(box[2], "box width"), h = Number(box[3], "box height");
  if (!(w > 0 && h > 0)) throw std::runtime_error("a face's box has no area");
  out.box.x1 = x;
  out.box.y1 = y;
  out.box.x2 = x + w;
  out.box.y2 = y + h;
  out.ignore = face.value("ignore", false);
  if (face.contains("keypoints") && !face["keypoints"].is_null()) {
    const json& kp = face["keypoints"];
    if (!kp.is_object()) throw std::runtime_error("a face's keypoints are not an object");
    for (int k = 0; k < kNumKeypoints; ++k) {
      const json& p = kp.value(kKeypointNames[k], json());
      if (!p.is_array() || p.size() != 2) {
        throw std::runtime_error(std::string("keypoint ") + kKeypointNames[k] + " is not [x, y]");
      }
      out.keypoints[k] = {Number(p[0], "a keypoint's x"), Number(p[1], "a keypoint's y")};
    }
    out.has_keypoints = true;
  }
  return out;
}

}  // namespace

std::vector<AnnotatedImage> ReadAnnotations(const std::string& jsonl_path) {
  std::ifstream in(jsonl_path);
  if (!in) throw std::runtime_error("cannot open the annotations " + jsonl_path);
  const std::filesystem::path base = std::filesystem::path(jsonl_path).parent_path();
  std::vector<AnnotatedImage> images;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    try {
      const json record = json::parse(line);
      AnnotatedImage image;
      const json& path = record.contains("image") ? record["image"] : record.value("file", json());
      if (!path.is_string()) throw std::runtime_error("no \"image\" path");
      const std::filesystem::path p = path.get<std::string>();
      image.path = (p.is_absolute() ? p : base / p).lexically_normal().string();
      const json& faces = record.value("faces", json::array());
      if (!faces.is_array()) throw std::runtime_error("\"faces\" is not an array");
      for (const json& face : faces) image.faces.push_back(ParseFace(face));
      images.push_back(std::move(image));
    } catch (const std::exception& e) {
      throw std::runtime_error(jsonl_path + ":" + std::to_string(number) + ": " + e.what());
    }
  }
  if (images.empty()) throw std::runtime_error(jsonl_path + " has no images");
  return images;
}

}  // namespace mtcnn::train
