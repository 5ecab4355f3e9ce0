// The multi-task loss against hand-computed values, its alphas per net, online hard sample
// mining, and the class mix of batches.
#include <gtest/gtest.h>

#include <cmath>

#include "class_mix_sampler.h"
#include "multitask_loss.h"

namespace mtcnn::train {
namespace {

constexpr int64_t kNeg = 0, kPos = 1, kPart = 2, kLmk = 3;

TEST(MultitaskLoss, AlphaPerNet) {
  const TaskWeights p = SeedTaskWeights(NetKind::kPnet), r = SeedTaskWeights(NetKind::kRnet);
  const TaskWeights o = SeedTaskWeights(NetKind::kOnet);
  EXPECT_EQ(p.detection, 1);
  EXPECT_EQ(p.box, 0.5);
  EXPECT_EQ(p.landmarks, 0.5);
  EXPECT_EQ(r.detection, 1);
  EXPECT_EQ(r.box, 0.5);
  EXPECT_EQ(r.landmarks, 0.5);
  EXPECT_EQ(o.detection, 1);
  EXPECT_EQ(o.box, 0.5);
  EXPECT_EQ(o.landmarks, 1);
}

// One sample of each kind, with known outputs and targets.
struct Case {
  NetOutput out;
  torch::Tensor kinds, boxes, landmarks;
};

Case FourSamples() {
  Case c;
  c.kinds = torch::tensor({kNeg, kPos, kPart, kLmk});
  // Logits: the negative at p(face) = e^1 / (e^0 + e^1), the positive at p = 1/2.
  c.out.logits = torch::tensor({0.f, 1.f, 2.f, 2.f, 5.f, -5.f, 0.f, 0.f}).view({4, 2});
  c.out.box = torch::tensor({9.f, 9.f, 9.f, 9.f, 0.1f, 0.2f, 0.f, 0.f, 0.5f, 0.f, 0.f, 0.f, 9.f,
                             9.f, 9.f, 9.f})
                  .view({4, 4});
  c.boxes = torch::tensor(
                {0.f, 0.f, 0.f, 0.f, 0.f, 0.f, 0.f, 0.3f, 0.f, 0.f, 0.f, 0.f, 0.f, 0.f, 0.f, 0.f})
                .view({4, 4});
  c.out.landmarks = torch::full({4, 10}, 7.f);
  c.out.landmarks[3] = torch::full({10}, 0.5f);
  c.landmarks = torch::zeros({4, 10});
  c.landmarks[3] = torch::full({10}, 0.25f);
  return c;
}

TEST(MultitaskLoss, ValuesByHand) {
  const Case c = FourSamples();
  const LossTerms t =
      MultitaskLoss(c.out, c.kinds, c.boxes, c.landmarks, SeedTaskWeights(NetKind::kOnet), 1.0);
  // Negative (y = 0): -log(1 - p) with p = e / (1 + e), i.e. log(1 + e). Positive (y = 1) at
  // p = 1/2: log 2. The part and landmark samples' logits are ignored.
  const double det = (std::log(1 + std::exp(1.0)) + std::log(2.0)) / 2;
  // Boxes from the positive (0.1^2 + 0.2^2 + 0.3^2) and the part face (0.5^2).
  const double box = ((0.01 + 0.04 + 0.09) + 0.25) / 2;
  // Landmarks from the landmark face: 10 * 0.25^2.
  const double lmk = 10 * 0.0625;
  EXPECT_NEAR(t.detection, det, 1e-6);
  EXPECT_NEAR(t.box, box, 1e-6);
  EXPECT_NEAR(t.landmarks, lmk, 1e-6);
  EXPECT_EQ(t.detection_count, 2);
  EXPECT_EQ(t.box_count, 2);
  EXPECT_EQ(t.landmark_count, 1);
  EXPECT_NEAR(t.total.item<double>(), det + 0.5 * box + 1.0 * lmk, 1e-6);
  // P-Net's and R-Net's alpha weigh the landmarks by 0.5.
  const LossTerms r =
      MultitaskLoss(c.out, c.kinds, c.boxes, c.landmarks, SeedTaskWeights(NetKind::kRnet), 1.0);
  EXPECT_NEAR(r.total.item<double>(), det + 0.5 * box + 0.5 * lmk, 1e-6);
}

TEST(MultitaskLoss, CrossEntropyIsTheStandardForm) {
  // -(y log p + (1 - y) log(1 - p)) for a spread of p, both labels.
  for (double logit : {-3.0, -0.5, 0.0, 0.7, 4.0}) {
    const double p = 1 / (1 + std::exp(-logit));
    for (int64_t kind : {kNeg, kPos}) {
      NetOutput out;
      out.logits = torch::tensor({0.f, static_cast<float>(logit)}).view({1, 2});
      out.box = torch::zeros({1, 4});
      out.landmarks = torch::zeros({1, 10});
      const double y = kind == kPos ? 1 : 0;
      const LossTerms t = MultitaskLoss(out, torch::tensor({kind}), torch::zeros({1, 4}),
                                        torch::zeros({1, 10}), SeedTaskWeights(NetKind::kPnet), 1);
      EXPECT_NEAR(t.detection, -(y * std::log(p) + (1 - y) * std::log(1 - p)), 1e-5);
    }
  }
}

TEST(MultitaskLoss, NoSampleOfATaskAddsNothing) {
  NetOutput out;
  out.logits = torch::zeros({2, 2});
  out.box = torch::ones({2, 4});
  out.landmarks = torch::ones({2, 10});
  const LossTerms t = MultitaskLoss(out, torch::tensor({kNeg, kNeg}), torch::zeros({2, 4}),
                                    torch::zeros({2, 10}), SeedTaskWeights(NetKind::kOnet), 1);
  EXPECT_EQ(t.box_count, 0);
  EXPECT_EQ(t.landmark_count, 0);
  EXPECT_NEAR(t.total.item<double>(), std::log(2.0), 1e-6);
}

TEST(MultitaskLoss, HardMiningKeepsTheHardest70Percent) {
  const torch::Tensor losses =
      torch::tensor({0.5f, 0.1f, 0.9f, 0.3f, 0.7f, 0.2f, 0.8f, 0.4f, 0.6f, 0.0f});
  const torch::Tensor kept = std::get<0>(torch::sort(HardestLosses(losses, 0.7), 0, true));
  ASSERT_EQ(kept.size(0), 7);
  EXPECT_TRUE(torch::allclose(kept, torch::tensor({0.9f, 0.8f, 0.7f, 0.6f, 0.5f, 0.4f, 0.3f})));
  EXPECT_EQ(HardestLosses(losses, 1.0).size(0), 10);
  EXPECT_EQ(HardestLosses(torch::tensor({0.5f}), 0.7).size(0), 1);  // at least one

  // In the loss: ten negatives with rising losses; the mean is over the hardest seven only.
  NetOutput out;
  out.logits = torch::zeros({10, 2});
  for (int i = 0; i < 10; ++i) out.logits[i][1] = static_cast<float>(i) / 2;
  out.box = torch::zeros({10, 4});
  out.landmarks = torch::zeros({10, 10});
  const torch::Tensor kinds = torch::full({10}, kNeg, torch::kInt64);
  const LossTerms t = MultitaskLoss(out, kinds, torch::zeros({10, 4}), torch::zeros({10, 10}),
                                    SeedTaskWeights(NetKind::kPnet), 0.7);
  double expected = 0;
  for (int i = 3; i < 10; ++i) expected += std::log(1 + std::exp(i / 2.0));
  EXPECT_EQ(t.detection_count, 7);
  EXPECT_NEAR(t.detection, expected / 7, 1e-5);
  // Only the kept samples receive a gradient.
  NetOutput g = out;
  g.logits = out.logits.clone().requires_grad_(true);
  MultitaskLoss(g, kinds, torch::zeros({10, 4}), torch::zeros({10, 10}),
                SeedTaskWeights(NetKind::kPnet), 0.7)
      .total.backward();
  const torch::Tensor moved = g.logits.grad().abs().sum(1) > 0;
  for (int i = 0; i < 10; ++i) EXPECT_EQ(moved[i].item<bool>(), i >= 3) << i;
}

TEST(ClassMixSampler, BatchesFollowTheMix) {
  SampleSet s;
  std::vector<int64_t> kinds;
  for (int i = 0; i < 500; ++i) kinds.push_back(kNeg);
  for (int i = 0; i < 40; ++i) kinds.push_back(kPos);
  for (int i = 0; i < 300; ++i) kinds.push_back(kPart);
  for (int i = 0; i < 60; ++i) kinds.push_back(kLmk);
  s.kinds = torch::tensor(kinds);
  ClassMixSampler sampler(s, kPaperClassMix, 70, 5);
  EXPECT_EQ(sampler.per_batch()[0], 30);
  EXPECT_EQ(sampler.per_batch()[1], 10);
  EXPECT_EQ(sampler.per_batch()[2], 10);
  EXPECT_EQ(sampler.per_batch()[3], 20);
  std::vector<int> seen(kinds.size());
  for (int b = 0; b < 8; ++b) {
    const torch::Tensor batch = sampler.Next();
    ASSERT_EQ(batch.size(0), 70);
    int counts[4] = {0, 0, 0, 0};
    for (int64_t i = 0; i < 70; ++i) {
      const int64_t index = batch[i].item<int64_t>();
      ++counts[kinds[index]];
      ++seen[index];
    }
    EXPECT_EQ(counts[0], 30);
    EXPECT_EQ(counts[1], 10);
    EXPECT_EQ(counts[2], 10);
    EXPECT_EQ(counts[3], 20);
  }
  // 80 positives drawn from 40: each exactly twice (reshuffled when the queue runs out).
  for (int i = 500; i < 540; ++i) EXPECT_EQ(seen[i], 2);
  // A kind with no samples gives its share away.
  SampleSet only_neg;
  only_neg.kinds = torch::full({10}, kNeg, torch::kInt64);
  EXPECT_EQ(ClassMixSampler(only_neg, kPaperClassMix, 16, 1).per_batch()[0], 16);
}

}  // namespace
}  // namespace mtcnn::train
