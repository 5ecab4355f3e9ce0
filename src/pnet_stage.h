// Stage 1 of the cascade: the pyramid and P-Net over it, up to the per-scale NMS. The
// pyramid is cut into bands (pnet_bands.h) that run side by side, each whole on one thread
// with that thread's P-Net and buffers, so no operator is split over threads, memory holds
// one band per thread, and big levels are shared out between threads. Each band resizes
// just the level rows it needs.
//
// With several threads, every P-Net is first readied for every band size of the plan
// (operators kept per size, buffers for the largest band); the threads then take bands
// from a queue, costliest first, so a thread that gets less of the CPU (a contended vCPU
// runs this memory-heavy stage up to 1.5x slower for seconds at a time) runs fewer bands
// instead of holding up the others, and which thread ran which band changes no
// allocation. When the sizes do not all fit the P-Nets' shape caches (very big images),
// each P-Net runs a fixed share of the bands instead (AssignPnetBands), seeing the same
// sizes call after call. Every P-Net ticks once per call (ShapeCache), so the sizes they keep
// age alike whichever bands each ran. Candidates are gathered per level in the seed's
// order, so neither the cut, the thread count nor the order of the bands changes the output.
#pragma once

#include <pthreadpool.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

#include "boxes.h"
#include "image.h"
#include "networks.h"
#include "options.h"
#include "pnet_bands.h"
#include "pyramid.h"
#include "stage_timings.h"
#include "weights.h"

namespace mtcnn {

class PnetStage {
 public:
  PnetStage(const Weights& weights, int threads);

  // Candidate boxes of every level after its own NMS (0.5 Union), in level order, with
  // their regression; timings' pyramid, pnet and nms fields are added to. Throws
  // kResourceLimit once the candidate windows found would need more than
  // `candidate_budget` bytes (PnetCandidateBytes each).
  std::vector<Box> Run(const ImageU8& rgb, const DetectionOptions& options, pthreadpool_t pool, uint64_t candidate_budget,
                       StageTimings* timings);

  // Times every layer of every thread's P-Net into `profile` (nullptr: off).
  void set_profile(LayerProfile* profile) {
    for (auto& pnet : pnets_) pnet->set_profile(profile);
  }

 private:
  // A candidate and its place in the seed's enumeration of the level's map (x major).
  struct Candidate {
    uint64_t order;
    Box box;
  };
  // A task's working buffers, reused for every band it runs.
  struct TaskScratch {
    ImageU8 image;
    std::vector<float> input;
    NetOutput out;
    double resize_ms = 0, pnet_ms = 0;
  };

  void RunBand(const ImageU8& rgb, const PyramidLevel& level, const PnetBand& band, float threshold, size_t task,
               std::vector<Candidate>* found);
  // Readies every P-Net for every band size of the plan (operators, buffers, scratch), so
  // that which thread runs which band changes no allocation; true if every size's
  // operators are kept, which is when bands may be taken from a queue.
  bool PrepareEveryPnet(const std::vector<PyramidLevel>& levels, const std::vector<PnetBand>& bands);
  // The bands' indices, costliest first (PnetBandCost).
  static std::vector<size_t> BandsByCost(const std::vector<PyramidLevel>& levels, const std::vector<PnetBand>& bands,
                                         int source_width);
  // Counts a band's candidates against the budget; throws kResourceLimit past it.
  void Charge(size_t candidates);
  void PickLevel(const std::vector<std::vector<Candidate>*>& bands, std::vector<Box>* picked);

  std::vector<std::unique_ptr<Pnet>> pnets_;  // one per thread
  std::vector<TaskScratch> scratch_;          // one per thread
  std::vector<std::vector<Candidate>> band_candidates_;  // one per band, reused between calls
  std::vector<std::vector<Box>> level_picked_;           // one per level
  std::atomic<uint64_t> candidates_found_{0};
  uint64_t candidate_budget_ = 0;
};

}  // namespace mtcnn
