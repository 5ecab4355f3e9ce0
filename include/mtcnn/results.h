// What a detection returns: the faces, in the conventions of the reference (ipazc/mtcnn's
// detect_faces; SPEC.md's output contract), and where its time went.
#pragma once

#include <array>
#include <cstdint>
#include <string>

namespace mtcnn {

enum Keypoint { kLeftEye = 0, kRightEye, kNose, kMouthLeft, kMouthRight, kNumKeypoints };
// "left_eye", "right_eye", "nose", "mouth_left", "mouth_right" (the reference's keys).
const char* KeypointName(int k);

struct Face {
  // The final calibrated box in the reference's 1-based convention: x1, y1, x2 - x1, y2 - y1.
  std::array<double, 4> box;
  double confidence;  // O-Net's face probability (a float32 value)
  // 0-based landmark coordinates (float32 values), in Keypoint order.
  std::array<std::array<float, 2>, kNumKeypoints> keypoints;
};

// A face in video mode (Detector::DetectForVideo).
struct VideoFace {
  // The same while the face is tracked, never given to another face by the same detector.
  int64_t id;
  Face face;  // smoothed over time (VideoOptions::smoothing), else as found
  Face raw;   // as found in this frame
};

// Where the time of one detection went, in milliseconds.
struct StageTimings {
  double input = 0;  // copying the caller's pixels in as packed RGB
  // Stages whose two kinds of work interleave on several threads (pyramid bands resized
  // then run through P-Net; crop chunks built then run through R-Net or O-Net) report
  // their wall time split in proportion to the threads' time on each.
  double pyramid = 0;  // resizing and normalising the pyramid levels
  double pnet = 0;     // P-Net over all levels
  double crops = 0;    // building the R-Net and O-Net inputs
  double rnet = 0;
  double onet = 0;
  double nms = 0;    // all non-maximum suppression
  double lnet = 0;   // refining landmarks (DetectionOptions::refine_landmarks): patches, LNet
  double total = 0;  // the whole call; total minus the rest is box bookkeeping
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
  int lnet_faces = 0;  // faces whose landmarks LNet refined
  // Video mode: whether the frame ran the whole cascade (a full scan; else only the tracked
  // faces' windows), and how many faces it followed from earlier frames.
  bool full_scan = false;
  int tracked_faces = 0;
};

// One network layer's share of a detection, when layer profiling is on.
struct LayerTiming {
  std::string layer;  // "pnet.conv1", "onet.fc5", ...
  double ms = 0;      // thread time, summed over its runs
  double flops = 0;   // floating-point operations (a multiply-add is two), summed
  int calls = 0;
};

}  // namespace mtcnn
