// Aligned face crops: each face cut out of the image and turned upright, the first step of
// recognition, blurring or avatars. Independent of the detector: any face with a box and
// five keypoints will do.
//
//   auto crops = mtcnn::AlignFaces(image, faces, mtcnn::AlignOptions{});  // ArcFace, 112 px
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "mtcnn/detector.h"
#include "mtcnn/results.h"

namespace mtcnn {

enum class AlignTemplate {
  // The face's five keypoints onto insightface's ArcFace points (112 x 112, scaled to the
  // size) by the least-squares similarity transform (Umeyama 1991).
  kArcface,
  // facenet-pytorch's extract_face: the box, widened by the margin, stretched onto the
  // square; keypoints are not used.
  kFacenet,
  // The keypoints onto AlignOptions::points, as for kArcface.
  kCustom,
};

struct AlignOptions {
  AlignTemplate kind = AlignTemplate::kArcface;
  // The crops' side in pixels, in [1, kMaxCropSize]; 0 picks the template's own (112 for
  // ArcFace and custom points, 160 for facenet).
  int size = 0;
  // Output pixels of context around the template's frame, in [0, size): the frame shrinks
  // to size - margin pixels, centred.
  double margin = 0;
  // kCustom: five points in Keypoint order, in output pixels (0-based pixel centres).
  std::array<std::array<double, 2>, kNumKeypoints> points{};
};

// The side AlignOptions::size 0 picks for a template.
int DefaultCropSize(AlignTemplate kind);
// The most pixels a crop's side may have.
inline constexpr int kMaxCropSize = 4096;

// An 8-bit RGBA image, rows packed.
struct RgbaImage {
  int width = 0, height = 0;
  std::vector<uint8_t> pixels;  // width * height * 4
};

// Throws kInvalidOption naming the first option out of range, or kResourceLimit when
// `faces` crops would hold more than kMaxImagePixels pixels in all (AlignFaces checks both
// too).
void ValidateAlignOptions(const AlignOptions& options, size_t faces = 0);

// One crop per face, in order: the image sampled bilinearly through the face's transform
// exactly as OpenCV's warpAffine(image, M, (size, size), INTER_LINEAR, BORDER_CONSTANT, 0)
// does (its fixed-point arithmetic: positions in 1/32 pixel, 15-bit weights), black where
// the crop leaves the image, alpha 255 throughout. Throws kInvalidImage for a bad view,
// kInvalidOption for options out of range or a face whose keypoints (or box, for kFacenet)
// are not finite or define no transform, naming the face, kResourceLimit for crops of more
// than kMaxImagePixels pixels in all.
std::vector<RgbaImage> AlignFaces(const ImageView& image, const std::vector<Face>& faces,
                                  const AlignOptions& options);

}  // namespace mtcnn
