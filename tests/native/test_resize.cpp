// ResizeArea against cv_resize_area.py (the reference's bit-exact specification of
// cv2.resize INTER_AREA) on every code path, uint8 and float64: results must be identical.
#include <gtest/gtest.h>

#include "fixtures.h"
#include "imaging/resize_area.h"

namespace {

using mtcnn::ResizePath;

ResizePath ExpectedPath(const std::string& name) {
  if (name.find("_copy") != std::string::npos) return ResizePath::kCopy;
  if (name.find("_fast") != std::string::npos) return ResizePath::kAreaFast;
  if (name.find("_linear") != std::string::npos) return ResizePath::kLinear;
  return ResizePath::kArea;
}

template <typename T>
void CheckCase(const nlohmann::json& c) {
  mtcnn::PackedImage<T> src;
  src.Resize(c["width"], c["height"], 3);
  const auto values = c["src"].get<std::vector<double>>();
  ASSERT_EQ(values.size(), src.pixels.size());
  for (size_t i = 0; i < values.size(); ++i) src.pixels[i] = static_cast<T>(values[i]);
  mtcnn::PackedImage<T> dst;
  mtcnn::ResizeArea(src, c["dst_width"], c["dst_height"], &dst);
  const auto expected = c["expected"].get<std::vector<double>>();
  ASSERT_EQ(expected.size(), dst.pixels.size());
  size_t mismatches = 0;
  for (size_t i = 0; i < expected.size(); ++i)
    mismatches += static_cast<double>(dst.pixels[i]) != expected[i];
  EXPECT_EQ(mismatches, 0u) << c["name"].get<std::string>() << ": values differ from the reference";
}

TEST(ResizeArea, MatchesReferenceOnEveryPath) {
  const nlohmann::json f = mtcnn_test::ReadJson(mtcnn_test::FixturePath("resize_cases.json"));
  int u8 = 0, f64 = 0;
  for (const auto& c : f["cases"]) {
    const std::string name = c["name"];
    SCOPED_TRACE(name);
    EXPECT_EQ(mtcnn::SelectResizePath(c["width"], c["height"], c["dst_width"], c["dst_height"]),
              ExpectedPath(name));
    if (c["dtype"] == "u8") {
      CheckCase<uint8_t>(c);
      ++u8;
    } else {
      CheckCase<double>(c);
      ++f64;
    }
  }
  EXPECT_GE(u8, 6);
  EXPECT_GE(f64, 6);
}

TEST(ResizeArea, PathSelection) {
  EXPECT_EQ(mtcnn::SelectResizePath(10, 10, 10, 10), ResizePath::kCopy);
  EXPECT_EQ(mtcnn::SelectResizePath(48, 48, 24, 24), ResizePath::kAreaFast);
  EXPECT_EQ(mtcnn::SelectResizePath(50, 48, 24, 24), ResizePath::kArea);
  EXPECT_EQ(mtcnn::SelectResizePath(23, 30, 24, 24), ResizePath::kLinear);  // grows along x only
}

}  // namespace
