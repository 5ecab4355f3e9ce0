// libFuzzer target: arbitrary bytes as a safetensors weights file, through the public API.
// A detector must either be made or refused with mtcnn::Error(kInvalidWeights), and a
// detector that is made must run on a small image.
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "mtcnn/detector.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    mtcnn::Detector detector(mtcnn::Config{}, mtcnn::WeightsFile{data, size});
    std::vector<uint8_t> pixels(48 * 48 * 3, 128);
    detector.Detect(mtcnn::ImageView::InMemory(pixels.data(), 48, 48, mtcnn::PixelFormat::kRGB));
  } catch (const mtcnn::Error& e) {
    if (e.kind() != mtcnn::ErrorKind::kInvalidWeights) std::abort();
  }
  return 0;
}
