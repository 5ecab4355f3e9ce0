// The trainer's libtorch networks hold the bundled weights exactly as the detector does:
// on the fixture inputs, their outputs equal our detector's (run as its own program, as the
// two cannot share a binary) within 1e-4, which proves the kernel layouts, the dense layers'
// flatten order and the natural (untransposed) input orientation. Export then import keeps
// every tensor bit for bit.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "cascade_proposals.h"
#include "networks.h"
#include "safetensors_file.h"
#include "test_util.h"

namespace mtcnn::train {
namespace {

using mtcnn_train_test::NativeBuildPath;
using mtcnn_train_test::RepoPath;

const mtcnn::Weights& Bundled() {
  static const mtcnn::Weights f = ReadWeightsFile(RepoPath("weights/mtcnn.safetensors"));
  return f;
}

const mtcnn::Weights& Fixtures() {
  static const mtcnn::Weights f = ReadWeightsFile(RepoPath("tests/fixtures/networks.safetensors"));
  return f;
}

const nlohmann::json& DetectorOutputs() {
  static const nlohmann::json j = nlohmann::json::parse(
      mtcnn_train_test::Run(NativeBuildPath("tests/native/mtcnn_dump_network_outputs")));
  return j;
}

torch::Tensor FixtureTensor(const std::string& name) {
  const mtcnn::Tensor& t = Fixtures().tensors().at(name);
  const std::vector<int64_t> shape(t.shape.begin(), t.shape.end());
  return torch::from_blob(const_cast<float*>(t.data.data()), shape).clone();
}

double MaxDiff(const torch::Tensor& ours, const nlohmann::json& theirs) {
  const torch::Tensor flat = ours.contiguous().view({-1});
  EXPECT_EQ(flat.size(0), static_cast<int64_t>(theirs.size()));
  double worst = 0;
  for (int64_t i = 0; i < flat.size(0) && i < static_cast<int64_t>(theirs.size()); ++i) {
    worst = std::max(worst, std::abs(flat[i].item<double>() - theirs[i].get<double>()));
  }
  return worst;
}

CascadeNet BundledNet(NetKind kind) {
  CascadeNet net(kind);
  ImportWeights(net, Bundled());
  net->eval();
  return net;
}

TEST(Networks, PnetEqualsTheDetectorOnTheFixtureLevel) {
  torch::NoGradGuard no_grad;
  CascadeNet pnet = BundledNet(NetKind::kPnet);
  // The uint8 pyramid level, normalised as the detector does, NCHW with H along image y.
  const torch::Tensor level = (FixtureTensor("pnet.input_u8") - 127.5) * 0.0078125;
  const NetOutput out = pnet->forward(level.permute({2, 0, 1}).unsqueeze(0));
  const nlohmann::json& d = DetectorOutputs()["pnet"];
  ASSERT_EQ(out.logits.size(2), d["map"][0].get<int64_t>());
  ASSERT_EQ(out.logits.size(3), d["map"][1].get<int64_t>());
  const torch::Tensor prob = torch::softmax(out.logits, 1)[0][1];  // [mh, mw]
  const torch::Tensor reg = out.box[0].permute({1, 2, 0});         // [mh, mw, 4]
  EXPECT_LT(MaxDiff(prob, d["prob_face"]), 1e-4);
  EXPECT_LT(MaxDiff(reg, d["reg"]), 1e-4);
}

void CheckCropNet(NetKind kind, const std::string& name, bool landmarks) {
  torch::NoGradGuard no_grad;
  CascadeNet net = BundledNet(kind);
  const torch::Tensor crops = FixtureTensor(name + ".input").permute({0, 3, 1, 2}).contiguous();
  const NetOutput out = net->forward(crops);
  const nlohmann::json& d = DetectorOutputs()[name];
  EXPECT_LT(MaxDiff(FaceProbability(out.logits), d["prob_face"]), 1e-4);
  EXPECT_LT(MaxDiff(out.box, d["reg"]), 1e-4);
  if (landmarks) EXPECT_LT(MaxDiff(out.landmarks, d["landmarks"]), 1e-4);
  // The fixture's outputs are the reference's; the detector is held to them in its own tests.
  EXPECT_LT(MaxDiff(FaceProbability(out.logits),
                    nlohmann::json(Fixtures().tensors().at(name + ".prob_face").data)),
            1e-4);
}

TEST(Networks, RnetEqualsTheDetectorOnTheFixtureCrops) {
  CheckCropNet(NetKind::kRnet, "rnet", false);
}
TEST(Networks, OnetEqualsTheDetectorOnTheFixtureCrops) {
  CheckCropNet(NetKind::kOnet, "onet", true);
}

TEST(Networks, ExportAfterImportIsBitIdentical) {
  TensorFile out;
  for (NetKind kind : {NetKind::kPnet, NetKind::kRnet, NetKind::kOnet}) {
    ExportWeights(BundledNet(kind), out);
  }
  ASSERT_EQ(out.size(), Bundled().tensors().size());
  for (const auto& [name, t] : Bundled().tensors()) {
    ASSERT_TRUE(out.count(name)) << name;
    EXPECT_EQ(out.at(name).shape, std::vector<int64_t>(t.shape.begin(), t.shape.end())) << name;
    EXPECT_EQ(out.at(name).data, t.data) << name;
  }
}

// `file` as the detector reads it, after a trip through the file system.
mtcnn::Weights Reread(const TensorFile& file, const std::string& name) {
  const std::string path = mtcnn_train_test::TempDir(name) + "/w.safetensors";
  WriteSafetensors(path, file, {});
  return ReadWeightsFile(path);
}

TensorFile BundledFile() {
  TensorFile out;
  for (NetKind kind : {NetKind::kPnet, NetKind::kRnet, NetKind::kOnet}) {
    ExportWeights(BundledNet(kind), out);
  }
  return out;
}

TEST(Networks, ImportNamesWhatIsMissingOrMisshapen) {
  TensorFile partial = BundledFile();
  partial.erase("rnet.fc4.weight");
  CascadeNet rnet(NetKind::kRnet);
  try {
    ImportWeights(rnet, Reread(partial, "partial"));
    FAIL() << "a file without rnet.fc4.weight was accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("rnet.fc4.weight"), std::string::npos) << e.what();
  }
  TensorFile wrong = BundledFile();
  wrong["onet.conv2.weight"].shape = {64, 32, 3, 3};  // OIHW instead of OHWI
  CascadeNet onet(NetKind::kOnet);
  EXPECT_THROW(ImportWeights(onet, Reread(wrong, "wrong")), std::runtime_error);
}

}  // namespace
}  // namespace mtcnn::train
