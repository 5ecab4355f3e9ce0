#include "pnet_stage.h"

#include <cmath>

#include "crops.h"
#include "resize_area.h"

namespace mtcnn {

PnetStage::PnetStage(const Weights& weights, int threads) {
  for (int t = 0; t < std::max(1, threads); ++t) pnets_.push_back(std::make_unique<Pnet>(weights));
  scratch_.resize(pnets_.size());
}

void PnetStage::RunLevel(const ImageU8& rgb, const PyramidLevel& level, float threshold, size_t thread,
                         pthreadpool_t pool, LevelResult* result, StageTimings* timings) {
  Pnet* pnet = pnets_[thread].get();
  ThreadScratch* w = &scratch_[thread];
  Stopwatch watch;
  double ignored = 0;
  ResizeArea(rgb, level.width, level.height, &w->image, pool);
  w->input.resize(w->image.pixels.size());
  // The seed rounds each level to uint8 before normalising.
  for (size_t i = 0; i < w->input.size(); ++i) w->input[i] = static_cast<float>(Normalize(w->image.pixels[i]));
  watch.Lap(timings ? &timings->pyramid : &ignored);
  pnet->Run(w->input.data(), level.height, level.width, pool, &w->out);
  watch.Lap(timings ? &timings->pnet : &ignored);
  const size_t mh = pnet->MapHeight(level.height), mw = pnet->MapWidth(level.width);
  std::vector<Box>& candidates = result->candidates;
  candidates.clear();
  // The seed enumerates cells image-x major (np.where on its transposed map); NMS ties are
  // broken by this order, so keep it.
  for (size_t x = 0; x < mw; ++x) {
    for (size_t y = 0; y < mh; ++y) {
      const size_t i = y * mw + x;
      const float score = w->out.Face(i);
      if (!(score >= threshold)) continue;
      Box b;
      b.x1 = std::trunc((2.0 * x + 1) / level.scale);
      b.y1 = std::trunc((2.0 * y + 1) / level.scale);
      b.x2 = std::trunc((2.0 * x + 12) / level.scale);
      b.y2 = std::trunc((2.0 * y + 12) / level.scale);
      b.score = score;
      const float* reg = w->out.Head(i) + 2;
      for (int k = 0; k < 4; ++k) b.reg[k] = reg[k];
      candidates.push_back(b);
    }
  }
  result->picked = Select(candidates, Nms(candidates, 0.5, NmsMethod::kUnion));
  watch.Lap(timings ? &timings->nms : &ignored);
}

namespace {

struct SmallLevelsJob {
  PnetStage* stage;
  const ImageU8* rgb;
  const std::vector<PyramidLevel>* levels;
  const std::vector<size_t>* indices;
  float threshold;
};

}  // namespace

void RunSmallLevel(void* context, size_t thread, size_t index) {
  const SmallLevelsJob& job = *static_cast<const SmallLevelsJob*>(context);
  const size_t level = (*job.indices)[index];
  PnetStage& s = *job.stage;
  s.RunLevel(*job.rgb, (*job.levels)[level], job.threshold, thread, nullptr, &s.results_[level], nullptr);
}

std::vector<Box> PnetStage::Run(const ImageU8& rgb, const DetectionOptions& options, pthreadpool_t pool,
                                StageTimings* timings) {
  const std::vector<PyramidLevel> levels =
      PyramidLevels(rgb.width, rgb.height, options.min_face_size, options.scale_factor);
  if (!levels.empty()) CheckImageSize(levels[0].width, levels[0].height, "the first pyramid level");
  if (results_.size() < levels.size()) results_.resize(levels.size());
  timings->levels = static_cast<int>(levels.size());
  // numpy compares a float32 map with a Python float in float32 (value-based casting).
  const float threshold = static_cast<float>(options.thresholds[0]);
  const bool side_by_side = pool != nullptr && pnets_.size() > 1;
  double total_pixels = 0;
  for (const PyramidLevel& l : levels) total_pixels += static_cast<double>(l.width) * l.height;
  const double share = total_pixels / static_cast<double>(pnets_.size());
  std::vector<size_t> small;
  for (size_t i = 0; i < levels.size(); ++i) {
    if (side_by_side && static_cast<double>(levels[i].width) * levels[i].height <= share) {
      small.push_back(i);
    } else {
      RunLevel(rgb, levels[i], threshold, 0, pool, &results_[i], timings);
    }
  }
  if (!small.empty()) {
    Stopwatch watch;
    SmallLevelsJob job{this, &rgb, &levels, &small, threshold};
    pthreadpool_parallelize_1d_with_thread(pool, &RunSmallLevel, &job, small.size(), 0);
    watch.Lap(&timings->pnet);  // resize, P-Net and NMS of the small levels, side by side
  }
  std::vector<Box> total;
  for (size_t i = 0; i < levels.size(); ++i) total.insert(total.end(), results_[i].picked.begin(), results_[i].picked.end());
  return total;
}

}  // namespace mtcnn
