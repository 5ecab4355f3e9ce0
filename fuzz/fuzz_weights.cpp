// libFuzzer target: arbitrary bytes as a safetensors weights file. Parsing must succeed or
// throw mtcnn::Error(kInvalidWeights); weights that parse must build a detector or be
// refused the same way, and a detector that builds must run on a small image.
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "detector.h"
#include "errors.h"
#include "thread_pool.h"
#include "weights.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const bool initialized = (mtcnn::InitializeXnnpack(), true);
  (void)initialized;
  try {
    const mtcnn::Weights weights = mtcnn::Weights::FromSafetensors(data, size);
    mtcnn::Detector detector(weights, {}, 1);
    std::vector<uint8_t> pixels(48 * 48 * 3, 128);
    detector.Detect(mtcnn::ImageView{pixels.data(), 48, 48, mtcnn::PixelFormat::kRGB, 0});
  } catch (const mtcnn::Error& e) {
    if (e.kind() != mtcnn::ErrorKind::kInvalidWeights) std::abort();
  }
  return 0;
}
