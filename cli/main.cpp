// mtcnn-cli: the native command-line tool. `mtcnn-cli detect FILE... --json` prints
// [{"file", "width", "height", "faces": [...]}] (SPEC.md); --bench N prints per-stage
// median timings to stderr.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <optional>
#include <stdexcept>

#include "args.h"
#include "face_json.h"
#include "image_file.h"
#include "mtcnn/align.h"
#include "mtcnn/detector.h"

namespace {

std::vector<uint8_t> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw mtcnn::Error(mtcnn::ErrorKind::kInvalidWeights, "cannot open " + path);
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), {});
}

// DIR/<stem>_<i>.png for each face i of `file`.
void WriteCrops(const std::string& dir, const std::string& file, const mtcnn_cli::RgbImage& img,
                const std::vector<mtcnn::Face>& faces, const mtcnn::AlignOptions& options) {
  const std::vector<mtcnn::RgbaImage> crops = mtcnn::AlignFaces(img.view(), faces, options);
  const std::string stem = std::filesystem::path(file).stem().string();
  for (size_t i = 0; i < crops.size(); ++i) {
    mtcnn_cli::WritePngFile(
        (std::filesystem::path(dir) / (stem + "_" + std::to_string(i) + ".png")).string(),
        crops[i]);
  }
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

double P90(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[std::min(v.size() - 1, static_cast<size_t>(0.9 * v.size()))];
}

void Bench(mtcnn::Detector* det, const mtcnn::ImageView& img, int runs, const std::string& file) {
  std::vector<double> input, pyramid, pnet, crops, rnet, onet, nms, idle, total;
  nlohmann::json work;
  det->Detect(img);  // warm-up: operator shapes, buffers
  for (int r = 0; r < runs; ++r) {
    det->Detect(img);
    const mtcnn::StageTimings& t = det->last_timings();
    input.push_back(t.input);
    pyramid.push_back(t.pyramid);
    pnet.push_back(t.pnet);
    crops.push_back(t.crops);
    rnet.push_back(t.rnet);
    onet.push_back(t.onet);
    work = {{"levels", t.levels}, {"rnet_crops", t.rnet_crops}, {"onet_crops", t.onet_crops}};
    nms.push_back(t.nms);
    idle.push_back(t.pnet_idle + t.rnet_idle + t.onet_idle);
    total.push_back(t.total);
  }
  const double other = Median(total) - Median(input) - Median(pyramid) - Median(pnet) -
                       Median(crops) - Median(rnet) - Median(onet) - Median(nms);
  const int threads = det->config().threads;
  std::fprintf(stderr,
               "%s: %d runs, %d threads, median ms: total %.2f | input %.2f  pyramid %.2f  pnet "
               "%.2f  crops %.2f  "
               "rnet %.2f  onet %.2f  nms %.2f  other %.2f\n",
               file.c_str(), runs, threads, Median(total), Median(input), Median(pyramid),
               Median(pnet), Median(crops), Median(rnet), Median(onet), Median(nms), other);
  // Then as many runs with every layer timed (apart: the timers cost a little), for the
  // efficiency figures: per layer, the median of its time per detection and its work.
  mtcnn::Config profiled = det->config();
  profiled.profile_layers = true;
  det->Reconfigure(profiled);
  std::vector<std::string> names;
  std::map<std::string, std::vector<double>> layer_ms;
  std::map<std::string, double> layer_flops;
  std::vector<double> profiled_total;
  for (int r = 0; r < runs; ++r) {
    det->Detect(img);
    profiled_total.push_back(det->last_timings().total);
    for (const mtcnn::LayerTiming& t : det->last_layer_timings()) {
      if (!layer_ms.count(t.layer)) names.push_back(t.layer);
      layer_ms[t.layer].push_back(t.ms);
      layer_flops[t.layer] = t.flops;
    }
  }
  profiled.profile_layers = false;
  det->Reconfigure(profiled);
  nlohmann::json layers = nlohmann::json::array();
  for (const std::string& name : names) {
    layers.push_back(
        {{"layer", name}, {"ms", Median(layer_ms[name])}, {"flops", layer_flops[name]}});
  }
  // The same as one JSON line, for bench/run.mjs.
  const nlohmann::json j = {{"file", file},
                            {"runs", runs},
                            {"layers", layers},
                            {"layers_total", Median(profiled_total)},
                            {"threads", threads},
                            {"median", Median(total)},
                            {"p90", P90(total)},
                            {"work", work},
                            {"stages",
                             {{"input", Median(input)},
                              {"pyramid", Median(pyramid)},
                              {"pnet", Median(pnet)},
                              {"crops", Median(crops)},
                              {"rnet", Median(rnet)},
                              {"onet", Median(onet)},
                              {"nms", Median(nms)},
                              {"idle", Median(idle)}}}};
  std::fprintf(stderr, "BENCH_JSON %s\n", j.dump().c_str());
}

}  // namespace

int main(int argc, char** argv) {
  mtcnn_cli::Args args;
  try {
    args = mtcnn_cli::ParseArgs(argc, argv);
  } catch (const std::invalid_argument& e) {
    std::fprintf(stderr, "mtcnn-cli: %s\n%s", e.what(), mtcnn_cli::Usage());
    return 2;
  }
  try {
    std::vector<uint8_t> custom;
    std::optional<mtcnn::WeightsFile> weights;
    if (!args.weights.empty()) {
      custom = ReadFile(args.weights);
      weights = mtcnn::WeightsFile{custom.data(), custom.size()};
    }
    std::vector<uint8_t> lnet_bytes;
    std::optional<mtcnn::WeightsFile> lnet;
    if (args.config.detection.refine_landmarks || !args.lnet_weights.empty()) {
      lnet_bytes = ReadFile(args.lnet_weights.empty() ? MTCNN_LNET_WEIGHTS : args.lnet_weights);
      lnet = mtcnn::WeightsFile{lnet_bytes.data(), lnet_bytes.size()};
    }
    if (!args.crops_dir.empty()) {
      mtcnn::ValidateAlignOptions(args.align);
      std::filesystem::create_directories(args.crops_dir);
    }
    mtcnn::Detector detector(args.config, weights, lnet);
    // A file that fails gets {"file", "error": {name, message}}; the others are still done,
    // and the exit status is 1.
    nlohmann::json results = nlohmann::json::array();
    bool failed = false;
    for (const std::string& file : args.files) {
      try {
        const mtcnn_cli::RgbImage img = mtcnn_cli::ReadImageFile(file);
        if (args.bench_runs > 0) Bench(&detector, img.view(), args.bench_runs, file);
        const std::vector<mtcnn::Face> faces = detector.Detect(img.view());
        if (!args.crops_dir.empty()) WriteCrops(args.crops_dir, file, img, faces, args.align);
        results.push_back({{"file", file},
                           {"width", img.width},
                           {"height", img.height},
                           {"faces", mtcnn_cli::FacesToJson(faces)}});
      } catch (const mtcnn::Error& e) {
        failed = true;
        results.push_back(
            {{"file", file},
             {"error", {{"name", mtcnn::ErrorKindName(e.kind())}, {"message", e.what()}}}});
        std::fprintf(stderr, "mtcnn-cli: %s: %s: %s\n", file.c_str(),
                     mtcnn::ErrorKindName(e.kind()), e.what());
      }
    }
    std::cout << (args.json ? results.dump() : results.dump(1)) << "\n";
    return failed ? 1 : 0;
  } catch (const mtcnn::Error& e) {
    // Weights or options: nothing was detected.
    std::fprintf(stderr, "mtcnn-cli: %s: %s\n", mtcnn::ErrorKindName(e.kind()), e.what());
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "mtcnn-cli: %s\n", e.what());
    return 1;
  }
}
