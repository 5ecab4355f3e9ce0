// Where a face goes in its crop (mtcnn/align.h's templates): the affine map from the image
// to a size x size crop for one face.
#pragma once

#include <optional>

#include "align/affine.h"
#include "mtcnn/align.h"
#include "mtcnn/results.h"

namespace mtcnn {

// insightface's ArcFace points for a 112 x 112 crop, in Keypoint order.
inline constexpr double kArcfacePoints[kNumKeypoints][2] = {{38.2946, 51.6963},
                                                            {73.5318, 51.5014},
                                                            {56.0252, 71.7366},
                                                            {41.5493, 92.3655},
                                                            {70.7299, 92.2041}};

// The map for `face` into a crop of `size` (options.size resolved); none when the face's
// keypoints (or box, for kFacenet) are not finite or define no transform.
std::optional<Affine> CropTransform(const Face& face, const AlignOptions& options, int size);

}  // namespace mtcnn
