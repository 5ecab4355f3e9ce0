// How stage 1 cuts the pyramid into bands: row ranges of a level's P-Net map, each run whole
// by one thread on its own P-Net. A band of map rows [y0, y1) needs the level's rows
// [kStride y0, kStride (y1 - 1) + kCellSize) (Pnet's constants), so bands overlap, and each
// map cell is computed from exactly the pixels, and with exactly the operations, of a run
// on the whole level: results do not depend on the cut. Bands bound memory (a band, not a
// level, per thread) and balance threads (big levels split, small ones run side by side).
#pragma once

#include <cstddef>
#include <vector>

#include "cascade/pyramid.h"

namespace mtcnn {

struct PnetBand {
  int level;
  int map_y0, map_y1;  // map rows [map_y0, map_y1)
  int row0, row1;      // level rows [row0, row1) they need
};

// Bands of at most kMaxBandPixels level pixels (so per-thread memory is bounded whatever
// the image), and with several threads about 1/(2 threads) of the pyramid each, so that
// every thread gets work of similar size.
std::vector<PnetBand> PlanPnetBands(const std::vector<PyramidLevel>& levels, int threads);

constexpr double kMaxBandPixels = 1 << 17;

// The bands each of `threads` threads runs, in plan order: a fixed assignment (longest
// first onto the least loaded thread) by each band's estimated cost, its P-Net pixels plus
// the source pixels its resize reads. Fixed, so that each thread's P-Net sees the same band
// sizes on every call with the same image size and keeps their operators (the layers'
// shape caches) instead of reshaping them.
std::vector<std::vector<size_t>> AssignPnetBands(const std::vector<PyramidLevel>& levels,
                                                 const std::vector<PnetBand>& bands,
                                                 int source_width, int threads);

// The estimated cost AssignPnetBands balances, in units of one P-Net pixel.
double PnetBandCost(const PyramidLevel& level, const PnetBand& band, int source_width);

// Stage 1's plan for one image, made once per detection: its pyramid, the bands and which
// thread runs which.
struct PnetPlan {
  std::vector<PyramidLevel> levels;
  std::vector<PnetBand> bands;
  std::vector<std::vector<size_t>> assigned;  // per thread, indices into bands
};
PnetPlan PlanPnetStage(int width, int height, double min_face_size, double scale_factor,
                       int threads);

}  // namespace mtcnn
