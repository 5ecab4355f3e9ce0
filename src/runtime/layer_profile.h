// Per-layer time and work of the networks, for the benchmark's efficiency figures (end to
// end against the summed layer times, GFLOP/s per layer and per network). Off unless a
// detector is asked for it; layers running on several threads add up their thread time.
//
// One profile per thread's networks, merged when read, so that the threads never wait for
// each other to record a layer (a waiting pthread in a browser sleeps until woken, and
// that wait would count outside the layers).
#pragma once

#include <vector>

#include "mtcnn/results.h"
#include "runtime/stopwatch.h"

namespace mtcnn {

class LayerProfile {
 public:
  void Record(const char* layer, double ms, double flops);
  // Zeroes the counts, keeping the layers (and their names' memory) for the next detection.
  void Clear();
  // In first-run order; layers not run since Clear() have calls == 0.
  const std::vector<LayerTiming>& timings() const { return timings_; }

 private:
  // Hundreds of layer runs per detection record here, and comparing names as strings
  // costs more than the rest of the profiler; the names are string literals (the layouts'),
  // found by address first.
  std::vector<const char*> keys_;  // timings_[i] was last recorded under keys_[i]
  std::vector<LayerTiming> timings_;
};

// The profiles' timings added up per layer, in order of first appearance.
std::vector<LayerTiming> MergeLayerTimings(const std::vector<LayerProfile>& profiles);

// Runs run(); with a profile, records its time under `layer`.
template <typename Run>
void TimedLayer(LayerProfile* profile, const char* layer, double flops, Run&& run) {
  if (profile == nullptr) return run();
  Stopwatch watch;
  run();
  double ms = 0;
  watch.Lap(&ms);
  profile->Record(layer, ms, flops);
}

}  // namespace mtcnn
