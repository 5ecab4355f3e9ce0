// mtcnn-train: trains MTCNN's nets as the paper describes and writes weights the detector
// loads. scripts/train.sh builds and runs it; docs/training.md explains the options.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <sstream>

#include "training_run.h"

namespace {

std::vector<mtcnn::train::NetKind> ParseNets(const std::string& list) {
  using mtcnn::train::NetKind;
  std::vector<NetKind> nets;
  std::stringstream in(list);
  for (std::string name; std::getline(in, name, ',');) {
    if (name == "pnet")
      nets.push_back(NetKind::kPnet);
    else if (name == "rnet")
      nets.push_back(NetKind::kRnet);
    else if (name == "onet")
      nets.push_back(NetKind::kOnet);
    else
      throw CLI::ValidationError("--nets", "'" + name + "' is not pnet, rnet or onet");
  }
  if (nets.empty()) throw CLI::ValidationError("--nets", "names no net");
  return nets;
}

mtcnn::train::ClassMix ParseMix(const std::string& text) {
  mtcnn::train::ClassMix mix{};
  char sep[3] = {0, 0, 0};
  if (std::sscanf(text.c_str(), "%lf%c%lf%c%lf%c%lf", &mix[0], &sep[0], &mix[1], &sep[1], &mix[2],
                  &sep[2], &mix[3]) != 7 ||
      sep[0] != ':' || sep[1] != ':' || sep[2] != ':') {
    throw CLI::ValidationError("--mix", "is not four numbers like 3:1:1:2");
  }
  for (double m : mix) {
    if (!(m >= 0)) throw CLI::ValidationError("--mix", "has a negative share");
  }
  return mix;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Trains MTCNN's P-Net, R-Net and O-Net and writes weights the detector loads."};
  mtcnn::train::RunOptions o;
  std::string nets = "pnet,rnet,onet", mix = "3:1:1:2";
  int threads = 2;
  bool no_ohem = false;
  o.bundled_weights = MTCNN_BUNDLED_WEIGHTS;
  app.add_option("--data", o.data, "training annotations, JSON Lines")
      ->required()
      ->check(CLI::ExistingFile);
  app.add_option("--val", o.validation, "validation annotations, JSON Lines")
      ->check(CLI::ExistingFile);
  app.add_option("--init", o.init, "bundled, scratch or a weights file")->required();
  app.add_option("--nets", nets, "the nets to train, in any order (trained pnet, rnet, onet)");
  app.add_option("--epochs", o.train.epochs, "epochs per net")
      ->required()
      ->check(CLI::Range(1, 100000));
  app.add_option("--out", o.out, "the weights file to write (.safetensors)")->required();
  app.add_option("--workdir", o.workdir, "samples, checkpoints, loss curves (default: OUT.work)");
  app.add_option("--batch-size", o.train.batch_size, "samples per batch")
      ->check(CLI::Range(8, 65536));
  app.add_option("--lr", o.train.learning_rate, "SGD learning rate")->check(CLI::PositiveNumber);
  app.add_option("--momentum", o.train.momentum, "SGD momentum")->check(CLI::Range(0.0, 1.0));
  app.add_option("--weight-decay", o.train.weight_decay)->check(CLI::NonNegativeNumber);
  app.add_option("--hard-fraction", o.train.hard_fraction,
                 "online hard sample mining: the hardest fraction of classification losses kept")
      ->check(CLI::Range(0.01, 1.0));
  app.add_flag("--no-ohem", no_ohem, "keep every classification loss (--hard-fraction 1)");
  app.add_option("--mix", mix, "negatives:positives:part:landmark samples per batch");
  app.add_option("--seed", o.train.seed, "random seed of mining and batches");
  app.add_option("--threads", threads, "libtorch threads")->check(CLI::Range(1, 64));
  app.add_option("--min-face-size", o.mining.proposals.min_face_size,
                 "the cascade's smallest face when mining R-Net and O-Net samples")
      ->check(CLI::Range(4.0, 1e6));
  app.add_option("--negatives-per-image", o.mining.random.anywhere,
                 "random windows anywhere in each image")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--windows-per-face", o.mining.random.around_face,
                 "random windows around each face")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--landmark-windows-per-face", o.mining.random.landmark_face,
                 "landmark-face windows around each face with keypoints")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--cascade-negatives-per-image", o.mining.cascade_negatives_per_image,
                 "hard negatives kept per image from the cascade's windows")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--low-resolution-fraction", o.mining.low_resolution_fraction,
                 "the share of random windows cropped through a lower resolution")
      ->check(CLI::Range(0.0, 1.0));
  try {
    app.parse(argc, argv);
    o.nets = ParseNets(nets);
    o.train.mix = ParseMix(mix);
    if (no_ohem) o.train.hard_fraction = 1;
  } catch (const CLI::ParseError& e) {
    // --help exits 0; bad arguments exit 2, as the detector's CLIs do.
    return app.exit(e) == 0 ? 0 : 2;
  }
  if (o.workdir.empty()) o.workdir = o.out + ".work";
  o.mining.seed = o.train.seed;
  torch::set_num_threads(threads);
  torch::manual_seed(o.train.seed);  // the nets' initial weights
  try {
    mtcnn::train::RunTraining(o);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "mtcnn-train: %s\n", e.what());
    return 1;
  }
  return 0;
}
