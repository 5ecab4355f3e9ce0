// Prints our detector's P-Net, R-Net and O-Net outputs on the fixture inputs
// (tests/fixtures/networks.safetensors) as JSON. The trainer's tests compare its libtorch
// networks with these: the trainer cannot link the XNNPACK detector (Debian's libtorch brings
// its own XNNPACK), so the detector's side runs as this separate program.
//
//   mtcnn_dump_network_outputs > outputs.json
#include <cstdio>
#include <nlohmann/json.hpp>

#include "cascade/crop_stage.h"
#include "nn/onet.h"
#include "nn/pnet.h"
#include "nn/rnet.h"
#include "runtime/thread_pool.h"
#include "unit_fixtures.h"

namespace {

nlohmann::json Heads(const mtcnn::NetOutput& out, bool landmarks) {
  nlohmann::json prob = nlohmann::json::array(), reg = nlohmann::json::array(),
                 lm = nlohmann::json::array();
  for (size_t i = 0; i < out.rows; ++i) {
    prob.push_back(out.FaceProbability(i));
    for (int k = 0; k < 4; ++k) reg.push_back(out.BoxOffsets(i)[k]);
    if (landmarks) {
      for (int k = 0; k < 5; ++k) lm.push_back(out.LandmarkX(i, k));
      for (int k = 0; k < 5; ++k) lm.push_back(out.LandmarkY(i, k));
    }
  }
  nlohmann::json j = {{"prob_face", prob}, {"reg", reg}};
  if (landmarks) j["landmarks"] = lm;
  return j;
}

template <typename Net>
nlohmann::json RunCrops(const std::string& prefix, bool landmarks, const mtcnn::ThreadPool& pool) {
  const mtcnn::Tensor& input = *mtcnn_test::NetworkFixtures().Find(prefix + ".input");
  const size_t n = input.shape[0], floats = Net::kInputSize * Net::kInputSize * 3;
  mtcnn::CropStage<Net> net(mtcnn_test::DefaultWeights(), 1);
  std::vector<float> buffer;
  mtcnn::NetOutput out;
  net.Run(
      n, pool.get(),
      [&](size_t, size_t first, size_t m, float* dst, pthreadpool_t) {
        std::copy(input.data.begin() + first * floats, input.data.begin() + (first + m) * floats,
                  dst);
      },
      &buffer, &out);
  return Heads(out, landmarks);
}

}  // namespace

int main() {
  mtcnn::InitializeXnnpack();
  mtcnn::ThreadPool pool(1);
  const mtcnn::Tensor& in_u8 = *mtcnn_test::NetworkFixtures().Find("pnet.input_u8");
  const size_t h = in_u8.shape[0], w = in_u8.shape[1];
  const std::vector<float> input = mtcnn_test::NormalizedPnetFixtureInput();
  mtcnn::Pnet pnet(mtcnn_test::DefaultWeights());
  mtcnn::NetOutput out;
  pnet.Run(input.data(), h, w, pool.get(), &out);
  nlohmann::json pnet_json = Heads(out, false);
  pnet_json["map"] = {mtcnn::Pnet::MapSize(h), mtcnn::Pnet::MapSize(w)};
  const nlohmann::json all = {{"pnet", pnet_json},
                              {"rnet", RunCrops<mtcnn::Rnet>("rnet", false, pool)},
                              {"onet", RunCrops<mtcnn::Onet>("onet", true, pool)}};
  std::printf("%s\n", all.dump().c_str());
  return 0;
}
