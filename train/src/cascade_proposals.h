// The cascade's first stages run on libtorch: the windows P-Net proposes for an image, and
// the ones R-Net keeps, by the detector's own rules (src/cascade/stage_rules.h) and crops.
// R-Net's and O-Net's hard examples are mined from them: the crops the detector would feed
// the next net, which the earlier nets got wrong or only half right.
#pragma once

#include <vector>

#include "cascade/boxes.h"
#include "imaging/image.h"
#include "networks.h"

namespace mtcnn::train {

struct ProposalOptions {
  double min_face_size = 20;
  double scale_factor = 0.709;
  float pnet_threshold = 0.6f;
  float rnet_threshold = 0.7f;
};

// Stage 1's boxes (calibrated, squared, truncated), as the detector hands them to R-Net.
std::vector<Box> ProposeWithPnet(CascadeNet& pnet, const ImageU8& image,
                                 const ProposalOptions& options);

// Stage 2's boxes for stage 1's `boxes`, truncated as the detector hands them to O-Net.
std::vector<Box> RefineWithRnet(CascadeNet& rnet, const ImageU8& image,
                                const std::vector<Box>& boxes, const ProposalOptions& options);

// The crops of `boxes` (their PadBox windows must have positive sides), NCHW, size x size.
torch::Tensor CropBatch(const ImageU8& image, const std::vector<Box>& boxes, int size);

// Face probabilities ([N]) from a net's classification logits ([N, 2] or [N, 2, 1, 1]).
torch::Tensor FaceProbability(const torch::Tensor& logits);

}  // namespace mtcnn::train
