// The authors' fourth stage (MTCNNv2's detect_face.m, its "extended stage"): LNet moves each
// of a face's five landmarks within a patch around it. docs/parity.md lists the rules this
// follows and where it departs from the MATLAB code.
//
// Per face, the patch side is a quarter of the final box's longer side (inclusive, so
// x2 - x1 + 1), truncated and made even. Per landmark, the patch is the box [fix(p - side/2),
// fix(p - side/2) + side] in the cascade's 1-based convention, cropped, zero-padded and
// resized to 24 x 24 exactly as R-Net's crops are. LNet gives the point's place in the
// patch as fractions (fx, fy) of its side, measured from p - side/2 (not from the truncated
// corner); a place more than 0.35 from the centre on either axis is not trusted, and the
// point stays where O-Net put it.
#pragma once

#include <pthreadpool.h>

#include <cstdint>
#include <vector>

#include "cascade/boxes.h"
#include "cascade/crop_window.h"
#include "imaging/image.h"
#include "mtcnn/results.h"
#include "nn/lnet.h"
#include "nn/weights.h"

namespace mtcnn {

// The patch side of a face (even, >= 0).
int LandmarkPatchSide(const Face& face);
// The patch box of a landmark at (x, y), 1-based and inclusive as the cascade's boxes.
Box LandmarkPatchBox(float x, float y, int side);
// A landmark's refined coordinate: LNet's place `fraction` on the axis of coordinate `p`,
// both axes' places already checked (RefinedPlaceTrusted).
float RefinedCoordinate(float p, int side, float fraction);
// Whether LNet's place (fx, fy) is within the move it may make.
bool RefinedPlaceTrusted(float fx, float fy);

class LandmarkRefiner {
 public:
  // Throws kInvalidWeights when LNet's tensors are missing or misshapen.
  explicit LandmarkRefiner(const Weights& lnet_weights);

  // Moves the keypoints of `faces` (found in `rgb`); boxes and confidences stay. A landmark
  // whose patch lies wholly outside the image stays where it is.
  void Refine(const ImageU8& rgb, std::vector<Face>* faces, pthreadpool_t pool);
  // What Refine holds while it runs, besides the faces.
  static uint64_t WorkingBytes();
  void set_profile(LayerProfile* profile) { lnet_.set_profile(profile); }

 private:
  Lnet lnet_;
  CropScratch scratch_;
  std::vector<float> patches_;   // [kBranches, chunk, 24, 24, 3]
  std::vector<float> places_;    // [chunk, kBranches, 2]
  std::vector<uint8_t> inside_;  // [chunk, kBranches]: whether a patch holds image pixels
};

}  // namespace mtcnn
