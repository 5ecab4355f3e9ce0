// The reference's rules between the networks, with no network in them: which boxes a P-Net
// map proposes, and how each stage's survivors are suppressed and calibrated for the next.
// The cascade applies them to its XNNPACK networks' outputs and the trainer to libtorch's,
// so the trainer mines R-Net's and O-Net's samples from exactly the boxes the detector
// would crop.
#pragma once

#include <cstddef>
#include <vector>

#include "cascade/boxes.h"

namespace mtcnn {

// The reference's generateBoundingBox: the window, in image pixels, of P-Net's map cell
// (x, y) at a pyramid level of `scale`, for a net of this `stride` and `cell` size.
Box CellBox(size_t x, size_t y, double scale, int stride, int cell, float score,
            const float offsets[4]);

// One pyramid level's candidates, in the reference's order (image-x major), after its NMS.
std::vector<Box> PickLevel(const std::vector<Box>& candidates);

// Stage 1's output from all levels' picks: NMS, calibration, squared, truncated.
std::vector<Box> FinishPnet(const std::vector<Box>& level_picks);

// Stage 2's output: the boxes whose face probability passes `threshold`, after NMS,
// calibrated by their offsets and squared. `offsets[i]` are box i's four.
std::vector<Box> FinishRnet(const std::vector<Box>& boxes, const std::vector<float>& scores,
                            const std::vector<const float*>& offsets, float threshold);

}  // namespace mtcnn
