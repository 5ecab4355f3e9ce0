#include "cascade/crops.h"

#include "runtime/parallel_for.h"

namespace mtcnn {
namespace {

// A scratch window over this many doubles is released after a stage.
constexpr size_t kKeptWindowElements = size_t{1} << 20;

}  // namespace

void CropBuilder::Reserve(size_t threads) {
  if (scratch_.size() < threads) scratch_.resize(threads);
}

void CropBuilder::BuildRange(const ImageU8& image, const std::vector<CropWindow>& windows, int size,
                             size_t first, size_t count, float* out, size_t thread,
                             pthreadpool_t split) {
  const size_t crop_floats = static_cast<size_t>(size) * size * 3;
  if (split == nullptr) {
    for (size_t k = 0; k < count; ++k) {
      BuildCrop(image, windows[first + k], size, &scratch_[thread], out + k * crop_floats);
    }
    return;
  }
  // Each crop is computed whole by one thread into its own slot: the split cannot change it.
  ParallelFor(split, count, [&](size_t t, size_t k) {
    BuildCrop(image, windows[first + k], size, &scratch_[t], out + k * crop_floats);
  });
}

void CropBuilder::Trim() {
  // A face filling a big image makes a big window; do not keep it for the next call.
  for (Scratch& s : scratch_) {
    if (s.window.pixels.capacity() > kKeptWindowElements) s.window = ImageF64();
  }
}

}  // namespace mtcnn
