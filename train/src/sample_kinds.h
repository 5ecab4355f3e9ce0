// The seed's four kinds of training samples and what each teaches (its beta), by a crop's
// IoU with the ground-truth faces: negatives IoU < 0.3, part faces 0.4 <= IoU < 0.65,
// positives IoU >= 0.65, and landmark faces (crops of faces labelled with the five points).
// Crops with 0.3 <= IoU < 0.4 are not used. The targets a sample carries are the exact
// inverse of the detector's calibration, so what the nets learn is what the cascade applies.
#pragma once

#include <array>
#include <optional>

#include "annotations.h"
#include "cascade/boxes.h"
#include "networks.h"

namespace mtcnn::train {

enum class SampleKind { kNegative = 0, kPositive = 1, kPart = 2, kLandmark = 3 };
inline constexpr int kNumSampleKinds = 4;
const char* SampleKindName(SampleKind kind);

// Which losses a kind of sample feeds (the seed's beta_i^j).
struct TaskMask {
  bool detection, box, landmarks;
};
TaskMask TasksOf(SampleKind kind);

// Intersection over union of two boxes as the cascade's NMS measures it: in the inclusive pixel
// convention, a side is x2 - x1 + 1. A face box [x, y, w, h] therefore spans w + 1 pixels, and the
// crop the detector calibrates onto it is exactly that wide.
double Iou(const Box& a, const Box& b);

// The kind a crop of this best IoU is, or nothing for the unused band [0.3, 0.4).
// Landmark faces are chosen among the positives by the miner, not by IoU alone.
std::optional<SampleKind> KindByIou(double iou);

// The box offsets (dx1, dy1, dx2, dy2) that move `window` onto `face` under the calibration
// of the net that sees it: P-Net's (side x2 - x1) or R-Net's and O-Net's (side x2 - x1 + 1).
std::array<float, 4> BoxTargets(NetKind net, const Box& window, const Box& face);

// The landmark outputs (five x, then five y, relative to the window) that the detector turns
// into `face`'s keypoints on `window`: x = w * l + x1 - 1 with w = x2 - x1 + 1.
std::array<float, 10> LandmarkTargets(const Box& window, const AnnotatedFace& face);

}  // namespace mtcnn::train
