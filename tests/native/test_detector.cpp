// End to end: the detector on the committed fixture PNGs against the golden outputs of every
// run (settings) the golden file has; errors for bad input and options, after which the
// detector still works; identical results on 1 and 2 threads.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <utility>

#include "fixtures.h"
#include "mtcnn/detector.h"

namespace {

using mtcnn::ErrorKind;

mtcnn::Config ConfigOf(const nlohmann::json& settings) {
  mtcnn::Config c;
  c.detection.min_face_size = settings["min_face_size"];
  c.detection.thresholds = settings["thresholds"].get<std::array<double, 3>>();
  c.detection.scale_factor = settings["scale_factor"];
  return c;
}

TEST(Detector, MatchesGoldenOnFixtures) {
  const nlohmann::json golden = mtcnn_test::ReadJson(mtcnn_test::FixturePath("golden.json"));
  mtcnn::Detector det(mtcnn::Config{});
  int runs = 0, faces = 0;
  for (const auto& [file, entry] : golden["images"].items()) {
    const mtcnn_cli::RgbImage img = mtcnn_test::FixtureImage(file);
    ASSERT_EQ(img.width, entry["width"].get<int>());
    for (const auto& [run, r] : entry["runs"].items()) {
      SCOPED_TRACE(file + " " + run);
      det.Reconfigure(ConfigOf(r["settings"]));
      const std::vector<mtcnn::Face> found = det.Detect(img.view());
      const mtcnn_test::GoldenMatch m = mtcnn_test::MatchGolden(r["faces"], found);
      EXPECT_EQ(m.matched, m.golden);
      EXPECT_EQ(m.matched, m.ours);
      EXPECT_LE(m.max_dbox, 0.01);
      EXPECT_LE(m.max_dconf, 1e-4);
      EXPECT_LE(m.max_dlandmark, 0.01);
      for (size_t i = 1; i < found.size(); ++i)
        EXPECT_GE(found[i - 1].confidence, found[i].confidence);
      ++runs;
      faces += m.golden;
    }
  }
  EXPECT_GE(runs, 13);
  EXPECT_GE(faces, 30);
}

TEST(Detector, RgbaWithStrideGivesTheSameFaces) {
  const mtcnn_cli::RgbImage rgb = mtcnn_test::FixtureImage("2007_007763.png");
  const size_t stride = rgb.width * 4 + 12;
  std::vector<uint8_t> rgba(stride * rgb.height, 7);
  for (int y = 0; y < rgb.height; ++y) {
    for (int x = 0; x < rgb.width; ++x) {
      for (int c = 0; c < 3; ++c)
        rgba[y * stride + x * 4 + c] = rgb.pixels[(y * rgb.width + x) * 3 + c];
      rgba[y * stride + x * 4 + 3] = 255;
    }
  }
  mtcnn::Detector det(mtcnn::Config{});
  const auto a = det.Detect(rgb.view());
  const auto b = det.Detect(mtcnn::ImageView::InMemory(rgba.data(), rgb.width, rgb.height,
                                                       mtcnn::PixelFormat::kRGBA, stride));
  // The same RGBA rows handed over a band at a time by their owner.
  const auto c = det.Detect(mtcnn::ImageView::ByRows(
      rgb.width, rgb.height, mtcnn::PixelFormat::kRGBA, [&](int first_row, int rows, uint8_t* out) {
        for (int y = 0; y < rows; ++y) {
          std::copy_n(rgba.data() + (first_row + y) * stride, rgb.width * 4,
                      out + y * rgb.width * 4);
        }
      }));
  ASSERT_EQ(a.size(), 7u);
  ASSERT_EQ(a.size(), b.size());
  ASSERT_EQ(a.size(), c.size());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].box, b[i].box);
    EXPECT_EQ(a[i].confidence, b[i].confidence);
    EXPECT_EQ(a[i].keypoints, b[i].keypoints);
    EXPECT_EQ(a[i].box, c[i].box);
    EXPECT_EQ(a[i].keypoints, c[i].keypoints);
  }
}

TEST(Detector, SameResultsOnOneAndTwoThreads) {
  const mtcnn_cli::RgbImage img = mtcnn_test::FixtureImage("2007_007763.png");
  mtcnn::Config two_threads;
  two_threads.threads = 2;
  mtcnn::Detector one(mtcnn::Config{});
  mtcnn::Detector two(two_threads);
  EXPECT_EQ(two.config().threads, 2);
  const auto a = one.Detect(img.view());
  const auto b = two.Detect(img.view());
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].box, b[i].box);
    EXPECT_EQ(a[i].confidence, b[i].confidence);
    EXPECT_EQ(a[i].keypoints, b[i].keypoints);
  }
}

ErrorKind KindOf(const std::function<void()>& f) {
  try {
    f();
  } catch (const mtcnn::Error& e) {
    return e.kind();
  }
  return ErrorKind::kInternal;
}

TEST(Detector, BadImagesAreRejectedAndTheDetectorStaysUsable) {
  mtcnn::Detector det(mtcnn::Config{});
  const mtcnn_cli::RgbImage img = mtcnn_test::FixtureImage("skimage_astronaut.png");
  const std::vector<mtcnn::Face> expected = det.Detect(img.view());
  ASSERT_EQ(expected.size(), 1u);
  std::vector<uint8_t> px(64 * 64 * 3, 128);
  const auto rgb = [&](const uint8_t* data, int w, int h, size_t stride) {
    return mtcnn::ImageView::InMemory(data, w, h, mtcnn::PixelFormat::kRGB, stride);
  };
  const std::vector<std::pair<mtcnn::ImageView, ErrorKind>> bad = {
      {rgb(nullptr, 64, 64, 0), ErrorKind::kInvalidImage},
      {rgb(px.data(), 0, 64, 0), ErrorKind::kInvalidImage},
      {rgb(px.data(), 64, -3, 0), ErrorKind::kInvalidImage},
      {rgb(px.data(), 64, 64, 10), ErrorKind::kInvalidImage},
      {rgb(px.data(), 1 << 16, 1 << 16, 0), ErrorKind::kResourceLimit},
      {mtcnn::ImageView::ByRows(64, 64, mtcnn::PixelFormat::kRGB, nullptr),
       ErrorKind::kInvalidImage},
  };
  for (const auto& [view, kind] : bad) {
    EXPECT_EQ(KindOf([&] { det.Detect(view); }), kind);
    // The detector that saw the bad image still finds exactly the same face.
    const std::vector<mtcnn::Face> again = det.Detect(img.view());
    ASSERT_EQ(again.size(), 1u);
    EXPECT_EQ(again[0].box, expected[0].box);
    EXPECT_EQ(again[0].keypoints, expected[0].keypoints);
  }
  // Tiny and uniform images are fine and have no faces.
  EXPECT_TRUE(det.Detect(rgb(px.data(), 64, 64, 0)).empty());
  EXPECT_TRUE(det.Detect(rgb(px.data(), 1, 1, 0)).empty());
}

TEST(Detector, BadConfigsAreRejectedAndChangeNothing) {
  mtcnn::Detector det(mtcnn::Config{});
  auto with = [](auto change) {
    mtcnn::Config c;
    change(c);
    return c;
  };
  const std::vector<mtcnn::Config> bad = {
      with([](auto& c) { c.detection.min_face_size = 0.5; }),
      with([](auto& c) { c.detection.min_face_size = NAN; }),
      with([](auto& c) { c.detection.min_face_size = INFINITY; }),
      with([](auto& c) { c.detection.thresholds[0] = -0.1; }),
      with([](auto& c) { c.detection.thresholds[2] = 1.5; }),
      with([](auto& c) { c.detection.thresholds[1] = NAN; }),
      with([](auto& c) { c.detection.scale_factor = 0; }),
      with([](auto& c) { c.detection.scale_factor = 1; }),
      with([](auto& c) { c.detection.scale_factor = NAN; }),
      with([](auto& c) { c.max_memory_mb = 0.5; }),
      with([](auto& c) { c.max_memory_mb = NAN; }),
      with([](auto& c) { c.threads = 2; }),  // threads are set when a detector is made
  };
  for (const auto& c : bad)
    EXPECT_EQ(KindOf([&] { det.Reconfigure(c); }), ErrorKind::kInvalidOption);
  for (int threads : {0, -1, mtcnn::kMaxThreads + 1}) {
    EXPECT_EQ(KindOf([&] { mtcnn::Detector(with([&](auto& c) { c.threads = threads; })); }),
              ErrorKind::kInvalidOption);
  }
  EXPECT_EQ(det.config().detection.min_face_size, 20);  // unchanged by the failed calls
  EXPECT_EQ(det.config().max_memory_mb, 2048);
}

}  // namespace
