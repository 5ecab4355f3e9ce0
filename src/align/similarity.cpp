#include "align/similarity.h"

#include <cmath>
#include <cstddef>

namespace mtcnn {
namespace {

Point2 Mean(const std::vector<Point2>& points) {
  Point2 m{0, 0};
  for (const Point2& p : points) {
    m[0] += p[0];
    m[1] += p[1];
  }
  const double n = static_cast<double>(points.size());
  return {m[0] / n, m[1] / n};
}

}  // namespace

std::optional<Affine> FitSimilarity(const std::vector<Point2>& from,
                                    const std::vector<Point2>& to) {
  if (from.empty() || from.size() != to.size()) return std::nullopt;
  const Point2 mf = Mean(from), mt = Mean(to);
  double spread = 0, dot = 0, cross = 0;
  for (size_t i = 0; i < from.size(); ++i) {
    const double ax = from[i][0] - mf[0], ay = from[i][1] - mf[1];
    const double bx = to[i][0] - mt[0], by = to[i][1] - mt[1];
    spread += ax * ax + ay * ay;
    dot += ax * bx + ay * by;
    cross += ax * by - ay * bx;
  }
  if (!(spread > 0) || !std::isfinite(spread) || !std::isfinite(dot) || !std::isfinite(cross))
    return std::nullopt;
  const double p = dot / spread, q = cross / spread;
  const Affine m{p, -q, mt[0] - (p * mf[0] - q * mf[1]), q, p, mt[1] - (q * mf[0] + p * mf[1])};
  for (double v : m) {
    if (!std::isfinite(v)) return std::nullopt;
  }
  return m;
}

}  // namespace mtcnn
