// End to end: the detector on the committed fixture PNGs against the golden outputs of every
// run (settings) the golden file has; errors for bad input and options, after which the
// detector still works; identical results on 1 and 2 threads.
#include <gtest/gtest.h>

#include "detector.h"
#include "errors.h"
#include "fixtures.h"
#include "image_file.h"

namespace {

using mtcnn::ErrorKind;

mtcnn::DetectionOptions OptionsOf(const nlohmann::json& settings) {
  mtcnn::DetectionOptions o;
  o.min_face_size = settings["min_face_size"];
  o.thresholds = settings["thresholds"].get<std::array<double, 3>>();
  o.scale_factor = settings["scale_factor"];
  return o;
}

TEST(Detector, MatchesGoldenOnFixtures) {
  const nlohmann::json golden = mtcnn_test::ReadJson(mtcnn_test::FixturePath("golden.json"));
  mtcnn::Detector det(mtcnn_test::DefaultWeights(), {}, 1);
  int runs = 0, faces = 0;
  for (const auto& [file, entry] : golden["images"].items()) {
    const mtcnn::ImageU8 img = mtcnn_cli::ReadImageFile(mtcnn_test::FixturePath("images/" + file));
    ASSERT_EQ(img.width, entry["width"].get<int>());
    for (const auto& [run, r] : entry["runs"].items()) {
      SCOPED_TRACE(file + " " + run);
      det.set_options(OptionsOf(r["settings"]));
      const std::vector<mtcnn::Face> found = det.Detect(img);
      const mtcnn_test::GoldenMatch m = mtcnn_test::MatchGolden(r["faces"], found);
      EXPECT_EQ(m.matched, m.golden);
      EXPECT_EQ(m.matched, m.ours);
      EXPECT_LE(m.max_dbox, 0.01);
      EXPECT_LE(m.max_dconf, 1e-4);
      EXPECT_LE(m.max_dlandmark, 0.01);
      for (size_t i = 1; i < found.size(); ++i) EXPECT_GE(found[i - 1].confidence, found[i].confidence);
      ++runs;
      faces += m.golden;
    }
  }
  EXPECT_GE(runs, 13);
  EXPECT_GE(faces, 30);
}

TEST(Detector, RgbaWithStrideGivesTheSameFaces) {
  const mtcnn::ImageU8 rgb = mtcnn_cli::ReadImageFile(mtcnn_test::FixturePath("images/2007_007763.png"));
  const size_t stride = rgb.width * 4 + 12;
  std::vector<uint8_t> rgba(stride * rgb.height, 7);
  for (int y = 0; y < rgb.height; ++y) {
    for (int x = 0; x < rgb.width; ++x) {
      for (int c = 0; c < 3; ++c) rgba[y * stride + x * 4 + c] = rgb.Row(y)[x * 3 + c];
      rgba[y * stride + x * 4 + 3] = 255;
    }
  }
  mtcnn::Detector det(mtcnn_test::DefaultWeights(), {}, 1);
  const auto a = det.Detect(rgb);
  const auto b = det.Detect(mtcnn::ImageView{rgba.data(), rgb.width, rgb.height, mtcnn::PixelFormat::kRGBA, stride});
  ASSERT_EQ(a.size(), 7u);
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].box, b[i].box);
    EXPECT_EQ(a[i].confidence, b[i].confidence);
  }
}

TEST(Detector, SameResultsOnOneAndTwoThreads) {
  const mtcnn::ImageU8 img = mtcnn_cli::ReadImageFile(mtcnn_test::FixturePath("images/2007_007763.png"));
  mtcnn::Detector one(mtcnn_test::DefaultWeights(), {}, 1);
  mtcnn::Detector two(mtcnn_test::DefaultWeights(), {}, 2);
  EXPECT_EQ(two.threads(), 2);
  const auto a = one.Detect(img);
  const auto b = two.Detect(img);
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
  mtcnn::Detector det(mtcnn_test::DefaultWeights(), {}, 1);
  std::vector<uint8_t> px(64 * 64 * 3, 128);
  using mtcnn::ImageView;
  EXPECT_EQ(KindOf([&] { det.Detect(ImageView{nullptr, 64, 64, mtcnn::PixelFormat::kRGB, 0}); }), ErrorKind::kInvalidImage);
  EXPECT_EQ(KindOf([&] { det.Detect(ImageView{px.data(), 0, 64, mtcnn::PixelFormat::kRGB, 0}); }), ErrorKind::kInvalidImage);
  EXPECT_EQ(KindOf([&] { det.Detect(ImageView{px.data(), 64, -3, mtcnn::PixelFormat::kRGB, 0}); }), ErrorKind::kInvalidImage);
  EXPECT_EQ(KindOf([&] { det.Detect(ImageView{px.data(), 64, 64, mtcnn::PixelFormat::kRGB, 10}); }), ErrorKind::kInvalidImage);
  EXPECT_EQ(KindOf([&] { det.Detect(ImageView{px.data(), 1 << 16, 1 << 16, mtcnn::PixelFormat::kRGB, 0}); }),
            ErrorKind::kResourceLimit);
  // Tiny and uniform images are fine and have no faces.
  EXPECT_TRUE(det.Detect(ImageView{px.data(), 64, 64, mtcnn::PixelFormat::kRGB, 0}).empty());
  EXPECT_TRUE(det.Detect(ImageView{px.data(), 1, 1, mtcnn::PixelFormat::kRGB, 0}).empty());
  const mtcnn::ImageU8 img = mtcnn_cli::ReadImageFile(mtcnn_test::FixturePath("images/skimage_astronaut.png"));
  EXPECT_EQ(det.Detect(img).size(), 1u);
}

TEST(Detector, BadOptionsAreRejected) {
  mtcnn::Detector det(mtcnn_test::DefaultWeights(), {}, 1);
  auto with = [](auto change) {
    mtcnn::DetectionOptions o;
    change(o);
    return o;
  };
  const std::vector<mtcnn::DetectionOptions> bad = {
      with([](auto& o) { o.min_face_size = 0.5; }),  with([](auto& o) { o.min_face_size = NAN; }),
      with([](auto& o) { o.min_face_size = INFINITY; }), with([](auto& o) { o.thresholds[0] = -0.1; }),
      with([](auto& o) { o.thresholds[2] = 1.5; }),   with([](auto& o) { o.thresholds[1] = NAN; }),
      with([](auto& o) { o.scale_factor = 0; }),      with([](auto& o) { o.scale_factor = 1; }),
      with([](auto& o) { o.scale_factor = NAN; }),
  };
  for (const auto& o : bad) EXPECT_EQ(KindOf([&] { det.set_options(o); }), ErrorKind::kInvalidOption);
  EXPECT_EQ(KindOf([&] { mtcnn::Detector(mtcnn_test::DefaultWeights(), {}, 0); }), ErrorKind::kInvalidOption);
  EXPECT_EQ(det.options().min_face_size, 20);  // unchanged by the failed calls
}

}  // namespace
