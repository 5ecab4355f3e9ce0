// A one-line progress bar on standard error: on a terminal it redraws in place (at most ten
// times a second); in a log it prints a line at each quarter and at the end.
#pragma once

#include <chrono>
#include <string>

namespace mtcnn::train {

class ProgressBar {
 public:
  // `label` leads the line ("pnet epoch 1/3").
  ProgressBar(std::string label, int64_t total);
  // `done` of `total`, with `detail` after the bar ("det 0.213 box 0.011 lmk 0.004").
  void Update(int64_t done, const std::string& detail);
  // Ends the line, however far the work got.
  void Finish(const std::string& detail);

 private:
  void Draw(int64_t done, const std::string& detail, bool final);

  std::string label_;
  int64_t total_;
  bool terminal_;
  int last_quarter_ = 0;
  std::chrono::steady_clock::time_point start_, last_draw_;
};

}  // namespace mtcnn::train
