// Per-layer time and arithmetic of the networks, for the benchmark's efficiency figures
// (end to end against the summed layer times, GFLOP/s per layer and per network). Off
// unless a detector is asked for it; layers running on several threads add up their
// thread time.
//
// One profile per thread's networks, merged when read, so that the threads never wait for
// each other to record a layer (a waiting pthread in a browser sleeps until woken, and
// that wait would count outside the layers).
#pragma once

#include <string>
#include <vector>

#include "stage_timings.h"

namespace mtcnn {

struct LayerTiming {
  std::string layer;  // "pnet.conv1", "onet.fc5", ...
  double ms = 0;      // thread time, summed over calls
  double flops = 0;   // floating-point operations (a multiply-add is two), summed
  int calls = 0;
};

class LayerProfile {
 public:
  void Record(const char* layer, double ms, double flops);
  // Zeroes the counts, keeping the layers (and their names' memory) for the next detection.
  void Clear();
  // In first-run order; layers not run since Clear() have calls == 0.
  const std::vector<LayerTiming>& timings() const { return timings_; }

 private:
  // Hundreds of layer runs per detection record here, and comparing names as strings cost
  // ~1 ms of a test640 detection; the names are string literals, found by address first.
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

// Operation counts.
inline double ConvFlops(size_t n, size_t oh, size_t ow, size_t kh, size_t kw, size_t cin, size_t cout) {
  return 2.0 * n * oh * ow * kh * kw * cin * cout + static_cast<double>(n) * oh * ow * cout;  // + bias
}
inline double FullyConnectedFlops(size_t n, size_t in, size_t out) { return 2.0 * n * in * out + static_cast<double>(n) * out; }
inline double ElementwiseFlops(size_t elements) { return static_cast<double>(elements); }
inline double PoolFlops(size_t n, size_t oh, size_t ow, size_t c, size_t k) {
  return static_cast<double>(n) * oh * ow * c * (k * k - 1);  // comparisons
}

}  // namespace mtcnn
