#include "training_run.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>

#include "annotations.h"
#include "loss_curve_svg.h"
#include "progress_bar.h"
#include "safetensors_file.h"

namespace mtcnn::train {
namespace {

namespace fs = std::filesystem;

nlohmann::json EvaluationJson(const Evaluation& e) {
  return {{"detection_loss", e.detection}, {"box_loss", e.box},      {"landmark_loss", e.landmarks},
          {"total_loss", e.total},         {"accuracy", e.accuracy}, {"classified", e.classified}};
}

nlohmann::json CountsJson(const SampleSet& s) {
  nlohmann::json j = nlohmann::json::object();
  for (int k = 0; k < kNumSampleKinds; ++k) {
    j[SampleKindName(static_cast<SampleKind>(k))] = s.Count(static_cast<SampleKind>(k));
  }
  return j;
}

// The net's samples from `annotations`, mined once and then kept in the work folder.
SampleSet Samples(NetKind net, const std::vector<AnnotatedImage>& annotations,
                  const MiningOptions& mining, const UpstreamNets& upstream, const fs::path& file,
                  const char* what) {
  if (fs::exists(file)) return LoadSamples(file.string());
  ProgressBar bar(std::string("mining ") + NetName(net) + " " + what + " samples",
                  static_cast<int64_t>(annotations.size()));
  MiningCounts counts;
  SampleSet samples = MineSamples(net, annotations, mining, upstream, &counts,
                                  [&](int done, int) { bar.Update(done, ""); });
  char detail[160];
  std::snprintf(
      detail, sizeof detail,
      "%lld negatives, %lld positives, %lld part, %lld landmark (%lld from the cascade)",
      static_cast<long long>(counts.by_kind[0]), static_cast<long long>(counts.by_kind[1]),
      static_cast<long long>(counts.by_kind[2]), static_cast<long long>(counts.by_kind[3]),
      static_cast<long long>(counts.cascade_windows));
  bar.Finish(detail);
  SaveSamples(samples, file.string());
  return samples;
}

void WriteCurves(NetKind net, const TrainHistory& h, const fs::path& file) {
  const size_t window = std::max<size_t>(1, h.batches_per_epoch / 10);
  const char* names[4] = {"total", "detection", "box", "landmark"};
  const char* colors[4] = {"#222222", "#d62728", "#1f77b4", "#2ca02c"};
  std::vector<LossSeries> series;
  for (int k = 0; k < 4; ++k) {
    std::vector<double> values;
    LossSeries s{names[k], colors[k], {}, {}, false};
    for (size_t i = 0; i < h.batches.size(); ++i) {
      values.push_back(h.batches[i][k]);
      s.x.push_back(static_cast<double>(i + 1) / h.batches_per_epoch);
    }
    s.y = RunningMean(values, window);
    series.push_back(std::move(s));
  }
  if (!h.validation.empty()) {
    LossSeries v{"validation total", "#ff7f0e", {}, {}, true};
    for (size_t e = 0; e < h.validation.size(); ++e) {
      v.x.push_back(static_cast<double>(e + 1));
      v.y.push_back(h.validation[e].total);
    }
    series.push_back(std::move(v));
  }
  WriteLossCurveSvg(file.string(), std::string(NetName(net)) + " training loss", series);
}

}  // namespace

void RunTraining(const RunOptions& options) {
  // Before hours of training, not after: the output's folder must be there.
  const fs::path out_dir = fs::absolute(options.out).parent_path();
  if (!fs::is_directory(out_dir)) {
    throw std::runtime_error("the folder of --out, " + out_dir.string() + ", does not exist");
  }
  const fs::path work = options.workdir;
  fs::create_directories(work);
  std::optional<mtcnn::Weights> init;
  if (options.init == "bundled") {
    init = ReadWeightsFile(options.bundled_weights);
  } else if (options.init != "scratch") {
    init = ReadWeightsFile(options.init);
  }
  std::map<NetKind, CascadeNet> nets;
  for (NetKind kind : {NetKind::kPnet, NetKind::kRnet, NetKind::kOnet}) {
    CascadeNet net(kind);
    if (init) ImportWeights(net, *init);
    net->eval();
    nets.emplace(kind, net);
  }
  const std::vector<AnnotatedImage> train_images = ReadAnnotations(options.data);
  // Validation windows are drawn apart from the training ones.
  MiningOptions validation_mining = options.mining;
  validation_mining.seed += 7919;
  std::vector<AnnotatedImage> val_images;
  if (!options.validation.empty()) val_images = ReadAnnotations(options.validation);

  nlohmann::json summary = {{"data", options.data},
                            {"validation", options.validation},
                            {"init", options.init},
                            {"nets", nlohmann::json::object()}};
  for (NetKind kind : {NetKind::kPnet, NetKind::kRnet, NetKind::kOnet}) {
    if (std::find(options.nets.begin(), options.nets.end(), kind) == options.nets.end()) continue;
    const std::string name = NetName(kind);
    const UpstreamNets upstream{&nets.at(NetKind::kPnet), &nets.at(NetKind::kRnet)};
    auto trained_here = [&](NetKind k) {
      return std::find(options.nets.begin(), options.nets.end(), k) != options.nets.end();
    };
    if (!init && ((kind != NetKind::kPnet && !trained_here(NetKind::kPnet)) ||
                  (kind == NetKind::kOnet && !trained_here(NetKind::kRnet)))) {
      std::fprintf(stderr,
                   "warning: %s's samples are mined with untrained nets before it (--init scratch "
                   "without them in --nets)\n",
                   name.c_str());
    }
    const SampleSet train = Samples(kind, train_images, options.mining, upstream,
                                    work / (name + ".train.samples"), "training");
    std::optional<SampleSet> val;
    if (!val_images.empty()) {
      val = Samples(kind, val_images, validation_mining, upstream,
                    work / (name + ".validation.samples"), "validation");
    }
    CascadeNet& net = nets.at(kind);
    nlohmann::json record = {{"training_samples", CountsJson(train)}};
    if (val) {
      record["validation_samples"] = CountsJson(*val);
      record["validation_before"] = EvaluationJson(Evaluate(net, *val, 512));
    }
    const TrainHistory history = TrainNet(net, train, val ? &*val : nullptr, options.train,
                                          (work / (name + ".checkpoint")).string());
    const fs::path curve = work / (name + ".loss.svg");
    WriteCurves(kind, history, curve);
    std::fprintf(stderr, "%s: loss curve in %s\n", name.c_str(), curve.c_str());
    if (!history.validation.empty()) {
      record["validation_after"] = EvaluationJson(history.validation.back());
    }
    record["batches"] = history.batches.size();
    summary["nets"][name] = record;
  }
  // Every net is exported, trained or not, so the file holds exactly the detector's tensors.
  TensorFile out;
  std::string trained;
  for (auto& [kind, net] : nets) ExportWeights(net, out);
  for (NetKind kind : options.nets)
    trained += std::string(trained.empty() ? "" : ",") + NetName(kind);
  WriteSafetensors(options.out, out,
                   {{"format", "mtcnn-wasm-weights-v1"},
                    {"model", "MTCNN P-Net/R-Net/O-Net trained by mtcnn-wasm's train/"},
                    {"init", options.init},
                    {"trained", trained},
                    {"epochs", std::to_string(options.train.epochs)},
                    {"data", fs::path(options.data).filename().string()}});
  std::ofstream(work / "summary.json") << summary.dump(2) << "\n";
  std::fprintf(stderr, "weights written to %s (summary in %s)\n", options.out.c_str(),
               (work / "summary.json").c_str());
}

}  // namespace mtcnn::train
