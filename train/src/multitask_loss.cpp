#include "multitask_loss.h"

#include <cmath>

#include "sample_kinds.h"

namespace mtcnn::train {
namespace {

torch::Tensor Feeds(const torch::Tensor& kinds, bool (*task)(SampleKind)) {
  torch::Tensor out = torch::zeros({kinds.size(0)}, torch::kBool);
  auto k = kinds.accessor<int64_t, 1>();
  auto o = out.accessor<bool, 1>();
  for (int64_t i = 0; i < kinds.size(0); ++i) o[i] = task(static_cast<SampleKind>(k[i]));
  return out;
}

}  // namespace

TaskWeights SeedTaskWeights(NetKind net) {
  return net == NetKind::kOnet ? TaskWeights{1, 0.5, 1} : TaskWeights{1, 0.5, 0.5};
}

torch::Tensor HardestLosses(const torch::Tensor& losses, double fraction) {
  const int64_t n = losses.size(0);
  const int64_t keep = std::max<int64_t>(1, std::llround(fraction * static_cast<double>(n)));
  if (keep >= n) return losses;
  return std::get<0>(torch::topk(losses, keep));
}

LossTerms MultitaskLoss(const NetOutput& out, const torch::Tensor& kinds,
                        const torch::Tensor& boxes, const torch::Tensor& landmarks,
                        const TaskWeights& alpha, double hard_fraction) {
  const int64_t n = kinds.size(0);
  const torch::Tensor cpu_kinds = kinds.to(torch::kCPU);
  const torch::Tensor det = Feeds(cpu_kinds, [](SampleKind k) { return TasksOf(k).detection; });
  const torch::Tensor box = Feeds(cpu_kinds, [](SampleKind k) { return TasksOf(k).box; });
  const torch::Tensor lmk = Feeds(cpu_kinds, [](SampleKind k) { return TasksOf(k).landmarks; });

  LossTerms terms;
  torch::Tensor total = torch::zeros({}, out.logits.options());
  if (det.any().item<bool>()) {
    // The seed's text prints the second term as (1 - y)(1 - log p), a typo: the standard
    // cross-entropy is -(y log p + (1 - y) log(1 - p)), which is -log_softmax at the label
    // for a two-way softmax with p its face output.
    const torch::Tensor logits = out.logits.reshape({n, 2}).index({det});
    const torch::Tensor y =
        (cpu_kinds.index({det}) == static_cast<int64_t>(SampleKind::kPositive)).to(torch::kInt64);
    const torch::Tensor ce = -torch::log_softmax(logits, 1).gather(1, y.unsqueeze(1)).squeeze(1);
    const torch::Tensor hard = HardestLosses(ce, hard_fraction);
    const torch::Tensor mean = hard.mean();
    total = total + alpha.detection * mean;
    terms.detection = mean.item<double>();
    terms.detection_count = hard.size(0);
  }
  auto squared = [&](const torch::Tensor& predicted, const torch::Tensor& target,
                     const torch::Tensor& mask, double weight, double* value, int64_t* count) {
    if (!mask.any().item<bool>()) return;
    const torch::Tensor p = predicted.reshape({n, -1}).index({mask});
    const torch::Tensor mean = (p - target.index({mask})).pow(2).sum(1).mean();
    total = total + weight * mean;
    *value = mean.item<double>();
    *count = p.size(0);
  };
  squared(out.box, boxes, box, alpha.box, &terms.box, &terms.box_count);
  squared(out.landmarks, landmarks, lmk, alpha.landmarks, &terms.landmarks, &terms.landmark_count);
  terms.total = total;
  return terms;
}

}  // namespace mtcnn::train
