#include "pnet_stage.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <string>
#include <utility>

#include "crops.h"
#include "errors.h"
#include "memory_estimate.h"
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
  w.input.resize(w.image.pixels.size());
  // The seed rounds each level to uint8 before normalising.
  for (size_t i = 0; i < w.input.size(); ++i) w.input[i] = static_cast<float>(Normalize(w.image.pixels[i]));
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
  Charge(found->size());
}

bool PnetStage::PrepareEveryPnet(const std::vector<PyramidLevel>& levels, const std::vector<PnetBand>& bands) {
  std::set<std::pair<size_t, size_t>> distinct;  // (rows, width)
  for (const PnetBand& b : bands) distinct.insert({b.row1 - b.row0, levels[b.level].width});
  const std::vector<std::pair<size_t, size_t>> sizes(distinct.begin(), distinct.end());
  // A plan too big for the caches (a big image) is left alone: preparing it would reshape
  // spare operators on every call for nothing.
  if (!pnets_[0]->CanKeepAll(sizes)) return false;
  bool kept = true;
  for (size_t t = 0; t < pnets_.size(); ++t) {
    TaskScratch& w = scratch_[t];
    for (const auto& [rows, width] : sizes) {
      kept = pnets_[t]->Prepare(rows, width, nullptr, &w.out) && kept;
      const size_t elements = rows * width * 3;
      if (w.image.pixels.capacity() < elements) w.image.pixels.reserve(elements);
      if (w.input.capacity() < elements) w.input.reserve(elements);
    }
  }
  // Not kept when other sizes still fill the caches (images of several sizes in turn):
  // this call takes the fixed shares, and the stale sizes make room over later calls.
  return kept;
}

std::vector<size_t> PnetStage::BandsByCost(const std::vector<PyramidLevel>& levels, const std::vector<PnetBand>& bands,
                                           int source_width) {
  std::vector<double> cost(bands.size());
  for (size_t i = 0; i < bands.size(); ++i) cost[i] = PnetBandCost(levels[bands[i].level], bands[i], source_width);
  std::vector<size_t> order(bands.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return cost[a] > cost[b]; });
  return order;
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

  for (auto& pnet : pnets_) pnet->Tick();  // alike on every P-Net, whatever bands each runs
  Stopwatch watch;
  if (threads > 1 && PrepareEveryPnet(levels, bands)) {
    // Bands from a queue, costliest first, each run on its thread's P-Net: a thread that
    // gets less of the CPU runs fewer of them instead of holding up the others.
    const std::vector<size_t> queue = BandsByCost(levels, bands, rgb.width);
    std::atomic<size_t> next{0};
    std::atomic<bool> failed{false};
    ParallelFor(pool, static_cast<size_t>(threads), [&](size_t thread, size_t) {
      for (size_t k; !failed.load(std::memory_order_relaxed) && (k = next.fetch_add(1)) < queue.size();) {
        const size_t i = queue[k];
        try {
          RunBand(rgb, levels[bands[i].level], bands[i], threshold, thread, &band_candidates_[i]);
        } catch (...) {
          failed.store(true, std::memory_order_relaxed);
          throw;
        }
      }
    });
  } else {
    // A fixed share of the bands per P-Net, so each sees the same sizes call after call.
    const std::vector<std::vector<size_t>> assigned = AssignPnetBands(levels, bands, rgb.width, threads);
    ParallelFor(threads > 1 ? pool : nullptr, assigned.size(), [&](size_t, size_t task) {
      for (size_t i : assigned[task]) {
        RunBand(rgb, levels[bands[i].level], bands[i], threshold, task, &band_candidates_[i]);
      }
    });
  }
  double wall = 0, resize_ms = 0, pnet_ms = 0;
  watch.Lap(&wall);
  for (const TaskScratch& s : scratch_) {
    resize_ms += s.resize_ms;
    pnet_ms += s.pnet_ms;
  }
  SplitWallTime(wall, resize_ms, pnet_ms, &timings->pyramid, &timings->pnet);
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
