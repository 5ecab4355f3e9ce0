// Where a detection's time goes: the cascade reports each of its steps to a StageTimer,
// which adds them up in a StageTimings (mtcnn/results.h). What the steps leave out (box
// bookkeeping) is the total less the rest.
#pragma once

#include "mtcnn/results.h"
#include "runtime/stopwatch.h"

namespace mtcnn {

// What the threads of a parallel section spent on its two kinds of work (resizing and
// P-Net, crops and a crop network), summed over the threads.
struct BusyTime {
  double first = 0, second = 0;
};

class StageTimer {
 public:
  using Field = double StageTimings::*;

  explicit StageTimer(StageTimings* timings) : timings_(timings) {}

  // Runs step(), adding its time to `field`; returns what step() returns.
  template <typename Step>
  auto Time(Field field, Step&& step) {
    // Laps when it goes out of scope, after step() has returned (or thrown).
    struct Lap {
      double* into;
      Stopwatch watch;
      ~Lap() { watch.Lap(into); }
    } lap{&(timings_->*field), Stopwatch()};
    return step();
  }

  // Runs section(), a parallel section on `threads` threads that returns its BusyTime: its
  // wall time goes to `first` and `second` in proportion to the threads' time on each (on
  // one thread, about that time itself), and the thread time it left unused to `idle`.
  template <typename Section>
  void TimeParallel(Field first, Field second, Field idle, int threads, Section&& section) {
    Stopwatch watch;
    const BusyTime busy = section();
    double wall = 0;
    watch.Lap(&wall);
    const double total = busy.first + busy.second;
    const double share = total > 0 ? busy.first / total : 0;
    timings_->*first += wall * share;
    timings_->*second += wall - wall * share;
    if (threads > 1 && wall * threads > total) timings_->*idle += wall * threads - total;
  }

  StageTimings& timings() { return *timings_; }

 private:
  StageTimings* timings_;
};

}  // namespace mtcnn
