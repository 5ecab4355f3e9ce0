#include "class_mix_sampler.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace mtcnn::train {

ClassMixSampler::ClassMixSampler(const SampleSet& samples, const ClassMix& mix, int batch_size,
                                 uint64_t seed)
    : rng_(seed) {
  const torch::Tensor kinds = samples.kinds.contiguous();
  const int64_t* k = kinds.data_ptr<int64_t>();
  for (int64_t i = 0; i < samples.size(); ++i) pools_[k[i]].push_back(i);
  double weight = 0;
  for (int c = 0; c < kNumSampleKinds; ++c) weight += pools_[c].empty() ? 0 : mix[c];
  if (!(weight > 0)) throw std::runtime_error("no samples of any kind the class mix asks for");
  // Largest remainders, so the counts add up to the batch size exactly.
  std::array<double, kNumSampleKinds> remainder{};
  int given = 0;
  for (int c = 0; c < kNumSampleKinds; ++c) {
    const double share = pools_[c].empty() ? 0 : batch_size * mix[c] / weight;
    per_batch_[c] = static_cast<int>(std::floor(share));
    remainder[c] = share - per_batch_[c];
    given += per_batch_[c];
  }
  while (given < batch_size) {
    const int c =
        static_cast<int>(std::max_element(remainder.begin(), remainder.end()) - remainder.begin());
    ++per_batch_[c];
    remainder[c] = -1;
    ++given;
  }
  for (auto& pool : pools_) std::shuffle(pool.begin(), pool.end(), rng_);
}

torch::Tensor ClassMixSampler::Next() {
  std::vector<int64_t> batch;
  for (int c = 0; c < kNumSampleKinds; ++c) {
    for (int i = 0; i < per_batch_[c]; ++i) {
      if (cursor_[c] == pools_[c].size()) {
        std::shuffle(pools_[c].begin(), pools_[c].end(), rng_);
        cursor_[c] = 0;
      }
      batch.push_back(pools_[c][cursor_[c]++]);
    }
  }
  return torch::tensor(batch, torch::kInt64);
}

}  // namespace mtcnn::train
