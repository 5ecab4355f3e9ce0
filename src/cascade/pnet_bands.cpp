#include "cascade/pnet_bands.h"

#include <algorithm>
#include <cmath>

#include "nn/pnet.h"

namespace mtcnn {

std::vector<PnetBand> PlanPnetBands(const std::vector<PyramidLevel>& levels, int threads) {
  double total = 0;
  for (const PyramidLevel& l : levels) total += static_cast<double>(l.width) * l.height;
  // Fewer, bigger bands cost less overlap; with one thread only memory asks for a cut.
  constexpr double kMinBandPixels = 2048;
  const double target = threads <= 1
                            ? kMaxBandPixels
                            : std::clamp(total / (2.0 * threads), kMinBandPixels, kMaxBandPixels);
  std::vector<PnetBand> bands;
  for (int i = 0; i < static_cast<int>(levels.size()); ++i) {
    const PyramidLevel& l = levels[i];
    const int map_h = static_cast<int>(Pnet::MapSize(static_cast<size_t>(l.height)));
    // A band of n map rows reads about kStride n level rows.
    const int rows_for_target = static_cast<int>(target / l.width / Pnet::kStride);
    const int per_band = std::max(4, rows_for_target);
    const int count = std::max(1, (map_h + per_band - 1) / per_band);
    for (int b = 0; b < count; ++b) {
      const int y0 = static_cast<int>(static_cast<long long>(map_h) * b / count);
      const int y1 = static_cast<int>(static_cast<long long>(map_h) * (b + 1) / count);
      // The last band runs to the level's end, which keeps Caffe's ceil-mode pooling of an
      // odd height exactly as on the whole level.
      const int row1 = y1 == map_h ? l.height : Pnet::kStride * (y1 - 1) + Pnet::kCellSize;
      bands.push_back({i, y0, y1, Pnet::kStride * y0, row1});
    }
  }
  return bands;
}

double PnetBandCost(const PyramidLevel& level, const PnetBand& band, int source_width) {
  // On WebAssembly SIMD a P-Net pixel costs about 100 times what the area resize spends per
  // source pixel it reads (every level reads its rows of the full-size image).
  constexpr double kSourcePixelCost = 0.01;
  const double rows = band.row1 - band.row0;
  return rows * level.width + kSourcePixelCost * (rows / level.scale) * source_width;
}

std::vector<std::vector<size_t>> AssignPnetBands(const std::vector<PyramidLevel>& levels,
                                                 const std::vector<PnetBand>& bands,
                                                 int source_width, int threads) {
  const size_t n = static_cast<size_t>(std::max(1, threads));
  std::vector<size_t> order(bands.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::vector<double> cost(bands.size());
  for (size_t i = 0; i < bands.size(); ++i)
    cost[i] = PnetBandCost(levels[bands[i].level], bands[i], source_width);
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return cost[a] > cost[b]; });
  std::vector<std::vector<size_t>> assigned(n);
  std::vector<double> load(n, 0);
  for (size_t i : order) {
    const size_t t = static_cast<size_t>(std::min_element(load.begin(), load.end()) - load.begin());
    assigned[t].push_back(i);
    load[t] += cost[i];
  }
  for (auto& a : assigned) std::sort(a.begin(), a.end());
  return assigned;
}

PnetPlan PlanPnetStage(int width, int height, double min_face_size, double scale_factor,
                       int threads) {
  PnetPlan plan;
  plan.levels = PyramidLevels(width, height, min_face_size, scale_factor);
  plan.bands = PlanPnetBands(plan.levels, threads);
  plan.assigned = AssignPnetBands(plan.levels, plan.bands, width, threads);
  return plan;
}

}  // namespace mtcnn
