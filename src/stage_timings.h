// Where the time of one detection went, in milliseconds.
#pragma once

#include <chrono>

namespace mtcnn {

struct StageTimings {
  // Resizing and normalising the pyramid levels. With several threads the levels run side
  // by side, each with its own resize, P-Net and NMS, and all of that is counted in pnet.
  double pyramid = 0;
  double pnet = 0;     // P-Net over all levels
  double crops = 0;    // building the R-Net and O-Net inputs
  double rnet = 0;
  double onet = 0;
  double nms = 0;      // all non-maximum suppression
  double total = 0;    // the whole call; total minus the rest is candidate/box bookkeeping
  // The work done, for throughput figures.
  int levels = 0;      // pyramid levels
  int rnet_crops = 0;  // R-Net inputs
  int onet_crops = 0;  // O-Net inputs
};

// Adds the time between construction (or the last Lap) and Lap() to a field.
class Stopwatch {
 public:
  Stopwatch() : last_(std::chrono::steady_clock::now()) {}
  void Lap(double* into) {
    const auto now = std::chrono::steady_clock::now();
    *into += std::chrono::duration<double, std::milli>(now - last_).count();
    last_ = now;
  }

 private:
  std::chrono::steady_clock::time_point last_;
};

}  // namespace mtcnn
