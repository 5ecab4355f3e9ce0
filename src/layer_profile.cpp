#include "layer_profile.h"

namespace mtcnn {

void LayerProfile::Record(const char* layer, double ms, double flops) {
  std::lock_guard<std::mutex> lock(mutex_);
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

void LayerProfile::Clear() {
  std::lock_guard<std::mutex> lock(mutex_);
  timings_.clear();
}

std::vector<LayerTiming> LayerProfile::timings() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return timings_;
}

}  // namespace mtcnn
