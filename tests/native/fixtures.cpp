#include "fixtures.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iterator>
#include <numeric>
#include <stdexcept>

namespace mtcnn_test {

std::string FixturePath(const std::string& name) {
  return std::string(MTCNN_FIXTURES_DIR) + "/" + name;
}

std::vector<uint8_t> ReadBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path);
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), {});
}

nlohmann::json ReadJson(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path);
  return nlohmann::json::parse(in);
}

mtcnn_cli::RgbImage FixtureImage(const std::string& file) {
  return mtcnn_cli::ReadImageFile(FixturePath("images/" + file));
}

namespace {

double Iou(const std::array<double, 4>& a, const std::array<double, 4>& b) {
  const double ix = std::max(0.0, std::min(a[0] + a[2], b[0] + b[2]) - std::max(a[0], b[0]));
  const double iy = std::max(0.0, std::min(a[1] + a[3], b[1] + b[3]) - std::max(a[1], b[1]));
  const double inter = ix * iy;
  const double uni = a[2] * a[3] + b[2] * b[3] - inter;
  return uni > 0 ? inter / uni : 0;
}

}  // namespace

GoldenMatch MatchGolden(const nlohmann::json& golden_faces, const std::vector<mtcnn::Face>& faces) {
  GoldenMatch m;
  m.golden = static_cast<int>(golden_faces.size());
  m.ours = static_cast<int>(faces.size());
  std::vector<int> order(golden_faces.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](int a, int b) {
    return golden_faces[a]["confidence"].get<double>() >
           golden_faces[b]["confidence"].get<double>();
  });
  std::vector<bool> used(faces.size(), false);
  for (int i : order) {
    const nlohmann::json& g = golden_faces[i];
    const std::array<double, 4> gb = g["box_float"].get<std::array<double, 4>>();
    int best = -1;
    double best_iou = 0;
    for (size_t j = 0; j < faces.size(); ++j) {
      if (used[j]) continue;
      const double v = Iou(gb, faces[j].box);
      if (v >= 0.5 && v > best_iou) {
        best = static_cast<int>(j);
        best_iou = v;
      }
    }
    if (best < 0) continue;
    used[best] = true;
    ++m.matched;
    const mtcnn::Face& f = faces[best];
    const double ga[4] = {gb[0], gb[1], gb[0] + gb[2], gb[1] + gb[3]};
    const double fa[4] = {f.box[0], f.box[1], f.box[0] + f.box[2], f.box[1] + f.box[3]};
    for (int k = 0; k < 4; ++k) m.max_dbox = std::max(m.max_dbox, std::abs(ga[k] - fa[k]));
    m.max_dconf = std::max(m.max_dconf, std::abs(g["confidence"].get<double>() - f.confidence));
    for (int k = 0; k < mtcnn::kNumKeypoints; ++k) {
      const auto p = g["keypoints_float"][mtcnn::KeypointName(k)].get<std::array<double, 2>>();
      m.max_dlandmark = std::max({m.max_dlandmark, std::abs(p[0] - f.keypoints[k][0]),
                                  std::abs(p[1] - f.keypoints[k][1])});
    }
  }
  return m;
}

}  // namespace mtcnn_test
