#include "sample_set.h"

#include <filesystem>

namespace mtcnn::train {

int64_t SampleSet::Count(SampleKind kind) const {
  if (size() == 0) return 0;
  return (kinds == static_cast<int64_t>(kind)).sum().item<int64_t>();
}

SampleSet SampleSet::Select(const torch::Tensor& index) const {
  return {images.index_select(0, index), kinds.index_select(0, index), boxes.index_select(0, index),
          landmarks.index_select(0, index)};
}

void SampleSetBuilder::Add(const float* crop, SampleKind kind, const std::array<float, 4>& box,
                           const std::array<float, 10>& landmarks) {
  crops_.insert(crops_.end(), crop, crop + static_cast<size_t>(crop_size_) * crop_size_ * 3);
  kinds_.push_back(static_cast<int64_t>(kind));
  boxes_.insert(boxes_.end(), box.begin(), box.end());
  landmarks_.insert(landmarks_.end(), landmarks.begin(), landmarks.end());
}

SampleSet SampleSetBuilder::Finish() const {
  const int64_t n = size(), s = crop_size_;
  auto from = [](const auto& v, std::vector<int64_t> shape, torch::Dtype type) {
    return torch::from_blob(const_cast<void*>(static_cast<const void*>(v.data())), shape, type)
        .clone();
  };
  SampleSet out;
  out.images = from(crops_, {n, s, s, 3}, torch::kFloat32).permute({0, 3, 1, 2}).contiguous();
  out.kinds = from(kinds_, {n}, torch::kInt64);
  out.boxes = from(boxes_, {n, 4}, torch::kFloat32);
  out.landmarks = from(landmarks_, {n, 10}, torch::kFloat32);
  return out;
}

void SaveSamples(const SampleSet& samples, const std::string& path) {
  const std::string tmp = path + ".tmp";
  torch::save(
      std::vector<torch::Tensor>{samples.images, samples.kinds, samples.boxes, samples.landmarks},
      tmp);
  std::filesystem::rename(tmp, path);
}

SampleSet LoadSamples(const std::string& path) {
  std::vector<torch::Tensor> t;
  torch::load(t, path);
  if (t.size() != 4) throw std::runtime_error(path + " is not a sample set");
  return {t[0], t[1], t[2], t[3]};
}

}  // namespace mtcnn::train
