// A whole training run, as scripts/train.sh starts it: the nets asked for, in cascade order
// (each mined with the nets before it as they stand after their own training), then one
// weights file with all three nets, in the detector's format and tensor names.
#pragma once

#include <string>
#include <vector>

#include "net_trainer.h"
#include "networks.h"
#include "sample_mining.h"

namespace mtcnn::train {

struct RunOptions {
  std::string data;        // training annotations (JSON Lines)
  std::string validation;  // optional
  std::string init;        // "bundled", "scratch" or a weights file
  std::string bundled_weights;
  std::vector<NetKind> nets;
  std::string out;
  std::string workdir;
  TrainOptions train;
  MiningOptions mining;
};

// Throws std::runtime_error for anything the user has to fix.
void RunTraining(const RunOptions& options);

}  // namespace mtcnn::train
