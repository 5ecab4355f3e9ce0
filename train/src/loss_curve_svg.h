// A net's loss curves as an SVG chart: each task's training loss along the batches (a running
// mean, so the noise of single batches does not hide the trend) and, when there is a
// validation set, its total loss at the end of each epoch.
#pragma once

#include <string>
#include <vector>

namespace mtcnn::train {

struct LossSeries {
  std::string name;
  std::string color;         // CSS color
  std::vector<double> x, y;  // x in epochs (fractional along an epoch's batches)
  bool points = false;       // markers instead of a line
};

// Writes the chart to `path` (atomically); the y axis is logarithmic, as losses fall by
// orders of magnitude.
void WriteLossCurveSvg(const std::string& path, const std::string& title,
                       const std::vector<LossSeries>& series);

// The running mean of `values` over `window` (trailing) samples.
std::vector<double> RunningMean(const std::vector<double>& values, size_t window);

}  // namespace mtcnn::train
