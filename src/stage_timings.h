// Where the time of one detection went, in milliseconds.
#pragma once

#include <chrono>

namespace mtcnn {

struct StageTimings {
  double input = 0;    // copying the caller's pixels in as packed RGB
  // Stages whose two kinds of work interleave on several threads (pyramid bands resized
  // then run through P-Net; crop chunks built then run through R-Net or O-Net) report
  // their wall time split in proportion to the threads' time on each (SplitWallTime).
  double pyramid = 0;  // resizing and normalising the pyramid levels
  double pnet = 0;     // P-Net over all levels
  double crops = 0;    // building the R-Net and O-Net inputs
  double rnet = 0;
  double onet = 0;
  double nms = 0;      // all non-maximum suppression
  double total = 0;    // the whole call; total minus the rest is candidate/box bookkeeping
  // Thread time the parallel sections left unused (threads x wall minus the threads' busy
  // time: uneven shares, late wake-ups, a core lost to the host), summed over the threads;
  // zero on one thread.
  double pnet_idle = 0;  // pyramid bands and P-Net
  double rnet_idle = 0;  // R-Net crops and network
  double onet_idle = 0;  // O-Net crops and network
  // The work done, for throughput figures.
  int levels = 0;      // pyramid levels
  int rnet_crops = 0;  // R-Net inputs
  int onet_crops = 0;  // O-Net inputs
};

// Adds to *a and *b the wall time of a section in which threads spent a_busy and b_busy on
// two kinds of work, split in that proportion (on one thread, about a_busy and b_busy).
inline void SplitWallTime(double wall, double a_busy, double b_busy, double* a, double* b) {
  const double busy = a_busy + b_busy;
  const double share = busy > 0 ? a_busy / busy : 0;
  *a += wall * share;
  *b += wall - wall * share;
}

// Thread time a parallel section of `wall` ms on `threads` threads left unused, when the
// threads were busy for `busy` ms in all (0 on one thread, and never below 0).
inline double IdleTime(double wall, int threads, double busy) {
  return threads > 1 && wall * threads > busy ? wall * threads - busy : 0;
}

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
