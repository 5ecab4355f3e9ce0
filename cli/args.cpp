#include "args.h"

#include <cmath>
#include <cstdlib>
#include <sstream>
#include <stdexcept>

namespace mtcnn_cli {
namespace {

double ParseNumber(const std::string& flag, const std::string& text) {
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size()) {
    throw std::invalid_argument(flag + " expects a number, got '" + text + "'");
  }
  return v;
}

int ParseInt(const std::string& flag, const std::string& text) {
  const double v = ParseNumber(flag, text);
  if (v != std::floor(v) || std::abs(v) > 1e9)
    throw std::invalid_argument(flag + " expects an integer, got '" + text + "'");
  return static_cast<int>(v);
}

// arcface, facenet, or five points as ten comma-separated numbers.
void ParseTemplate(const std::string& flag, const std::string& text, mtcnn::AlignOptions* o) {
  if (text == "arcface") {
    o->kind = mtcnn::AlignTemplate::kArcface;
    return;
  }
  if (text == "facenet") {
    o->kind = mtcnn::AlignTemplate::kFacenet;
    return;
  }
  std::stringstream ss(text);
  std::string part;
  std::vector<double> v;
  while (std::getline(ss, part, ',')) v.push_back(ParseNumber(flag, part));
  if (v.size() != 2 * mtcnn::kNumKeypoints) {
    throw std::invalid_argument(flag + " expects arcface, facenet or ten comma-separated numbers");
  }
  o->kind = mtcnn::AlignTemplate::kCustom;
  for (int k = 0; k < mtcnn::kNumKeypoints; ++k) o->points[k] = {v[2 * k], v[2 * k + 1]};
}

}  // namespace

const char* Usage() {
  return "usage: mtcnn-cli detect FILE... --json [--min-face-size N] [--thresholds a,b,c]\n"
         "                  [--scale-factor f] [--threads N] [--weights FILE.safetensors]\n"
         "                  [--max-memory-mb N] [--bench RUNS]\n"
         "                  [--refine-landmarks] [--lnet-weights FILE.safetensors]\n"
         "                  [--crops DIR] [--crop-size N] [--crop-margin M]\n"
         "                  [--crop-template arcface|facenet|x1,y1,...,x5,y5]\n";
}

Args ParseArgs(int argc, char** argv) {
  Args a;
  if (argc < 2 || std::string(argv[1]) != "detect")
    throw std::invalid_argument("expected the 'detect' command");
  for (int i = 2; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw std::invalid_argument(arg + " needs a value");
      return argv[++i];
    };
    if (arg == "--json") {
      a.json = true;
    } else if (arg == "--min-face-size") {
      a.config.detection.min_face_size = ParseNumber(arg, value());
    } else if (arg == "--scale-factor") {
      a.config.detection.scale_factor = ParseNumber(arg, value());
    } else if (arg == "--threads") {
      a.config.threads = ParseInt(arg, value());
    } else if (arg == "--weights") {
      a.weights = value();
    } else if (arg == "--max-memory-mb") {
      a.config.max_memory_mb = ParseNumber(arg, value());
    } else if (arg == "--refine-landmarks") {
      a.config.detection.refine_landmarks = true;
    } else if (arg == "--lnet-weights") {
      a.lnet_weights = value();
    } else if (arg == "--crops") {
      a.crops_dir = value();
    } else if (arg == "--crop-size") {
      a.align.size = ParseInt(arg, value());
    } else if (arg == "--crop-margin") {
      a.align.margin = ParseNumber(arg, value());
    } else if (arg == "--crop-template") {
      ParseTemplate(arg, value(), &a.align);
    } else if (arg == "--bench") {
      a.bench_runs = ParseInt(arg, value());
    } else if (arg == "--thresholds") {
      std::stringstream ss(value());
      std::string part;
      std::vector<double> t;
      while (std::getline(ss, part, ',')) t.push_back(ParseNumber(arg, part));
      if (t.size() != 3)
        throw std::invalid_argument("--thresholds expects three comma-separated numbers");
      for (int k = 0; k < 3; ++k) a.config.detection.thresholds[k] = t[k];
    } else if (arg.rfind("--", 0) == 0) {
      throw std::invalid_argument("unknown option " + arg);
    } else {
      a.files.push_back(arg);
    }
  }
  if (a.files.empty()) throw std::invalid_argument("no image files given");
  return a;
}

}  // namespace mtcnn_cli
