// Batches drawn in a configurable class mix (the paper's 3:1:1:2 negatives : positives : part
// faces : landmark faces). Each kind is a shuffled queue that is reshuffled when it runs out,
// so a kind with few samples repeats and one with many is seen in part per epoch; a kind with
// no samples gives its share to the others.
#pragma once

#include <torch/torch.h>

#include <array>
#include <random>
#include <vector>

#include "sample_set.h"

namespace mtcnn::train {

using ClassMix = std::array<double, kNumSampleKinds>;  // negative, positive, part, landmark
inline constexpr ClassMix kPaperClassMix = {3, 1, 1, 2};

class ClassMixSampler {
 public:
  ClassMixSampler(const SampleSet& samples, const ClassMix& mix, int batch_size, uint64_t seed);
  // The next batch's sample indices ([batch_size] int64).
  torch::Tensor Next();
  // How many of each kind a batch holds.
  const std::array<int, kNumSampleKinds>& per_batch() const { return per_batch_; }

 private:
  std::array<std::vector<int64_t>, kNumSampleKinds> pools_;
  std::array<size_t, kNumSampleKinds> cursor_{};
  std::array<int, kNumSampleKinds> per_batch_{};
  std::mt19937_64 rng_;
};

}  // namespace mtcnn::train
