// Mining, training and exporting end to end on one annotated fixture image (dlib's
// 2007_007763, seven faces with five points each).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "annotations.h"
#include "net_trainer.h"
#include "safetensors_file.h"
#include "sample_mining.h"
#include "test_util.h"

namespace mtcnn::train {
namespace {

using mtcnn_train_test::NativeBuildPath;
using mtcnn_train_test::RepoPath;
using mtcnn_train_test::Run;
using mtcnn_train_test::TempDir;

const std::vector<AnnotatedImage>& Fixture() {
  static const std::vector<AnnotatedImage> a =
      ReadAnnotations(RepoPath("train/tests/fixtures/dlib_2007_007763.jsonl"));
  return a;
}

TEST(Annotations, ReadsTheDetectorsShape) {
  ASSERT_EQ(Fixture().size(), 1u);
  const AnnotatedImage& image = Fixture()[0];
  EXPECT_TRUE(std::filesystem::exists(image.path)) << image.path;
  ASSERT_EQ(image.faces.size(), 7u);
  // [194, 90, 37, 37] is x1 = 194, x2 = 231 in the detector's convention.
  EXPECT_EQ(image.faces[0].box.x1, 194);
  EXPECT_EQ(image.faces[0].box.x2, 231);
  EXPECT_TRUE(image.faces[0].has_keypoints);
  EXPECT_DOUBLE_EQ(image.faces[0].keypoints[1][0], 217.17);
}

TEST(Annotations, NamesTheBadLine) {
  const std::string dir = TempDir("bad-annotations");
  const std::string file = dir + "/a.jsonl";
  std::ofstream(file) << "{\"image\": \"x.png\", \"faces\": []}\n{\"image\": \"y.png\", \"faces\": "
                         "[{\"box\": [1, 2, 3]}]}\n";
  try {
    ReadAnnotations(file);
    FAIL() << "a three-number box was accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("a.jsonl:2"), std::string::npos) << e.what();
  }
}

SampleSet MinePnet(uint64_t seed, MiningCounts* counts = nullptr) {
  MiningOptions o;
  o.seed = seed;
  return MineSamples(NetKind::kPnet, Fixture(), o, {}, counts, nullptr);
}

TEST(Mining, PnetSamplesOfEveryKind) {
  MiningCounts counts;
  const SampleSet s = MinePnet(3, &counts);
  ASSERT_EQ(s.images.sizes(), (std::vector<int64_t>{s.size(), 3, 12, 12}));
  for (int k = 0; k < kNumSampleKinds; ++k) {
    EXPECT_GT(counts.by_kind[k], 0) << SampleKindName(static_cast<SampleKind>(k));
    EXPECT_EQ(s.Count(static_cast<SampleKind>(k)), counts.by_kind[k]);
  }
  EXPECT_GT(counts.unused, 0);  // some windows fall in the unused IoU band
  EXPECT_EQ(counts.cascade_windows, 0);
  // Normalised pixels lie in [-1, 1].
  EXPECT_LE(s.images.abs().max().item<float>(), 1.0f);
  // Landmark targets lie inside their crops; negatives carry none.
  const torch::Tensor lmk =
      s.landmarks.index({s.kinds == static_cast<int64_t>(SampleKind::kLandmark)});
  EXPECT_GT(lmk.min().item<float>(), 0.0f);
  EXPECT_LT(lmk.max().item<float>(), 1.0f);
  const torch::Tensor neg = s.boxes.index({s.kinds == static_cast<int64_t>(SampleKind::kNegative)});
  EXPECT_EQ(neg.abs().sum().item<float>(), 0.0f);
  // The same seed mines the same samples.
  EXPECT_TRUE(torch::equal(s.images, MinePnet(3).images));
}

TEST(Mining, RnetAndOnetSamplesIncludeTheCascadesWindows) {
  CascadeNet pnet(NetKind::kPnet), rnet(NetKind::kRnet);
  const mtcnn::Weights bundled = ReadWeightsFile(RepoPath("weights/mtcnn.safetensors"));
  ImportWeights(pnet, bundled);
  ImportWeights(rnet, bundled);
  pnet->eval();
  rnet->eval();
  MiningOptions o;
  o.random.anywhere = 0;  // the cascade's windows only, and windows around faces
  MiningCounts r, on;
  const SampleSet rs = MineSamples(NetKind::kRnet, Fixture(), o, {&pnet, &rnet}, &r, nullptr);
  const SampleSet os = MineSamples(NetKind::kOnet, Fixture(), o, {&pnet, &rnet}, &on, nullptr);
  EXPECT_EQ(rs.images.size(2), 24);
  EXPECT_EQ(os.images.size(2), 48);
  // The bundled P-Net proposes many windows here; R-Net keeps about one per face.
  EXPECT_GT(r.cascade_windows, 50);
  EXPECT_GE(on.cascade_windows, 7);
  EXPECT_LT(on.cascade_windows, r.cascade_windows);
}

TEST(Training, ALossThatFalls) {
  torch::manual_seed(1);  // the nets' initial weights
  MiningOptions m;
  m.seed = 4;
  m.random = {150, 60, 20, 12};
  const SampleSet samples = MineSamples(NetKind::kPnet, Fixture(), m, {}, nullptr, nullptr);
  CascadeNet net(NetKind::kPnet);
  TrainOptions o;
  o.epochs = 10;
  o.batch_size = 64;
  o.learning_rate = 0.02;
  const std::string dir = TempDir("loss-falls");
  const TrainHistory h = TrainNet(net, samples, nullptr, o, dir + "/pnet.checkpoint");
  ASSERT_GE(h.batches.size(), 100u);
  auto mean = [&](size_t first, int term) {
    double s = 0;
    for (size_t i = first; i < first + 5; ++i) s += h.batches[i][term];
    return s / 5;
  };
  const size_t last = h.batches.size() - 5;
  EXPECT_LT(mean(last, 0), 0.6 * mean(0, 0)) << "total loss";
  EXPECT_LT(mean(last, 1), 0.9 * mean(0, 1)) << "classification loss";
  EXPECT_LT(mean(last, 2), mean(0, 2)) << "box loss";
}

TEST(Training, ResumingGivesTheUninterruptedRun) {
  const SampleSet samples = MinePnet(5);
  TrainOptions o;
  o.batch_size = 64;
  o.learning_rate = 0.02;
  const std::string dir = TempDir("resume");
  torch::manual_seed(1);
  CascadeNet a(NetKind::kPnet);
  torch::manual_seed(1);
  CascadeNet b(NetKind::kPnet);
  o.epochs = 2;
  const TrainHistory full = TrainNet(a, samples, nullptr, o, dir + "/a.checkpoint");
  o.epochs = 1;
  TrainNet(b, samples, nullptr, o, dir + "/b.checkpoint");
  // A new process: a fresh net, resumed from the checkpoint, asked for one more epoch.
  CascadeNet c(NetKind::kPnet);
  o.epochs = 2;
  const TrainHistory rest = TrainNet(c, samples, nullptr, o, dir + "/b.checkpoint");
  ASSERT_EQ(rest.batches.size(), full.batches.size());
  EXPECT_EQ(rest.batches.back(), full.batches.back());
  const auto pa = a->named_parameters(), pc = c->named_parameters();
  for (const auto& p : pa) EXPECT_TRUE(torch::equal(p.value(), pc[p.key()])) << p.key();
  // A finished run returns at once, as it was.
  CascadeNet d(NetKind::kPnet);
  EXPECT_EQ(TrainNet(d, samples, nullptr, o, dir + "/a.checkpoint").batches, full.batches);
}

std::string DetectJson(const std::string& weights) {
  return Run(NativeBuildPath("cli/mtcnn-cli") + " detect " +
             RepoPath("tests/fixtures/images/2007_007763.png") + " --json" +
             (weights.empty() ? "" : " --weights " + weights));
}

TEST(Export, TheDetectorLoadsWhatTheTrainerWrites) {
  const std::string dir = TempDir("export");
  const mtcnn::Weights bundled = ReadWeightsFile(RepoPath("weights/mtcnn.safetensors"));
  TensorFile out;
  CascadeNet pnet(NetKind::kPnet), rnet(NetKind::kRnet), onet(NetKind::kOnet);
  for (CascadeNet* net : {&pnet, &rnet, &onet}) {
    ImportWeights(*net, bundled);
    ExportWeights(*net, out);
  }
  WriteSafetensors(dir + "/same.safetensors", out, {{"format", "mtcnn-wasm-weights-v1"}});
  // Round trip: the same faces, to the last digit.
  const std::string faces = DetectJson("");
  EXPECT_NE(faces.find("\"box\""), std::string::npos);
  EXPECT_EQ(DetectJson(dir + "/same.safetensors"), faces);
  // A net trained a little gives other numbers, in a file the detector loads all the same.
  TrainOptions o;
  o.batch_size = 64;
  o.learning_rate = 0.05;
  TrainNet(pnet, MinePnet(6), nullptr, o, dir + "/pnet.checkpoint");
  ExportWeights(pnet, out);
  WriteSafetensors(dir + "/trained.safetensors", out, {});
  const std::string trained = DetectJson(dir + "/trained.safetensors");
  EXPECT_NE(trained, faces);
  EXPECT_EQ(trained.rfind("[", 0), 0u) << trained.substr(0, 200);
}

}  // namespace
}  // namespace mtcnn::train
