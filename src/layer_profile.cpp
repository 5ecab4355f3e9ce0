#include "layer_profile.h"

namespace mtcnn {

void LayerProfile::Record(const char* layer, double ms, double flops) {
  for (LayerTiming& t : timings_) {
    if (t.layer == layer) {
      t.ms += ms;
      t.flops += flops;
      ++t.calls;
      return;
    }
  }
  timings_.push_back({layer, ms, flops, 1});
}

void LayerProfile::Clear() { timings_.clear(); }

std::vector<LayerTiming> MergeLayerTimings(const std::vector<LayerProfile>& profiles) {
  std::vector<LayerTiming> merged;
  for (const LayerProfile& profile : profiles) {
    for (const LayerTiming& t : profile.timings()) {
      LayerTiming* into = nullptr;
      for (LayerTiming& m : merged) {
        if (m.layer == t.layer) into = &m;
      }
      if (into == nullptr) {
        merged.push_back(t);
        continue;
      }
      into->ms += t.ms;
      into->flops += t.flops;
      into->calls += t.calls;
    }
  }
  return merged;
}

}  // namespace mtcnn
