#include "sample_kinds.h"

#include "cascade/nms.h"

namespace mtcnn::train {

const char* SampleKindName(SampleKind kind) {
  switch (kind) {
    case SampleKind::kNegative: return "negative";
    case SampleKind::kPositive: return "positive";
    case SampleKind::kPart: return "part";
    case SampleKind::kLandmark: return "landmark";
  }
  return "?";
}

TaskMask TasksOf(SampleKind kind) {
  switch (kind) {
    case SampleKind::kNegative: return {true, false, false};
    case SampleKind::kPositive: return {true, true, false};
    case SampleKind::kPart: return {false, true, false};
    case SampleKind::kLandmark: return {false, false, true};
  }
  return {false, false, false};
}

double Iou(const Box& a, const Box& b) { return Overlap(a, b, NmsMethod::kUnion); }

std::optional<SampleKind> KindByIou(double iou) {
  if (iou < 0.3) return SampleKind::kNegative;
  if (iou < 0.4) return std::nullopt;
  if (iou < 0.65) return SampleKind::kPart;
  return SampleKind::kPositive;
}

std::array<float, 4> BoxTargets(NetKind net, const Box& window, const Box& face) {
  // RegressPnet: x1 += dx1 * (x2 - x1); Regress: x1 += dx1 * (x2 - x1 + 1); and so on.
  const double extra = net == NetKind::kPnet ? 0 : 1;
  const double w = window.x2 - window.x1 + extra, h = window.y2 - window.y1 + extra;
  return {
      static_cast<float>((face.x1 - window.x1) / w), static_cast<float>((face.y1 - window.y1) / h),
      static_cast<float>((face.x2 - window.x2) / w), static_cast<float>((face.y2 - window.y2) / h)};
}

std::array<float, 10> LandmarkTargets(const Box& window, const AnnotatedFace& face) {
  const double w = window.x2 - window.x1 + 1, h = window.y2 - window.y1 + 1;
  std::array<float, 10> out{};
  for (int k = 0; k < kNumKeypoints; ++k) {
    out[k] = static_cast<float>((face.keypoints[k][0] - window.x1 + 1) / w);
    out[kNumKeypoints + k] = static_cast<float>((face.keypoints[k][1] - window.y1 + 1) / h);
  }
  return out;
}

}  // namespace mtcnn::train
