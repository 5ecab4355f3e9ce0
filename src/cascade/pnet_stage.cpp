#include "cascade/pnet_stage.h"

#include <algorithm>
#include <string>

#include "cascade/stage_rules.h"
#include "cascade/working_memory.h"
#include "imaging/normalize.h"
#include "imaging/resize_area.h"
#include "mtcnn/errors.h"
#include "runtime/parallel_for.h"

namespace mtcnn {

PnetStage::PnetStage(const Weights& weights, int threads) {
  for (int t = 0; t < std::max(1, threads); ++t) pnets_.push_back(std::make_unique<Pnet>(weights));
  scratch_.resize(pnets_.size());
}

void PnetStage::set_profile(std::vector<LayerProfile>* profiles) {
  for (size_t t = 0; t < pnets_.size(); ++t)
    pnets_[t]->set_profile(profiles ? &(*profiles)[t] : nullptr);
}

void PnetStage::RunBand(const ImageU8& rgb, const PyramidLevel& level, const PnetBand& band,
                        float threshold, size_t thread, std::vector<Candidate>* found) {
  Pnet& pnet = *pnets_[thread];
  ThreadScratch& w = scratch_[thread];
  Stopwatch watch;
  ResizeAreaRows(rgb, level.width, level.height, band.row0, band.row1, &w.image);
  Grow(&w.input, w.image.pixels.size());  // a thread's bands shrink level by level
  // The reference rounds each level to uint8 before normalising.
  NormalizeBytes(w.image.pixels.data(), w.image.pixels.size(), w.input.data());
  watch.Lap(&w.resize_ms);
  const size_t rows = static_cast<size_t>(band.row1 - band.row0);
  pnet.Run(w.input.data(), rows, level.width, nullptr, &w.out);
  watch.Lap(&w.pnet_ms);
  const size_t mh = Pnet::MapSize(rows), mw = Pnet::MapSize(level.width);
  const size_t level_mh = Pnet::MapSize(level.height);
  found->clear();
  for (size_t x = 0; x < mw; ++x) {
    for (size_t by = 0; by < mh; ++by) {
      const size_t i = by * mw + x;
      const float score = w.out.FaceProbability(i);
      if (!(score >= threshold)) continue;
      const size_t y = band.map_y0 + by;
      Candidate c;
      c.order = static_cast<uint64_t>(x) * level_mh + y;
      c.box =
          CellBox(x, y, level.scale, Pnet::kStride, Pnet::kCellSize, score, w.out.BoxOffsets(i));
      found->push_back(c);
    }
  }
  watch.Lap(&w.pnet_ms);  // reading the map out is P-Net's work too (and not idle time)
  Charge(found->size());
}

void PnetStage::Charge(size_t candidates) {
  const uint64_t total = candidates_found_.fetch_add(candidates) + candidates;
  if (total * PnetCandidateBytes() > candidate_budget_) {
    throw Error(ErrorKind::kResourceLimit, "P-Net found over " + std::to_string(total) +
                                               " candidate windows, more than the memory limit " +
                                               "(maxMemoryMB, --max-memory-mb) leaves room for; "
                                               "raise it, thresholds[0] or minFaceSize");
  }
}

void PnetStage::PickLevel(const std::vector<std::vector<Candidate>*>& bands,
                          std::vector<Box>* picked) {
  std::vector<Candidate> all;
  for (const std::vector<Candidate>* b : bands) all.insert(all.end(), b->begin(), b->end());
  // The reference enumerates cells image-x major (np.where on its transposed map); NMS
  // breaks ties by this order, so it is restored across bands.
  std::sort(all.begin(), all.end(),
            [](const Candidate& a, const Candidate& b) { return a.order < b.order; });
  std::vector<Box> candidates;
  candidates.reserve(all.size());
  for (const Candidate& c : all) candidates.push_back(c.box);
  *picked = mtcnn::PickLevel(candidates);
}

std::vector<Box> PnetStage::Run(const ImageU8& rgb, const PnetPlan& plan, float threshold,
                                pthreadpool_t pool, uint64_t candidate_budget, StageTimer* timer) {
  candidate_budget_ = candidate_budget;
  candidates_found_ = 0;
  const std::vector<PyramidLevel>& levels = plan.levels;
  const std::vector<PnetBand>& bands = plan.bands;
  timer->timings().levels = static_cast<int>(levels.size());
  if (levels.empty()) return {};
  CheckImageSize(levels[0].width, levels[0].height, "the first pyramid level");
  const int threads = static_cast<int>(plan.assigned.size());
  if (band_candidates_.size() < bands.size()) band_candidates_.resize(bands.size());
  if (level_picked_.size() < levels.size()) level_picked_.resize(levels.size());
  for (ThreadScratch& s : scratch_) s.resize_ms = s.pnet_ms = 0;

  for (auto& pnet : pnets_) pnet->Tick();  // a detection, for the P-Nets' kept sizes to age by
  timer->TimeParallel(
      &StageTimings::pyramid, &StageTimings::pnet, &StageTimings::pnet_idle, threads, [&] {
        // Thread t runs its share of the bands on P-Net t, whichever pool thread picks the task.
        ParallelFor(threads > 1 ? pool : nullptr, plan.assigned.size(), [&](size_t, size_t t) {
          for (size_t i : plan.assigned[t]) {
            RunBand(rgb, levels[bands[i].level], bands[i], threshold, t, &band_candidates_[i]);
          }
        });
        BusyTime busy;
        for (const ThreadScratch& s : scratch_) {
          busy.first += s.resize_ms;
          busy.second += s.pnet_ms;
        }
        return busy;
      });
  // Each level's own NMS, on this thread: handing levels to the pool costs more in waking
  // it than it saves.
  timer->Time(&StageTimings::nms, [&] {
    std::vector<std::vector<std::vector<Candidate>*>> per_level(levels.size());
    for (size_t i = 0; i < bands.size(); ++i)
      per_level[bands[i].level].push_back(&band_candidates_[i]);
    for (size_t level = 0; level < levels.size(); ++level)
      PickLevel(per_level[level], &level_picked_[level]);
  });
  std::vector<Box> total;
  for (size_t i = 0; i < levels.size(); ++i)
    total.insert(total.end(), level_picked_[i].begin(), level_picked_[i].end());
  return total;
}

}  // namespace mtcnn
