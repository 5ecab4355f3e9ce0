// SPEC.md's output contract as JSON.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "mtcnn/results.h"

namespace mtcnn_cli {

nlohmann::json FacesToJson(const std::vector<mtcnn::Face>& faces);

}  // namespace mtcnn_cli
