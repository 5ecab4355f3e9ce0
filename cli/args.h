// Command-line arguments of `mtcnn-cli detect FILE... --json [options]`.
#pragma once

#include <string>
#include <vector>

#include "options.h"

namespace mtcnn_cli {

struct Args {
  std::vector<std::string> files;
  mtcnn::DetectionOptions options;
  int threads = 1;
  std::string weights;  // empty: the embedded default weights
  bool json = false;
  double max_memory_mb = 2048;  // the detector's working-memory limit
  int bench_runs = 0;   // > 0: time that many detections per file, report per-stage medians
};

// Throws std::invalid_argument with a message for the user on bad arguments.
Args ParseArgs(int argc, char** argv);
const char* Usage();

}  // namespace mtcnn_cli
