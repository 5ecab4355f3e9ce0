#include "memory_estimate.h"

#include "networks.h"
#include "pnet_bands.h"
#include "resize_area.h"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <set>
#include <utility>

namespace mtcnn {
namespace {

uint64_t Valid(uint64_t in, uint64_t kernel) { return in >= kernel ? in - kernel + 1 : 0; }
uint64_t CeilPool2(uint64_t in) { return in >= 2 ? (in - 2 + 1) / 2 + 1 : 0; }  // Caffe ceil mode, k=2 s=2

// INTER_AREA keeps the horizontal sums of at most a band of source rows (resize_area.cpp:
// 256 rows plus the rows one destination row spans, bounded here by 16 more).
uint64_t ResizeBandBytes(uint64_t dst_width, uint64_t element_bytes) { return (256 + 16) * dst_width * 3 * element_bytes; }

// The sum of the n largest values.
uint64_t SumOfLargest(std::vector<uint64_t> values, uint64_t n) {
  std::sort(values.begin(), values.end(), std::greater<uint64_t>());
  uint64_t sum = 0;
  for (uint64_t i = 0; i < std::min<uint64_t>(n, values.size()); ++i) sum += values[i];
  return sum;
}

// XNNPACK's convolution keeps an indirection buffer of one pointer per kernel tap per
// output pixel (plus its own rounding, covered by the margin below).
uint64_t Indirection(uint64_t out_pixels, uint64_t kernel) { return out_pixels * kernel * kernel * sizeof(void*); }

uint64_t WithMargin(uint64_t bytes) { return bytes + bytes / 4 + (uint64_t{1} << 20); }

}  // namespace

uint64_t PnetBandBytes(int width, int height) {
  const uint64_t w = static_cast<uint64_t>(width), h = static_cast<uint64_t>(height);
  const uint64_t p0 = w * h;
  const uint64_t p1 = Valid(w, 3) * Valid(h, 3);                       // conv1, 10 channels
  const uint64_t w2 = CeilPool2(Valid(w, 3)), h2 = CeilPool2(Valid(h, 3));  // pool, 10
  const uint64_t w3 = Valid(w2, 3), h3 = Valid(h2, 3);                  // conv2, 16
  const uint64_t p4 = Valid(w3, 3) * Valid(h3, 3);                      // conv3, 32; the map
  const uint64_t floats = 4;
  uint64_t bytes = p0 * 3 + p0 * 3 * floats;                            // level image, input
  bytes += h * Valid(w, 3) * 9 * floats;                               // conv1's column triples
  bytes += std::max(p1 * 10, w3 * h3 * 16) * floats;                   // ping buffer
  bytes += std::max(w2 * h2 * 10, p4 * 32) * floats;                   // pong buffer
  bytes += p4 * (6 + 2) * floats;                                      // heads, probabilities
  bytes += Indirection(p1, 3) + Indirection(w3 * h3, 3) + Indirection(p4, 3);
  bytes += ResizeBandBytes(w, floats);
  return WithMargin(bytes);
}

uint64_t PnetShapeCacheBytes(const std::vector<PyramidLevel>& levels, int threads) {
  // The distinct band sizes, and per convolution the indirection of all of them.
  std::set<std::pair<int, int>> sizes;
  for (const PnetBand& b : PlanPnetBands(levels, threads)) sizes.insert({levels[b.level].width, b.row1 - b.row0});
  uint64_t conv[3] = {0, 0, 0};
  for (const auto& [width, rows] : sizes) {
    const uint64_t w = static_cast<uint64_t>(width), h = static_cast<uint64_t>(rows);
    const uint64_t w2 = CeilPool2(Valid(w, 3)), h2 = CeilPool2(Valid(h, 3));
    conv[0] += Indirection(Valid(w, 3) * Valid(h, 3), 3);
    conv[1] += Indirection(Valid(w2, 3) * Valid(h2, 3), 3);
    conv[2] += Indirection(Valid(Valid(w2, 3), 3) * Valid(Valid(h2, 3), 3), 3);
  }
  // Each kept size is also an operator with its own packed weights (10, 16 and 32 filters
  // of 3x3x3, 3x3x10 and 3x3x16, plus padding: 64 KiB covers the three).
  uint64_t bytes = sizes.size() * (uint64_t{64} << 10);
  for (int i = 0; i < 3; ++i) bytes += std::min(conv[i], kPnetShapeCacheBytes[i]);
  // Every size on every thread's P-Net: an upper bound that holds whatever share of the
  // bands AssignPnetBands gives each thread.
  return bytes * static_cast<uint64_t>(std::max(1, threads));
}

uint64_t PnetStageBytes(int width, int height, const std::vector<PyramidLevel>& levels, int threads) {
  std::vector<uint64_t> per_band;
  for (const PnetBand& b : PlanPnetBands(levels, threads)) {
    per_band.push_back(PnetBandBytes(levels[b.level].width, b.row1 - b.row0));
  }
  const uint64_t rgb = static_cast<uint64_t>(width) * height * 3;
  return rgb + SumOfLargest(per_band, static_cast<uint64_t>(std::max(1, threads))) +
         PnetShapeCacheBytes(levels, threads);
}

uint64_t CropNetsBytes(int threads) {
  // Per crop: the largest activation twice (ping and pong buffers), and an indirection
  // pointer per kernel tap per output pixel of each 3x3 (or 2x2) convolution.
  // Plus conv1's column triples (ColumnTripleConv), 9 floats per input pixel but two columns.
  const uint64_t rnet = 2 * 22 * 22 * 28 * 4 + 24 * 22 * 9 * 4 + Indirection(22 * 22, 3) + Indirection(9 * 9, 3) +
                        Indirection(3 * 3, 2);
  const uint64_t onet = 2 * 46 * 46 * 32 * 4 + 48 * 46 * 9 * 4 + Indirection(46 * 46, 3) + Indirection(21 * 21, 3) +
                        Indirection(8 * 8, 3) + Indirection(3 * 3, 2);
  return WithMargin((Rnet::kChunk * rnet + Onet::kChunk * onet) * static_cast<uint64_t>(std::max(1, threads)));
}

uint64_t PnetCandidateBytes() {
  // In its band's list, then (while its level's NMS runs) in the merged list, the plain
  // box list and the picked list.
  return 2 * (sizeof(Box) + sizeof(uint64_t)) + 2 * sizeof(Box);
}

uint64_t MegabytesToBytes(double megabytes) {
  const double bytes = megabytes * (1 << 20);
  return bytes >= static_cast<double>(UINT64_MAX) ? UINT64_MAX : static_cast<uint64_t>(bytes);
}

uint64_t CropStageBytes(const std::vector<Box>& boxes, int size, int image_width, int image_height, int threads) {
  const uint64_t crop_floats = static_cast<uint64_t>(size) * size * 3;
  uint64_t bytes = boxes.size() * (crop_floats + 16 + 2) * 4;  // input, heads, probabilities
  std::vector<uint64_t> windows;
  for (const Box& b : boxes) {
    const CropWindow c = PadBox(b, image_width, image_height);
    const uint64_t w = static_cast<uint64_t>(std::max(0, c.tmpw)), h = static_cast<uint64_t>(std::max(0, c.tmph));
    // The pixel-area path streams the window a row at a time; the others hold it whole.
    const bool streamed = SelectResizePath(c.tmpw, c.tmph, size, size) == ResizePath::kArea;
    windows.push_back((streamed ? w : w * h) * 3 * sizeof(double) + ResizeBandBytes(size, sizeof(double)));
  }
  bytes += SumOfLargest(windows, static_cast<uint64_t>(std::max(1, threads)));
  return WithMargin(bytes);
}

}  // namespace mtcnn
