// mtcnn/align.h: the options checked, the caller's image packed as RGB, then a transform and
// a warp per face.
#include <cmath>
#include <string>

#include "align/templates.h"
#include "align/warp_affine.h"
#include "imaging/image.h"
#include "imaging/pack_rgb.h"
#include "mtcnn/align.h"
#include "mtcnn/errors.h"

namespace mtcnn {
namespace {

void CheckOptions(const AlignOptions& o, int size, size_t faces) {
  const auto invalid = [](const std::string& message) {
    throw Error(ErrorKind::kInvalidOption, message);
  };
  if (size < 1 || size > kMaxCropSize) {
    invalid("size must be an integer in [1, " + std::to_string(kMaxCropSize) + "], got " +
            std::to_string(o.size));
  }
  if (!(o.margin >= 0 && o.margin < size)) {
    invalid("margin must be in [0, size) = [0, " + std::to_string(size) + "), got " +
            std::to_string(o.margin));
  }
  if (o.kind == AlignTemplate::kCustom) {
    for (const auto& p : o.points) {
      if (!std::isfinite(p[0]) || !std::isfinite(p[1]))
        invalid("template points must be finite numbers");
    }
  }
  const double pixels = static_cast<double>(faces) * size * size;
  if (pixels > static_cast<double>(kMaxImagePixels)) {
    throw Error(ErrorKind::kResourceLimit, std::to_string(faces) + " crops of " +
                                               std::to_string(size) + "x" + std::to_string(size) +
                                               " pixels exceed the limit of " +
                                               std::to_string(kMaxImagePixels) + " pixels in all");
  }
}

}  // namespace

int DefaultCropSize(AlignTemplate kind) { return kind == AlignTemplate::kFacenet ? 160 : 112; }

void ValidateAlignOptions(const AlignOptions& options, size_t faces) {
  CheckOptions(options, options.size == 0 ? DefaultCropSize(options.kind) : options.size, faces);
}

std::vector<RgbaImage> AlignFaces(const ImageView& image, const std::vector<Face>& faces,
                                  const AlignOptions& options) {
  const int size = options.size == 0 ? DefaultCropSize(options.kind) : options.size;
  CheckOptions(options, size, faces.size());
  ValidateView(image);
  CheckImageSize(image.width(), image.height(), "an image");
  std::vector<Affine> transforms;
  for (size_t i = 0; i < faces.size(); ++i) {
    const std::optional<Affine> m = CropTransform(faces[i], options, size);
    if (!m) {
      throw Error(ErrorKind::kInvalidOption,
                  "face " + std::to_string(i) +
                      (options.kind == AlignTemplate::kFacenet
                           ? ": its box must be finite with a positive width and height"
                           : ": its keypoints must be finite and not all at one point"));
    }
    transforms.push_back(*m);
  }
  std::vector<RgbaImage> crops(faces.size());
  if (faces.empty()) return crops;
  ImageU8 rgb;
  std::vector<uint8_t> staging;
  PackRgb(image, &rgb, &staging);
  for (size_t i = 0; i < faces.size(); ++i) {
    crops[i].width = crops[i].height = size;
    crops[i].pixels.resize(static_cast<size_t>(size) * size * 4);
    WarpAffineBilinear(rgb, transforms[i], size, crops[i].pixels.data());
  }
  return crops;
}

}  // namespace mtcnn
