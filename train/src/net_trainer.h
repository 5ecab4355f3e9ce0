// Training one net on its samples: SGD with momentum on the multi-task loss, batches in the
// class mix, a progress bar with each loss, a checkpoint in the work folder at the end of
// every epoch and every few minutes within one, from which a rerun resumes where it stopped.
#pragma once

#include <string>
#include <vector>

#include "class_mix_sampler.h"
#include "multitask_loss.h"
#include "networks.h"
#include "sample_set.h"

namespace mtcnn::train {

struct TrainOptions {
  int epochs = 1;
  int batch_size = 256;
  double learning_rate = 0.001;
  double momentum = 0.9;
  double weight_decay = 5e-4;
  double hard_fraction = 0.7;  // 1 turns online hard sample mining off
  ClassMix mix = kPaperClassMix;
  uint64_t seed = 1;
  double checkpoint_seconds = 120;
};

// A net's losses over a sample set, without hard mining, and its face/non-face accuracy on
// the set's negatives and positives (face when p >= 0.5).
struct Evaluation {
  double detection = 0, box = 0, landmarks = 0, total = 0;
  double accuracy = 0;
  int64_t classified = 0;
};
Evaluation Evaluate(CascadeNet& net, const SampleSet& samples, int batch_size);

struct TrainHistory {
  // Per batch: the total, detection, box and landmark loss.
  std::vector<std::array<double, 4>> batches;
  int batches_per_epoch = 0;
  // Per finished epoch, on the validation set (empty without one).
  std::vector<Evaluation> validation;
};

// Trains `net` (in place) and returns its history. `checkpoint` is the file it keeps its
// state in: if it exists and holds a run of the same options and samples, training resumes
// from it; a run that has done `options.epochs` returns at once, and a larger count of epochs
// continues it.
TrainHistory TrainNet(CascadeNet& net, const SampleSet& train, const SampleSet* validation,
                      const TrainOptions& options, const std::string& checkpoint);

}  // namespace mtcnn::train
