// Stage 1 of the cascade: the pyramid and P-Net over it, up to the per-scale NMS. Levels run
// side by side, one level per thread on that thread's own P-Net, which wastes nothing on
// splitting operators and balances well: areas shrink by 0.709^2, so level 0 is about half
// of all the work, level 1 half of the rest, and so on. Only a level bigger than a thread's
// share (total / threads: level 0 with 3 or more threads) is split over the pool by XNNPACK
// first. Every level is computed the same way whatever thread runs it, and the results are
// gathered in level order, so the output does not depend on the thread count.
#pragma once

#include <pthreadpool.h>

#include <memory>
#include <vector>

#include "boxes.h"
#include "image.h"
#include "networks.h"
#include "options.h"
#include "pyramid.h"
#include "stage_timings.h"
#include "weights.h"

namespace mtcnn {

class PnetStage {
 public:
  PnetStage(const Weights& weights, int threads);

  // Candidate boxes of every level after its own NMS (0.5 Union), in level order, with
  // their regression; timings' pyramid, pnet and nms fields are added to.
  std::vector<Box> Run(const ImageU8& rgb, const DetectionOptions& options, pthreadpool_t pool, StageTimings* timings);

  // What a level leaves behind: its boxes after the level's NMS.
  struct LevelResult {
    std::vector<Box> candidates, picked;
  };
  // A thread's working buffers (level image, network input and output), reused for every
  // level it runs: memory holds one level per thread, not the whole pyramid.
  struct ThreadScratch {
    ImageU8 image;
    std::vector<float> input;
    NetOutput out;
  };

 private:
  friend void RunSmallLevel(void* context, size_t thread, size_t index);
  // Resize, normalise, P-Net, candidates, NMS for one level; laps go to timings if given.
  void RunLevel(const ImageU8& rgb, const PyramidLevel& level, float threshold, size_t thread, pthreadpool_t pool,
                LevelResult* result, StageTimings* timings);

  std::vector<std::unique_ptr<Pnet>> pnets_;  // one per thread
  std::vector<ThreadScratch> scratch_;        // one per thread
  std::vector<LevelResult> results_;          // one per level, reused between calls
};

}  // namespace mtcnn
