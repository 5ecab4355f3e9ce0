#include "align/templates.h"

#include <cmath>
#include <vector>

#include "align/similarity.h"

namespace mtcnn {
namespace {

// facenet-pytorch's extract_face: the box [x1, x1 + w] x [y1, y1 + h], read as the edges
// of a PIL crop and widened by margin * side / (size - margin), stretched edge to edge onto
// the crop. In pixel centres (an edge coordinate less one half) on each axis:
// dst = (src + 0.5 - left) * size / extent - 0.5.
std::optional<Affine> FacenetTransform(const Face& face, double margin, int size) {
  const double x1 = face.box[0], y1 = face.box[1], w = face.box[2], h = face.box[3];
  for (double v : face.box) {
    if (!std::isfinite(v)) return std::nullopt;
  }
  if (!(w > 0) || !(h > 0)) return std::nullopt;
  const double mx = margin * w / (size - margin), my = margin * h / (size - margin);
  const double left = x1 - mx / 2, top = y1 - my / 2;
  const double sx = size / (w + mx), sy = size / (h + my);
  return Affine{sx, 0, (0.5 - left) * sx - 0.5, 0, sy, (0.5 - top) * sy - 0.5};
}

}  // namespace

std::optional<Affine> CropTransform(const Face& face, const AlignOptions& options, int size) {
  if (options.kind == AlignTemplate::kFacenet) return FacenetTransform(face, options.margin, size);
  // The template's frame shrinks to size - margin pixels, centred.
  const double frame = (size - options.margin) / size, offset = options.margin / 2;
  std::vector<Point2> from, to;
  for (int k = 0; k < kNumKeypoints; ++k) {
    from.push_back({face.keypoints[k][0], face.keypoints[k][1]});
    Point2 p = options.kind == AlignTemplate::kArcface
                   ? Point2{kArcfacePoints[k][0] * size / 112, kArcfacePoints[k][1] * size / 112}
                   : options.points[k];
    to.push_back({p[0] * frame + offset, p[1] * frame + offset});
  }
  return FitSimilarity(from, to);
}

}  // namespace mtcnn
