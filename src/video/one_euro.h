// The One Euro filter (Casiez, Roussel and Vogel, CHI 2012): a first-order low-pass filter
// whose cutoff rises with the signal's speed, so that a still value is smoothed hard (no
// jitter) and a moving one is followed with little lag.
#pragma once

namespace mtcnn {

struct OneEuroParams {
  double min_cutoff;  // Hz, the cutoff at rest
  double beta;        // Hz more per unit of speed (speed / speed_unit per second)
  double d_cutoff;    // Hz, the cutoff of the speed estimate
};

class OneEuroFilter {
 public:
  // The next value `x`, `dt` seconds after the previous one; speeds are counted in
  // `speed_unit`s per second (a face's width, for coordinates of that face). The first
  // value passes unchanged.
  double Filter(double x, double dt, double speed_unit, const OneEuroParams& p);

 private:
  bool started_ = false;
  double x_ = 0;   // the last output
  double dx_ = 0;  // the last filtered speed
};

}  // namespace mtcnn
