// libFuzzer target: the detector on arbitrary images and options. The input's first bytes
// choose the width, height, pixel format, row padding, options and memory limit; the rest
// are the pixels (repeated to fill the image). Whatever comes in, Detect must return
// well-formed faces or throw mtcnn::Error; crashes, hangs and sanitizer reports are bugs.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "fuzz_input.h"
#include "mtcnn/detector.h"

namespace {

mtcnn::Detector& SharedDetector() {
  static mtcnn::Detector* detector = new mtcnn::Detector(mtcnn::Config{});
  return *detector;
}

// A threshold: mostly in [0, 1], sometimes out of range or NaN (to exercise validation).
double Threshold(uint8_t b) {
  if (b == 255) return std::nan("");
  if (b >= 240) return 1.0 + (b - 240);
  return b / 239.0;
}

void Check(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  mtcnn_fuzz::FuzzInput in{data, size};
  // Up to 64 x 64: big enough for faces at every stage, small enough for thousands of
  // executions a second.
  const int width = 1 + in.Byte() % 64;
  const int height = 1 + in.Byte() % 64;
  const bool rgba = in.Byte() & 1;
  const size_t padding = in.Byte() % 4;
  mtcnn::Config config;
  mtcnn::DetectionOptions& options = config.detection;
  // minFaceSize 12 to 64, or invalid (0).
  const uint8_t mfs = in.Byte();
  options.min_face_size = mfs == 0 ? 0 : 11 + mfs % 54;
  options.thresholds = {Threshold(in.Byte()), Threshold(in.Byte()), Threshold(in.Byte())};
  const uint8_t sf = in.Byte();
  options.scale_factor = sf == 0 ? 1.5 : 0.3 + 0.6 * (sf / 255.0);
  if (in.Byte() & 1) config.max_memory_mb = 1 + in.Byte() % 64;

  const int channels = rgba ? 4 : 3;
  const size_t stride = static_cast<size_t>(width) * channels + padding;
  std::vector<uint8_t> pixels(stride * height);
  for (size_t i = 0; i < pixels.size(); ++i)
    pixels[i] = in.size ? in.data[i % in.size] : static_cast<uint8_t>(i);

  mtcnn::Detector& detector = SharedDetector();
  try {
    detector.Reconfigure(config);
  } catch (const mtcnn::Error& e) {
    Check(e.kind() == mtcnn::ErrorKind::kInvalidOption);
    return 0;
  }
  const mtcnn::ImageView view = mtcnn::ImageView::InMemory(
      pixels.data(), width, height, rgba ? mtcnn::PixelFormat::kRGBA : mtcnn::PixelFormat::kRGB,
      stride);
  try {
    const std::vector<mtcnn::Face> faces = detector.Detect(view);
    for (size_t i = 0; i < faces.size(); ++i) {
      const mtcnn::Face& f = faces[i];
      Check(f.confidence >= 0 && f.confidence <= 1);
      Check(i == 0 || faces[i - 1].confidence >= f.confidence);
      for (double v : f.box) Check(std::isfinite(v));
      for (const auto& k : f.keypoints) Check(std::isfinite(k[0]) && std::isfinite(k[1]));
    }
  } catch (const mtcnn::Error& e) {
    Check(e.kind() == mtcnn::ErrorKind::kResourceLimit);  // the only failure valid input may meet
  }
  return 0;
}
