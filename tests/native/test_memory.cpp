// The memory limit: an input over it is refused with kResourceLimit before any work and
// the detector works afterwards; the row-wise and streamed resizes equal the whole resize;
// an exception in a pool task reaches the caller.
#include <gtest/gtest.h>

#include <random>
#include <stdexcept>

#include "cascade/pnet_bands.h"
#include "cascade/working_memory.h"
#include "imaging/resize_area.h"
#include "mtcnn/detector.h"
#include "runtime/memory_budget.h"
#include "runtime/parallel_for.h"
#include "runtime/thread_pool.h"
#include "unit_fixtures.h"

namespace {

mtcnn::ImageU8 RandomImage(int w, int h, unsigned seed) {
  std::mt19937 rng(seed);
  mtcnn::ImageU8 img;
  img.Resize(w, h, 3);
  for (uint8_t& v : img.pixels) v = static_cast<uint8_t>(rng());
  return img;
}

mtcnn::ImageView ViewOf(const mtcnn::ImageU8& image) {
  return mtcnn::ImageView::InMemory(image.pixels.data(), image.width, image.height,
                                    mtcnn::PixelFormat::kRGB);
}

mtcnn::Config WithMemoryLimit(mtcnn::Config config, double mb) {
  config.max_memory_mb = mb;
  return config;
}

// Detect on `image` must fail with kResourceLimit whose message contains `says`.
void ExpectResourceLimit(mtcnn::Detector* det, const mtcnn::ImageView& image,
                         const std::string& says) {
  try {
    det->Detect(image);
    FAIL() << "no error";
  } catch (const mtcnn::Error& e) {
    EXPECT_EQ(e.kind(), mtcnn::ErrorKind::kResourceLimit);
    EXPECT_NE(std::string(e.what()).find(says), std::string::npos) << e.what();
  }
}

TEST(MemoryLimit, RefusesOverTheLimitThenWorks) {
  const mtcnn_cli::RgbImage face = mtcnn_test::FixtureImage("skimage_astronaut.png");
  mtcnn::Config config;
  config.threads = 2;
  mtcnn::Detector det(config);
  const std::vector<mtcnn::Face> expected = det.Detect(face.view());
  det.Reconfigure(WithMemoryLimit(config, 8));
  ExpectResourceLimit(&det, face.view(), "MiB");
  det.Reconfigure(config);
  const std::vector<mtcnn::Face> again = det.Detect(face.view());
  ASSERT_EQ(again.size(), expected.size());
  for (size_t i = 0; i < again.size(); ++i) EXPECT_EQ(again[i].box, expected[i].box);
}

TEST(MemoryLimit, CandidatesCountAgainstIt) {
  // Every P-Net cell passes a threshold of 0; the limit leaves room for the stage, not them.
  const mtcnn::ImageU8 img = RandomImage(640, 480, 3);
  mtcnn::Config config;
  config.detection.thresholds = {0, 0.7, 0.7};
  const mtcnn::DetectionOptions& o = config.detection;
  const mtcnn::PnetPlan plan = mtcnn::PlanPnetStage(640, 480, o.min_face_size, o.scale_factor, 1);
  const uint64_t stage =
      mtcnn::PnetStageBytes(640, 480, plan, 1) + mtcnn::CropNetsBytes(1) + 100000;
  mtcnn::Detector det(WithMemoryLimit(config, static_cast<double>(stage) / (1 << 20)));
  ExpectResourceLimit(&det, ViewOf(img), "candidate");
}

TEST(MemoryLimit, EstimatesGrowWithTheImageAndThreads) {
  const auto small = mtcnn::PlanPnetStage(640, 480, 20, 0.709, 1);
  const auto big = mtcnn::PlanPnetStage(3840, 2160, 20, 0.709, 1);
  const auto big_two = mtcnn::PlanPnetStage(3840, 2160, 20, 0.709, 2);
  EXPECT_LT(mtcnn::PnetStageBytes(640, 480, small, 1), mtcnn::PnetStageBytes(3840, 2160, big, 1));
  EXPECT_LE(mtcnn::PnetStageBytes(3840, 2160, big, 1),
            mtcnn::PnetStageBytes(3840, 2160, big_two, 2));
  EXPECT_EQ(mtcnn::MegabytesToBytes(2), uint64_t{2} << 20);
  EXPECT_EQ(mtcnn::MegabytesToBytes(1.0 / 0.0), UINT64_MAX);
}

TEST(ResizeRows, RowsAndStreamsEqualTheWholeResize) {
  const mtcnn::ImageU8 src = RandomImage(301, 517, 11);
  for (const auto& [dw, dh] :
       {std::pair{213, 366}, {150, 258}, {602, 1034}, {301, 517}}) {  // area, fast, linear, copy
    mtcnn::ImageU8 whole;
    mtcnn::ResizeArea(src, dw, dh, &whole);
    for (int r0 = 0; r0 < dh; r0 += 37) {
      const int r1 = std::min(dh, r0 + 41);
      mtcnn::ImageU8 part;
      mtcnn::ResizeAreaRows(src, dw, dh, r0, r1, &part);
      ASSERT_EQ(part.height, r1 - r0);
      for (int y = r0; y < r1; ++y) {
        ASSERT_TRUE(std::equal(part.Row(y - r0), part.Row(y - r0) + dw * 3, whole.Row(y)))
            << dw << " row " << y;
      }
    }
  }
  mtcnn::ImageF64 window;
  window.Resize(700, 650, 3);
  for (size_t i = 0; i < window.pixels.size(); ++i)
    window.pixels[i] = src.pixels[i % src.pixels.size()];
  mtcnn::ImageF64 whole, streamed;
  mtcnn::ResizeArea(window, 48, 48, &whole);
  struct WindowRows final : mtcnn::RowSource {
    explicit WindowRows(const mtcnn::ImageF64& w) : window(w) {}
    const uint8_t* Row(int y, uint8_t* scratch) const noexcept override {
      for (int i = 0; i < window.width * 3; ++i)
        scratch[i] = static_cast<uint8_t>(window.Row(y)[i]);
      return scratch;
    }
    const mtcnn::ImageF64& window;
  };
  mtcnn::ResizeAreaStreamed(700, 650, WindowRows(window), 48, 48, &streamed);
  EXPECT_EQ(streamed.pixels, whole.pixels);
}

TEST(ParallelFor, AnExceptionInATaskReachesTheCaller) {
  mtcnn::ThreadPool pool(2);
  std::atomic<int> ran{0};
  EXPECT_THROW(mtcnn::ParallelFor(pool.get(), 1000,
                                  [&](size_t, size_t i) {
                                    ++ran;
                                    if (i == 500) throw std::bad_alloc();
                                  }),
               std::bad_alloc);
  EXPECT_GT(ran.load(), 0);
  int sum = 0;
  mtcnn::ParallelFor(nullptr, 10,
                     [&](size_t thread, size_t i) { sum += static_cast<int>(i + thread); });
  EXPECT_EQ(sum, 45);
}

}  // namespace
