// The least-squares similarity transform (rotation, uniform scale, translation; no
// reflection) taking points `from` onto points `to`: Umeyama's (1991) solution, which in
// two dimensions has a closed form. With a = from - mean(from) and b = to - mean(to), the
// matrix [p -q; q p] minimising sum |b - [p -q; q p] a|^2 is p = sum(a . b) / sum(|a|^2),
// q = sum(a x b) / sum(|a|^2); Umeyama's rotation and scale give the same matrix.
#pragma once

#include <optional>
#include <vector>

#include "align/affine.h"

namespace mtcnn {

// None when the `from` points all coincide or a value is not finite.
std::optional<Affine> FitSimilarity(const std::vector<Point2>& from, const std::vector<Point2>& to);

}  // namespace mtcnn
