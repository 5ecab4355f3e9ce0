// A net's training samples: crops made exactly as the detector makes its crops, with the
// kind of each and its targets, held as tensors and kept in the work folder between runs.
#pragma once

#include <torch/torch.h>

#include <array>
#include <string>
#include <vector>

#include "sample_kinds.h"

namespace mtcnn::train {

struct SampleSet {
  torch::Tensor images;     // [N, 3, S, S] float32, normalised, NCHW (H along image y)
  torch::Tensor kinds;      // [N] int64, SampleKind
  torch::Tensor boxes;      // [N, 4] box targets (zero where a kind has none)
  torch::Tensor landmarks;  // [N, 10] landmark targets (zero where a kind has none)

  int64_t size() const { return kinds.defined() ? kinds.size(0) : 0; }
  int64_t Count(SampleKind kind) const;
  // The samples at `index` ([M] int64), in that order.
  SampleSet Select(const torch::Tensor& index) const;
};

class SampleSetBuilder {
 public:
  explicit SampleSetBuilder(int crop_size) : crop_size_(crop_size) {}
  // `crop` is crop_size x crop_size x 3 floats, NHWC, as BuildCrop makes it.
  void Add(const float* crop, SampleKind kind, const std::array<float, 4>& box,
           const std::array<float, 10>& landmarks);
  int64_t size() const { return static_cast<int64_t>(kinds_.size()); }
  SampleSet Finish() const;

 private:
  int crop_size_;
  std::vector<float> crops_, boxes_, landmarks_;
  std::vector<int64_t> kinds_;
};

void SaveSamples(const SampleSet& samples, const std::string& path);
SampleSet LoadSamples(const std::string& path);

}  // namespace mtcnn::train
