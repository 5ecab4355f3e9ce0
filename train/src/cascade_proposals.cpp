#include "cascade_proposals.h"

#include "cascade/crop_window.h"
#include "cascade/pyramid.h"
#include "cascade/stage_rules.h"
#include "imaging/normalize.h"
#include "imaging/resize_area.h"

namespace mtcnn::train {

torch::Tensor FaceProbability(const torch::Tensor& logits) {
  return torch::softmax(logits.reshape({logits.size(0), 2}), 1).select(1, 1).contiguous();
}

std::vector<Box> ProposeWithPnet(CascadeNet& pnet, const ImageU8& image,
                                 const ProposalOptions& options) {
  torch::NoGradGuard no_grad;
  std::vector<Box> picks;
  ImageU8 level;
  for (const PyramidLevel& l :
       PyramidLevels(image.width, image.height, options.min_face_size, options.scale_factor)) {
    // As the detector: each level is rounded to uint8, then normalised.
    ResizeArea(image, l.width, l.height, &level);
    std::vector<float> input(level.pixels.size());
    NormalizeBytes(level.pixels.data(), level.pixels.size(), input.data());
    const torch::Tensor x = torch::from_blob(input.data(), {1, l.height, l.width, 3})
                                .permute({0, 3, 1, 2})
                                .contiguous();
    const NetOutput out = pnet->forward(x);
    const torch::Tensor prob = torch::softmax(out.logits, 1)[0][1].contiguous();  // [mh, mw]
    const torch::Tensor reg = out.box[0].permute({1, 2, 0}).contiguous();         // [mh, mw, 4]
    const int64_t mh = prob.size(0), mw = prob.size(1);
    const float* p = prob.data_ptr<float>();
    const float* r = reg.data_ptr<float>();
    std::vector<Box> candidates;
    // Image-x major, the reference's order, which its NMS ties depend on.
    for (int64_t x = 0; x < mw; ++x) {
      for (int64_t y = 0; y < mh; ++y) {
        const float score = p[y * mw + x];
        if (!(score >= options.pnet_threshold)) continue;
        candidates.push_back(CellBox(x, y, l.scale, 2, 12, score, r + (y * mw + x) * 4));
      }
    }
    const std::vector<Box> level_picks = PickLevel(candidates);
    picks.insert(picks.end(), level_picks.begin(), level_picks.end());
  }
  if (picks.empty()) return {};
  return FinishPnet(picks);
}

torch::Tensor CropBatch(const ImageU8& image, const std::vector<Box>& boxes, int size) {
  const int64_t n = static_cast<int64_t>(boxes.size());
  std::vector<float> crops(static_cast<size_t>(n) * size * size * 3);
  CropScratch scratch;
  for (int64_t i = 0; i < n; ++i) {
    BuildCrop(image, PadBox(boxes[i], image.width, image.height), size, &scratch,
              crops.data() + i * size * size * 3);
  }
  return torch::from_blob(crops.data(), {n, size, size, 3}).permute({0, 3, 1, 2}).contiguous();
}

std::vector<Box> RefineWithRnet(CascadeNet& rnet, const ImageU8& image,
                                const std::vector<Box>& boxes, const ProposalOptions& options) {
  torch::NoGradGuard no_grad;
  std::vector<CropWindow> windows;
  // Where the reference would abort stage 2 (a window with no area), the detector finds
  // nothing more in the image, and neither does the miner.
  if (boxes.empty() || !PadBoxes(boxes, image.width, image.height, &windows)) return {};
  const NetOutput out = rnet->forward(CropBatch(image, boxes, 24));
  const torch::Tensor prob = FaceProbability(out.logits);
  const torch::Tensor reg = out.box.contiguous();
  std::vector<float> scores(prob.data_ptr<float>(), prob.data_ptr<float>() + prob.numel());
  std::vector<const float*> offsets;
  for (size_t i = 0; i < boxes.size(); ++i) offsets.push_back(reg.data_ptr<float>() + i * 4);
  std::vector<Box> refined = FinishRnet(boxes, scores, offsets, options.rnet_threshold);
  for (Box& b : refined) Truncate(&b);
  return refined;
}

}  // namespace mtcnn::train
