// A 2 x 3 affine map of pixel centres, dst = A * src + t, stored row-major as OpenCV's M:
// [a, b, tx, c, d, ty].
#pragma once

#include <array>

namespace mtcnn {

using Affine = std::array<double, 6>;
using Point2 = std::array<double, 2>;

}  // namespace mtcnn
