#include "face_json.h"

namespace mtcnn_cli {

nlohmann::json FacesToJson(const std::vector<mtcnn::Face>& faces) {
  nlohmann::json out = nlohmann::json::array();
  for (const mtcnn::Face& f : faces) {
    nlohmann::json kp = nlohmann::json::object();
    for (int k = 0; k < mtcnn::kNumKeypoints; ++k) {
      kp[mtcnn::KeypointName(k)] = {static_cast<double>(f.keypoints[k][0]),
                                    static_cast<double>(f.keypoints[k][1])};
    }
    out.push_back({{"box", {f.box[0], f.box[1], f.box[2], f.box[3]}},
                   {"confidence", f.confidence},
                   {"keypoints", kp}});
  }
  return out;
}

}  // namespace mtcnn_cli
