// Stage 1 of the cascade: the pyramid and P-Net over it, up to each level's NMS. The
// pyramid is cut into bands (pnet_bands.h) that run side by side, each whole on one thread
// with that thread's P-Net and buffers, so no operator is split over threads, memory holds
// one band per thread, and big levels are shared out between threads. Each band resizes
// just the level rows it needs.
//
// Each P-Net (one per thread) runs a fixed share of the bands (the plan's assignment), so it
// sees the same band sizes call after call and keeps their operators (ShapeCache; every
// P-Net ticks once per call), and which thread ran which band changes no allocation.
// Candidates are gathered per level in the reference's order, so neither the cut nor the
// thread count changes the output.
#pragma once

#include <pthreadpool.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

#include "cascade/boxes.h"
#include "cascade/pnet_bands.h"
#include "imaging/image.h"
#include "nn/net_output.h"
#include "nn/pnet.h"
#include "nn/weights.h"
#include "runtime/layer_profile.h"
#include "runtime/stage_timer.h"

namespace mtcnn {

class PnetStage {
 public:
  PnetStage(const Weights& weights, int threads);

  // Candidate boxes of every level after its own NMS (0.5 Union), in level order, with
  // their box offsets, for faces whose score is >= threshold. The timer gets the pyramid,
  // P-Net and NMS time. Throws kResourceLimit once the candidate windows found would need
  // more than `candidate_budget` bytes (PnetCandidateBytes each).
  std::vector<Box> Run(const ImageU8& rgb, const PnetPlan& plan, float threshold,
                       pthreadpool_t pool, uint64_t candidate_budget, StageTimer* timer);

  // Times every layer of thread t's P-Net into (*profiles)[t], one profile per thread
  // (nullptr: off).
  void set_profile(std::vector<LayerProfile>* profiles);

 private:
  // A candidate and its place in the reference's enumeration of the level's map (x major).
  struct Candidate {
    uint64_t order;
    Box box;
  };
  // A thread's working buffers, reused for every band it runs.
  struct ThreadScratch {
    ImageU8 image;
    std::vector<float> input;
    NetOutput out;
    double resize_ms = 0, pnet_ms = 0;
  };

  void RunBand(const ImageU8& rgb, const PyramidLevel& level, const PnetBand& band, float threshold,
               size_t thread, std::vector<Candidate>* found);
  // Counts a band's candidates against the budget; throws kResourceLimit past it.
  void Charge(size_t candidates);
  void PickLevel(const std::vector<std::vector<Candidate>*>& bands, std::vector<Box>* picked);

  std::vector<std::unique_ptr<Pnet>> pnets_;             // one per thread
  std::vector<ThreadScratch> scratch_;                   // one per thread
  std::vector<std::vector<Candidate>> band_candidates_;  // one per band, reused between calls
  std::vector<std::vector<Box>> level_picked_;           // one per level
  std::atomic<uint64_t> candidates_found_{0};
  uint64_t candidate_budget_ = 0;
};

}  // namespace mtcnn
