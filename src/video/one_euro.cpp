#include "video/one_euro.h"

#include <cmath>

namespace mtcnn {
namespace {

// The smoothing factor of a first-order low-pass filter at `cutoff` Hz sampled every `dt` s.
double Alpha(double cutoff, double dt) {
  const double tau = 1.0 / (2 * M_PI * cutoff);
  return 1.0 / (1.0 + tau / dt);
}

}  // namespace

double OneEuroFilter::Filter(double x, double dt, double speed_unit, const OneEuroParams& p) {
  if (!started_ || !(dt > 0)) {
    started_ = true;
    x_ = x;
    dx_ = 0;
    return x;
  }
  const double dx = (x - x_) / dt;
  dx_ += Alpha(p.d_cutoff, dt) * (dx - dx_);
  const double cutoff = p.min_cutoff + p.beta * std::abs(dx_) / speed_unit;
  x_ += Alpha(cutoff, dt) * (x - x_);
  return x_;
}

}  // namespace mtcnn
