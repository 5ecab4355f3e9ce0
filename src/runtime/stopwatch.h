// Milliseconds between two points of a thread's work.
#pragma once

#include <chrono>

namespace mtcnn {

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
