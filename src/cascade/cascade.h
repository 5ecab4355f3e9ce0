// The MTCNN cascade (SPEC.md; the reference's detect_faces): P-Net over the image pyramid
// proposes windows, R-Net refines crops of those that survive, O-Net scores the rest and
// places their landmarks, with the reference's box arithmetic, NMS and output conventions.
#pragma once

#include <pthreadpool.h>

#include <memory>
#include <vector>

#include "cascade/crop_stage.h"
#include "cascade/crops.h"
#include "cascade/landmark_refiner.h"
#include "cascade/pnet_bands.h"
#include "cascade/pnet_stage.h"
#include "imaging/image.h"
#include "mtcnn/detector.h"
#include "nn/net_output.h"
#include "nn/onet.h"
#include "nn/rnet.h"
#include "nn/weights.h"
#include "runtime/layer_profile.h"
#include "runtime/memory_budget.h"
#include "runtime/stage_timer.h"

namespace mtcnn {

class Cascade {
 public:
  // The networks' operators, made once for `threads` threads, and LNet's when
  // `lnet_weights` is not null. Throws kInvalidWeights.
  Cascade(const Weights& weights, int threads, const Weights* lnet_weights = nullptr);

  // Stage 1's plan for a width x height image. Charges `budget` with the working memory the
  // detection needs before its crops, `held_bytes` besides (throws kResourceLimit past it).
  PnetPlan Plan(int width, int height, const DetectionOptions& options, uint64_t held_bytes,
                MemoryBudget* budget) const;

  // Faces in `rgb` (planned by Plan), highest confidence first. Charges each crop stage to
  // `budget` and reports where the time goes to `timer`.
  std::vector<Face> Run(const ImageU8& rgb, const PnetPlan& plan, const DetectionOptions& options,
                        pthreadpool_t pool, MemoryBudget* budget, StageTimer* timer);

  // O-Net on windows the caller chose (square and truncated, as stage 3 makes them; video
  // tracking): each window's face, whatever its score, in window order, with no NMS. Empty
  // where the reference would abort the stage (a window without area).
  std::vector<Face> ScoreWindows(const ImageU8& rgb, const std::vector<Box>& windows,
                                 pthreadpool_t pool, MemoryBudget* budget, StageTimer* timer);

  // Whether the cascade has LNet, for RefineLandmarks.
  bool can_refine_landmarks() const { return refiner_ != nullptr; }
  // The fourth stage (landmark_refiner.h) on faces Run or ScoreWindows found in `rgb`.
  void RefineLandmarks(const ImageU8& rgb, std::vector<Face>* faces, pthreadpool_t pool,
                       MemoryBudget* budget, StageTimer* timer);

  // Times every layer (off by default: it costs a little).
  void set_layer_profiling(bool on);
  // A detection begins: the layers' timings start from zero.
  void ClearLayerTimings();
  // The layers' timings since ClearLayerTimings, merged over the threads.
  std::vector<LayerTiming> layer_timings() const { return MergeLayerTimings(layer_profiles_); }

 private:
  // Stage 1: candidate windows after the NMS across levels, calibrated and squared.
  std::vector<Box> ProposeWithPnet(const ImageU8& rgb, const PnetPlan& plan, double threshold,
                                   pthreadpool_t pool, uint64_t candidate_budget,
                                   StageTimer* timer);
  // Stage 2: the candidates R-Net keeps, calibrated and squared.
  std::vector<Box> RefineWithRnet(const ImageU8& rgb, const std::vector<Box>& boxes,
                                  double threshold, pthreadpool_t pool, MemoryBudget* budget,
                                  StageTimer* timer);
  // Stage 3: the faces O-Net keeps, with their landmarks.
  std::vector<Face> OutputWithOnet(const ImageU8& rgb, std::vector<Box> boxes, double threshold,
                                   pthreadpool_t pool, MemoryBudget* budget, StageTimer* timer);
  // O-Net's face for crop i of out_, placed on its window, which becomes the calibrated box.
  Face OnetFace(size_t i, Box* window) const;
  // The crops of `boxes` and `stage`'s network over them into out_; false where the
  // reference aborts the stage.
  template <typename Net>
  bool RunCropStage(const ImageU8& rgb, const std::vector<Box>& boxes, CropStage<Net>* stage,
                    StageTimer::Field net_time, StageTimer::Field idle_time, pthreadpool_t pool,
                    MemoryBudget* budget, StageTimer* timer);

  int threads_;
  PnetStage pnet_stage_;
  CropStage<Rnet> rnet_;
  CropStage<Onet> onet_;
  std::unique_ptr<LandmarkRefiner> refiner_;  // null without LNet's weights
  CropBuilder crops_;
  // Reused between calls, so that steady detection allocates little.
  std::vector<CropWindow> windows_;
  std::vector<float> input_;
  NetOutput out_;
  std::vector<LayerProfile> layer_profiles_;  // one per thread
};

}  // namespace mtcnn
