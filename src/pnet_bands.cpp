#include "pnet_bands.h"

#include <algorithm>
#include <cmath>

namespace mtcnn {

int PnetMapSize(int n) {
  const int conv1 = n - 2;
  const int pool = (conv1 + 1) / 2;  // 2x2 stride 2, ceil mode
  return pool - 4;                   // two more 3x3 convolutions
}

std::vector<PnetBand> PlanPnetBands(const std::vector<PyramidLevel>& levels, int threads) {
  double total = 0;
  for (const PyramidLevel& l : levels) total += static_cast<double>(l.width) * l.height;
  // Fewer, bigger bands cost less overlap; with one thread only memory asks for a cut.
  constexpr double kMinBandPixels = 2048;
  const double target =
      threads <= 1 ? kMaxBandPixels : std::clamp(total / (2.0 * threads), kMinBandPixels, kMaxBandPixels);
  std::vector<PnetBand> bands;
  for (int i = 0; i < static_cast<int>(levels.size()); ++i) {
    const PyramidLevel& l = levels[i];
    const int map_h = PnetMapSize(l.height);
    // A band of n map rows reads 2n + 10 level rows.
    const int rows_for_target = static_cast<int>(target / l.width / 2);
    const int per_band = std::max(4, rows_for_target);
    const int count = std::max(1, (map_h + per_band - 1) / per_band);
    for (int b = 0; b < count; ++b) {
      const int y0 = static_cast<int>(static_cast<long long>(map_h) * b / count);
      const int y1 = static_cast<int>(static_cast<long long>(map_h) * (b + 1) / count);
      // The last band runs to the level's end, which keeps Caffe's ceil-mode pooling of an
      // odd height exactly as on the whole level.
      bands.push_back({i, y0, y1, 2 * y0, y1 == map_h ? l.height : 2 * y1 + 10});
    }
  }
  return bands;
}

}  // namespace mtcnn
