// Command-line arguments of `mtcnn-cli detect FILE... --json [options]`.
#pragma once

#include <string>
#include <vector>

#include "mtcnn/align.h"
#include "mtcnn/detector.h"

namespace mtcnn_cli {

struct Args {
  std::vector<std::string> files;
  mtcnn::Config config;      // ranges are checked when the detector is made
  std::string weights;       // empty: the bundled weights
  std::string lnet_weights;  // empty: the checkout's weights/lnet.safetensors
  std::string crops_dir;     // non-empty: aligned crops are written there as PNG
  mtcnn::AlignOptions align;
  bool json = false;
  int bench_runs = 0;  // > 0: time that many detections per file, report per-stage medians
};

// Throws std::invalid_argument with a message for the user on bad arguments.
Args ParseArgs(int argc, char** argv);
const char* Usage();

}  // namespace mtcnn_cli
