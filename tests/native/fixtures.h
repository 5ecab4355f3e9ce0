// Helpers shared by the native tests: fixture paths and files, golden matching. Public API
// only, for the end-to-end tests; unit tests add unit_fixtures.h.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "image_file.h"
#include "mtcnn/detector.h"

namespace mtcnn_test {

std::string FixturePath(const std::string& name);
std::vector<uint8_t> ReadBytes(const std::string& path);
nlohmann::json ReadJson(const std::string& path);
// tests/fixtures/images/<file>.
mtcnn_cli::RgbImage FixtureImage(const std::string& file);

struct GoldenMatch {
  int golden = 0, ours = 0, matched = 0;
  double max_dbox = 0, max_dconf = 0, max_dlandmark = 0;
};
// Pairs faces greedily by IoU >= 0.5 (highest golden confidence first), as eval.py does.
GoldenMatch MatchGolden(const nlohmann::json& golden_faces, const std::vector<mtcnn::Face>& faces);

}  // namespace mtcnn_test
