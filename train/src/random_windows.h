// Random crop windows for one image, as MTCNN's training data is made: squares anywhere in
// the image (almost all negatives), squares shifted and scaled around each face (positives and
// part faces, and near-face negatives) and, around faces with keypoints, squares kept close
// enough to be positives (landmark faces). Their kinds follow from their IoU, not from
// which group made them, except that landmark faces come only from the last group.
#pragma once

#include <random>
#include <vector>

#include "annotations.h"
#include "cascade/boxes.h"

namespace mtcnn::train {

struct RandomWindowCounts {
  int anywhere = 40;      // per image
  int around_face = 24;   // per face
  int landmark_face = 8;  // per face with keypoints
  int min_side = 12;      // pixels
};

struct RandomWindow {
  Box box;              // integer corners, inclusive, inside the image
  bool landmark_group;  // made around a face with keypoints, for a landmark face
};

std::vector<RandomWindow> RandomWindows(int image_width, int image_height,
                                        const std::vector<AnnotatedFace>& faces,
                                        const RandomWindowCounts& counts, std::mt19937_64* rng);

}  // namespace mtcnn::train
