#include "cascade/working_memory.h"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <set>
#include <utility>

#include "imaging/resize_area.h"
#include "nn/net_output.h"
#include "nn/onet.h"
#include "nn/pnet.h"
#include "nn/rnet.h"

namespace mtcnn {
namespace {

// The sum of the n largest values.
uint64_t SumOfLargest(std::vector<uint64_t> values, uint64_t n) {
  std::sort(values.begin(), values.end(), std::greater<uint64_t>());
  uint64_t sum = 0;
  for (uint64_t i = 0; i < std::min<uint64_t>(n, values.size()); ++i) sum += values[i];
  return sum;
}

// Room for what the estimates leave out (allocators' rounding, XNNPACK's own).
uint64_t WithMargin(uint64_t bytes) { return bytes + bytes / 4 + (uint64_t{1} << 20); }

uint64_t Threads(int threads) { return static_cast<uint64_t>(std::max(1, threads)); }

// One band of `rows` level rows `width` wide on one thread: the band's image and P-Net
// input, P-Net's own buffers and the resize's scratch.
uint64_t PnetBandBytes(int width, int rows) {
  const uint64_t pixels = static_cast<uint64_t>(width) * rows;
  const uint64_t bytes = pixels * 3 + pixels * 3 * sizeof(float) +
                         Pnet::WorkingBytes(static_cast<size_t>(rows), static_cast<size_t>(width)) +
                         ResizeScratchBytes(width, sizeof(float));
  return WithMargin(bytes);
}

}  // namespace

uint64_t PnetStageBytes(int width, int height, const PnetPlan& plan, int threads) {
  std::vector<uint64_t> per_band;
  std::set<std::pair<size_t, size_t>> sizes;  // distinct band sizes (rows, width)
  for (const PnetBand& b : plan.bands) {
    const int band_width = plan.levels[b.level].width;
    per_band.push_back(PnetBandBytes(band_width, b.row1 - b.row0));
    sizes.insert({static_cast<size_t>(b.row1 - b.row0), static_cast<size_t>(band_width)});
  }
  const uint64_t rgb = static_cast<uint64_t>(width) * height * 3;
  // Every size on every thread's P-Net: an upper bound whatever share each thread gets.
  const uint64_t kept = Pnet::KeptOperatorBytes({sizes.begin(), sizes.end()}) * Threads(threads);
  return rgb + SumOfLargest(per_band, Threads(threads)) + kept;
}

uint64_t CropNetsBytes(int threads) {
  return WithMargin((Rnet::WorkingBytes(Rnet::kChunk) + Onet::WorkingBytes(Onet::kChunk)) *
                    Threads(threads));
}

uint64_t PnetCandidateBytes() {
  // In its band's list, then (while its level's NMS runs) in the merged list, the plain
  // box list and the picked list.
  return 2 * (sizeof(Box) + sizeof(uint64_t)) + 2 * sizeof(Box);
}

uint64_t CropStageBytes(const std::vector<CropWindow>& windows, int size, int threads) {
  const uint64_t crop_floats = static_cast<uint64_t>(size) * size * 3;
  // Input, heads and probabilities.
  uint64_t bytes =
      windows.size() * (crop_floats + HeadLayout::kWithLandmarks + HeadLayout::kLogitCount) * 4;
  std::vector<uint64_t> per_window;
  for (const CropWindow& c : windows) {
    const uint64_t w = static_cast<uint64_t>(std::max(0, c.width)),
                   h = static_cast<uint64_t>(std::max(0, c.height));
    // The pixel-area path streams the window a row at a time; the others hold it whole.
    const bool streamed = SelectResizePath(c.width, c.height, size, size) == ResizePath::kArea;
    per_window.push_back((streamed ? w : w * h) * 3 * sizeof(double) +
                         ResizeScratchBytes(size, sizeof(double)));
  }
  bytes += SumOfLargest(per_window, Threads(threads));
  return WithMargin(bytes);
}

}  // namespace mtcnn
