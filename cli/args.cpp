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

}  // namespace

const char* Usage() {
  return "usage: mtcnn-cli detect FILE... --json [--min-face-size N] [--thresholds a,b,c]\n"
         "                  [--scale-factor f] [--threads N] [--weights FILE.safetensors]\n"
         "                  [--max-memory-mb N] [--bench RUNS]\n";
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
