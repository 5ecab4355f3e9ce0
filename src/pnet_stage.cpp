#include "pnet_stage.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "crops.h"
#include "errors.h"
#include "memory_estimate.h"
#include "normalize.h"
#include "parallel_for.h"
#include "resize_area.h"

namespace mtcnn {

PnetStage::PnetStage(const Weights& weights, int threads) {
  for (int t = 0; t < std::max(1, threads); ++t) pnets_.push_back(std::make_unique<Pnet>(weights));
  scratch_.resize(pnets_.size());
}

void PnetStage::RunBand(const ImageU8& rgb, const PyramidLevel& level, const PnetBand& band, float threshold,
                        size_t task, std::vector<Candidate>* found) {
  Pnet& pnet = *pnets_[task];
  TaskScratch& w = scratch_[task];
  Stopwatch watch;
  ResizeAreaRows(rgb, level.width, level.height, band.row0, band.row1, &w.image);
  Grow(&w.input, w.image.pixels.size());  // a task's bands shrink level by level
  // The seed rounds each level to uint8 before normalising.
  NormalizeBytes(w.image.pixels.data(), w.image.pixels.size(), w.input.data());
  watch.Lap(&w.resize_ms);
  const size_t rows = static_cast<size_t>(band.row1 - band.row0);
  pnet.Run(w.input.data(), rows, level.width, nullptr, &w.out);
  watch.Lap(&w.pnet_ms);
  const size_t mh = pnet.MapHeight(rows), mw = pnet.MapWidth(level.width);
  const size_t level_mh = static_cast<size_t>(PnetMapSize(level.height));
  found->clear();
  for (size_t x = 0; x < mw; ++x) {
    for (size_t by = 0; by < mh; ++by) {
      const size_t i = by * mw + x;
      const float score = w.out.Face(i);
      if (!(score >= threshold)) continue;
      const size_t y = band.map_y0 + by;
      Candidate c;
      c.order = static_cast<uint64_t>(x) * level_mh + y;
      Box& b = c.box;
      b.x1 = std::trunc((2.0 * x + 1) / level.scale);
      b.y1 = std::trunc((2.0 * y + 1) / level.scale);
      b.x2 = std::trunc((2.0 * x + 12) / level.scale);
      b.y2 = std::trunc((2.0 * y + 12) / level.scale);
      b.score = score;
      const float* reg = w.out.Head(i) + 2;
      for (int k = 0; k < 4; ++k) b.reg[k] = reg[k];
      found->push_back(c);
    }
  }
  watch.Lap(&w.pnet_ms);  // reading the map out is P-Net's work too (and not idle time)
  Charge(found->size());
}

void PnetStage::Charge(size_t candidates) {
  const uint64_t total = candidates_found_.fetch_add(candidates) + candidates;
  if (total * PnetCandidateBytes() > candidate_budget_) {
    throw Error(ErrorKind::kResourceLimit,
                "P-Net found over " + std::to_string(total) + " candidate windows, more than the memory limit " +
                    "(maxMemoryMB, --max-memory-mb) leaves room for; raise it, thresholds[0] or minFaceSize");
  }
}

void PnetStage::PickLevel(const std::vector<std::vector<Candidate>*>& bands, std::vector<Box>* picked) {
  std::vector<Candidate> all;
  for (const std::vector<Candidate>* b : bands) all.insert(all.end(), b->begin(), b->end());
  // The seed enumerates cells image-x major (np.where on its transposed map); NMS ties are
  // broken by this order, so restore it across bands.
  std::sort(all.begin(), all.end(), [](const Candidate& a, const Candidate& b) { return a.order < b.order; });
  std::vector<Box> candidates;
  candidates.reserve(all.size());
  for (const Candidate& c : all) candidates.push_back(c.box);
  *picked = Select(candidates, Nms(candidates, 0.5, NmsMethod::kUnion));
}

std::vector<Box> PnetStage::Run(const ImageU8& rgb, const DetectionOptions& options, pthreadpool_t pool,
                                uint64_t candidate_budget, StageTimings* timings) {
  candidate_budget_ = candidate_budget;
  candidates_found_ = 0;
  const std::vector<PyramidLevel> levels =
      PyramidLevels(rgb.width, rgb.height, options.min_face_size, options.scale_factor);
  timings->levels = static_cast<int>(levels.size());
  if (levels.empty()) return {};
  CheckImageSize(levels[0].width, levels[0].height, "the first pyramid level");
  const int threads = pool != nullptr ? static_cast<int>(pnets_.size()) : 1;
  const std::vector<PnetBand> bands = PlanPnetBands(levels, threads);
  if (band_candidates_.size() < bands.size()) band_candidates_.resize(bands.size());
  if (level_picked_.size() < levels.size()) level_picked_.resize(levels.size());
  for (TaskScratch& s : scratch_) s.resize_ms = s.pnet_ms = 0;
  // numpy compares a float32 map with a Python float in float32 (value-based casting).
  const float threshold = static_cast<float>(options.thresholds[0]);

  for (auto& pnet : pnets_) pnet->Tick();  // a detection, for the P-Nets' kept sizes to age by
  Stopwatch watch;
  // Task t runs a fixed share of the bands on P-Net t, whichever pool thread picks the task
  // up, so each P-Net sees the same band sizes call after call and which thread ran which
  // band changes no allocation.
  const std::vector<std::vector<size_t>> assigned = AssignPnetBands(levels, bands, rgb.width, threads);
  ParallelFor(threads > 1 ? pool : nullptr, assigned.size(), [&](size_t, size_t task) {
    for (size_t i : assigned[task]) {
      RunBand(rgb, levels[bands[i].level], bands[i], threshold, task, &band_candidates_[i]);
    }
  });
  double wall = 0, resize_ms = 0, pnet_ms = 0;
  watch.Lap(&wall);
  for (const TaskScratch& s : scratch_) {
    resize_ms += s.resize_ms;
    pnet_ms += s.pnet_ms;
  }
  SplitWallTime(wall, resize_ms, pnet_ms, &timings->pyramid, &timings->pnet);
  timings->pnet_idle += IdleTime(wall, threads, resize_ms + pnet_ms);
  // Each level's own NMS, on this thread: handing levels to the pool cost more in waking
  // it than it saved (1.7 against 1.3 ms on test640 at min_face_size 20, two threads).
  std::vector<std::vector<std::vector<Candidate>*>> per_level(levels.size());
  for (size_t i = 0; i < bands.size(); ++i) per_level[bands[i].level].push_back(&band_candidates_[i]);
  for (size_t level = 0; level < levels.size(); ++level) PickLevel(per_level[level], &level_picked_[level]);
  watch.Lap(&timings->nms);
  std::vector<Box> total;
  for (size_t i = 0; i < levels.size(); ++i) total.insert(total.end(), level_picked_[i].begin(), level_picked_[i].end());
  return total;
}

}  // namespace mtcnn
