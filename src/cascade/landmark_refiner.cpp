#include "cascade/landmark_refiner.h"

#include <algorithm>
#include <cmath>

#include "nn/net_output.h"

namespace mtcnn {
namespace {

// MATLAB's do-not-make-a-large-movement bound on a place's distance from the patch centre.
constexpr float kMostMove = 0.35f;

}  // namespace

int LandmarkPatchSide(const Face& face) {
  // face.box holds x2 - x1 and y2 - y1; MATLAB's side is the inclusive one.
  const double longer = std::max(face.box[2] + 1, face.box[3] + 1);
  int side = static_cast<int>(std::trunc(0.25 * longer));
  if (side % 2 != 0) side += side > 0 ? 1 : -1;
  return std::max(side, 0);
}

Box LandmarkPatchBox(float x, float y, int side) {
  Box b;
  b.x1 = std::trunc(static_cast<double>(x) - 0.5 * side);
  b.y1 = std::trunc(static_cast<double>(y) - 0.5 * side);
  b.x2 = b.x1 + side;
  b.y2 = b.y1 + side;
  return b;
}

bool RefinedPlaceTrusted(float fx, float fy) {
  // Written so that NaN is not trusted either (MATLAB's test, |x - 0.5| > 0.35, lets it by).
  return std::fabs(fx - 0.5f) <= kMostMove && std::fabs(fy - 0.5f) <= kMostMove;
}

float RefinedCoordinate(float p, int side, float fraction) {
  return static_cast<float>(static_cast<double>(p) - 0.5 * side +
                            static_cast<double>(fraction) * side);
}

LandmarkRefiner::LandmarkRefiner(const Weights& lnet_weights) : lnet_(lnet_weights) {}

uint64_t LandmarkRefiner::WorkingBytes() {
  return Lnet::WorkingBytes(Lnet::kChunk) +
         (Lnet::kChunk * Lnet::kBranches * (Lnet::kPatchFloats + 2)) * sizeof(float);
}

void LandmarkRefiner::Refine(const ImageU8& rgb, std::vector<Face>* faces, pthreadpool_t pool) {
  constexpr size_t kChunk = Lnet::kChunk;
  Grow(&patches_, Lnet::kBranches * kChunk * Lnet::kPatchFloats);
  Grow(&places_, kChunk * Lnet::kBranches * 2);
  for (size_t first = 0; first < faces->size(); first += kChunk) {
    const size_t n = std::min(kChunk, faces->size() - first);
    inside_.assign(n * Lnet::kBranches, 0);
    for (size_t i = 0; i < n; ++i) {
      const Face& f = (*faces)[first + i];
      const int side = LandmarkPatchSide(f);
      for (size_t k = 0; k < Lnet::kBranches; ++k) {
        const Box b = LandmarkPatchBox(f.keypoints[k][0], f.keypoints[k][1], side);
        float* patch = patches_.data() + (k * n + i) * Lnet::kPatchFloats;
        // 1-based: the window covers columns x1 .. x2 of the image's 1 .. width.
        inside_[i * Lnet::kBranches + k] =
            b.x2 >= 1 && b.x1 <= rgb.width && b.y2 >= 1 && b.y1 <= rgb.height;
        if (inside_[i * Lnet::kBranches + k]) {
          BuildCrop(rgb, PadBox(b, rgb.width, rgb.height), Lnet::kInputSize, &scratch_, patch);
        } else {
          std::fill_n(patch, Lnet::kPatchFloats, 0.0f);
        }
      }
    }
    lnet_.RunChunk(patches_.data(), n, pool, places_.data());
    for (size_t i = 0; i < n; ++i) {
      Face& f = (*faces)[first + i];
      const int side = LandmarkPatchSide(f);
      for (size_t k = 0; k < Lnet::kBranches; ++k) {
        const float fx = places_[(i * Lnet::kBranches + k) * 2];
        const float fy = places_[(i * Lnet::kBranches + k) * 2 + 1];
        if (!inside_[i * Lnet::kBranches + k] || !RefinedPlaceTrusted(fx, fy)) continue;
        f.keypoints[k][0] = RefinedCoordinate(f.keypoints[k][0], side, fx);
        f.keypoints[k][1] = RefinedCoordinate(f.keypoints[k][1], side, fy);
      }
    }
  }
}

}  // namespace mtcnn
