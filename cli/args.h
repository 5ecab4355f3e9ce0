// Command-line arguments of `mtcnn-cli detect FILE... --json [options]`.
#pragma once

#include <string>
#include <vector>

#include "mtcnn/detector.h"

namespace mtcnn_cli {

struct Args {
  std::vector<std::string> files;
  mtcnn::Config config;  // ranges are checked when the detector is made
  std::string weights;   // empty: the bundled weights
  bool json = false;
  int bench_runs = 0;  // > 0: time that many detections per file, report per-stage medians
};

// Throws std::invalid_argument with a message for the user on bad arguments.
Args ParseArgs(int argc, char** argv);
const char* Usage();

}  // namespace mtcnn_cli
