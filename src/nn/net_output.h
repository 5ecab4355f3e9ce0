// What a network gives for each P-Net map cell or crop. The heads of each network are fused
// into one layer, so one GEMM makes them all; a row of its output holds, in this order:
//   2 classifier logits (non-face, face),
//   4 box offsets (dx1, dy1, dx2, dy2),
//   and for O-Net 10 landmark coordinates: five x, then five y, in Keypoint order.
#pragma once

#include <cstddef>
#include <vector>

namespace mtcnn {

struct HeadLayout {
  static constexpr size_t kLogits = 0, kLogitCount = 2;
  static constexpr size_t kBox = 2, kBoxCount = 4;
  static constexpr size_t kLandmarks = 6, kLandmarkCount = 10;
  static constexpr size_t kLandmarksX = kLandmarks, kLandmarksY = kLandmarks + kLandmarkCount / 2;
  static constexpr size_t kWithoutLandmarks = 6, kWithLandmarks = 16;  // row lengths
};

// Resizes a buffer to at least n elements, never down: a buffer reused by calls of
// different sizes keeps its largest size instead of being zero-filled again each time a
// call grows it back.
inline void Grow(std::vector<float>* v, size_t n) {
  if (v->size() < n) v->resize(n);
}

// Face probabilities (the softmax of the logits) and head rows of `rows` cells or crops.
struct NetOutput {
  size_t rows = 0;  // the buffers below may be longer (kept from a bigger output)
  size_t head_stride = 0;
  std::vector<float> prob;   // [rows, 2]
  std::vector<float> heads;  // [rows, head_stride]

  // Makes room for `n` rows of heads `stride` long.
  void Prepare(size_t n, size_t stride) {
    rows = n;
    head_stride = stride;
    Grow(&heads, n * stride);
    Grow(&prob, n * HeadLayout::kLogitCount);
  }
  float FaceProbability(size_t i) const { return prob[HeadLayout::kLogitCount * i + 1]; }
  // dx1, dy1, dx2, dy2.
  const float* BoxOffsets(size_t i) const { return Row(i) + HeadLayout::kBox; }
  // O-Net's landmark k (Keypoint order), relative to the crop.
  float LandmarkX(size_t i, int k) const { return Row(i)[HeadLayout::kLandmarksX + k]; }
  float LandmarkY(size_t i, int k) const { return Row(i)[HeadLayout::kLandmarksY + k]; }

 private:
  const float* Row(size_t i) const { return heads.data() + i * head_stride; }
};

}  // namespace mtcnn
