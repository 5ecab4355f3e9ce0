// Stage 1 of the cascade: the pyramid and P-Net over it, up to the per-scale NMS. Large
// levels run one after another, each split over the whole pool by XNNPACK; the small ones
// (whose operators are too small to split well) run side by side, one level per thread on
// that thread's own P-Net. Every level is computed the same way whatever thread runs it,
// and the results are gathered in level order, so the output does not depend on threads.
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

  // Levels with fewer pixels than this run side by side rather than split.
  static constexpr int kSmallLevelPixels = 128 * 128;

  struct LevelWork {
    ImageU8 image;
    std::vector<float> input;
    NetOutput out;
    std::vector<Box> candidates, picked;
  };

 private:
  friend void RunSmallLevel(void* context, size_t thread, size_t index);
  // Resize, normalise, P-Net, candidates, NMS for one level; laps go to timings if given.
  void RunLevel(const ImageU8& rgb, const PyramidLevel& level, float threshold, Pnet* pnet, pthreadpool_t pool,
                LevelWork* work, StageTimings* timings);

  std::vector<std::unique_ptr<Pnet>> pnets_;  // one per thread
  std::vector<LevelWork> work_;               // one per level, reused between calls
};

}  // namespace mtcnn
