// Training annotations: JSON Lines, one image a line, faces in the detector's output shape
//   {"image": "photos/a.jpg", "faces": [{"box": [x, y, w, h], "keypoints": {"left_eye":
//    [x, y], "right_eye": ..., "nose": ..., "mouth_left": ..., "mouth_right": ...}}]}
// so the CLI's --jsonl records (which name the image "file" and add "confidence") can be
// reviewed and fed back. Keypoints are optional per face; a face with "ignore": true marks a
// region that is neither a face to learn nor background (no crop near it becomes a sample).
// Relative image paths are taken from the annotation file's folder.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "cascade/boxes.h"

namespace mtcnn::train {

inline constexpr int kNumKeypoints = 5;
// The detector's keypoint names, in the order of its landmark outputs.
inline constexpr std::array<const char*, kNumKeypoints> kKeypointNames = {
    "left_eye", "right_eye", "nose", "mouth_left", "mouth_right"};

struct AnnotatedFace {
  // The face as the detector would report it: box = [x1, y1, x2 - x1, y2 - y1].
  Box box;
  bool has_keypoints = false;
  std::array<std::array<double, 2>, kNumKeypoints> keypoints{};
  bool ignore = false;
};

struct AnnotatedImage {
  std::string path;  // as resolved (absolute or relative to the working directory)
  std::vector<AnnotatedFace> faces;
};

// Throws std::runtime_error naming the file and line of a malformed record.
std::vector<AnnotatedImage> ReadAnnotations(const std::string& jsonl_path);

}  // namespace mtcnn::train
