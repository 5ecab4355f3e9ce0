// The seed's multi-source loss, min sum_i sum_j alpha_j beta_i^j L_i^j, over one batch:
//   L_det = -(y log p + (1 - y) log(1 - p))  (face classification, cross-entropy)
//   L_box = ||y^ - y||^2 over the four box offsets
//   L_landmark = ||y^ - y||^2 over the ten landmark coordinates
// beta_i^j selects what sample i feeds (sample_kinds.h's TasksOf), alpha_j weighs the
// tasks per net. Each task's sum is divided by the samples that feed it, so the alphas keep
// their meaning whatever the batch's mix. Online hard sample mining (the paper's) keeps only
// the hardest fraction of the batch's classification losses.
#pragma once

#include <torch/torch.h>

#include "networks.h"

namespace mtcnn::train {

// alpha: (det 1, box 0.5, landmark 0.5) for P-Net and R-Net; (1, 0.5, 1) for O-Net.
struct TaskWeights {
  double detection, box, landmarks;
};
TaskWeights SeedTaskWeights(NetKind net);

struct LossTerms {
  torch::Tensor total;  // what is back-propagated
  // Each task's mean over the samples that feed it (after hard mining for detection), and
  // how many did; a task no sample feeds is 0 with count 0.
  double detection = 0, box = 0, landmarks = 0;
  int64_t detection_count = 0, box_count = 0, landmark_count = 0;
};

// `kinds` [N] int64 (SampleKind), `boxes` [N, 4], `landmarks` [N, 10] targets.
// `hard_fraction` in (0, 1]: 1 keeps every classification loss, 0.7 the paper's hardest 70%.
LossTerms MultitaskLoss(const NetOutput& out, const torch::Tensor& kinds,
                        const torch::Tensor& boxes, const torch::Tensor& landmarks,
                        const TaskWeights& alpha, double hard_fraction);

// The `fraction` of `losses` ([N]) that are largest: round(fraction * N), at least one.
torch::Tensor HardestLosses(const torch::Tensor& losses, double fraction);

}  // namespace mtcnn::train
