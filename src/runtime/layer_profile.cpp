#include "runtime/layer_profile.h"

namespace mtcnn {

void LayerProfile::Record(const char* layer, double ms, double flops) {
  size_t i = 0;
  while (i < keys_.size() && keys_[i] != layer) ++i;
  if (i == keys_.size()) {  // not by address: by name (the same name from another place), else new
    i = 0;
    while (i < timings_.size() && timings_[i].layer != layer) ++i;
    if (i == timings_.size()) {
      timings_.push_back({layer, 0, 0, 0});
      keys_.push_back(layer);
    }
    keys_[i] = layer;
  }
  LayerTiming& t = timings_[i];
  t.ms += ms;
  t.flops += flops;
  ++t.calls;
}

void LayerProfile::Clear() {
  for (LayerTiming& t : timings_) {
    t.ms = 0;
    t.flops = 0;
    t.calls = 0;
  }
}

std::vector<LayerTiming> MergeLayerTimings(const std::vector<LayerProfile>& profiles) {
  std::vector<LayerTiming> merged;
  for (const LayerProfile& profile : profiles) {
    for (const LayerTiming& t : profile.timings()) {
      if (t.calls == 0) continue;
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
