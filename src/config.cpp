#include "config.h"

#include <cmath>
#include <sstream>
#include <string>

namespace mtcnn {
namespace {

[[noreturn]] void Fail(const std::string& what, double value, const char* rule) {
  std::ostringstream s;
  s.precision(17);
  s << what << " must be " << rule << ", got " << value;
  throw Error(ErrorKind::kInvalidOption, s.str());
}

}  // namespace

void ValidateConfig(const Config& config) {
  const DetectionOptions& o = config.detection;
  if (!(o.min_face_size >= 1) || !std::isfinite(o.min_face_size)) {
    Fail("min_face_size", o.min_face_size, "a finite number >= 1");
  }
  for (int i = 0; i < 3; ++i) {
    const double t = o.thresholds[i];
    if (!(t >= 0 && t <= 1)) Fail("thresholds[" + std::to_string(i) + "]", t, "in [0, 1]");
  }
  if (!(o.scale_factor > 0 && o.scale_factor < 1))
    Fail("scale_factor", o.scale_factor, "in (0, 1)");
  if (config.threads < 1 || config.threads > kMaxThreads) {
    Fail("threads", config.threads,
         ("an integer in [1, " + std::to_string(kMaxThreads) + "]").c_str());
  }
  if (!(config.max_memory_mb >= 1)) {
    Fail("max_memory_mb", config.max_memory_mb, "a number >= 1 (or infinity)");
  }
  const VideoOptions& v = config.video;
  if (!(v.full_scan_interval_ms >= 0)) {
    Fail("video.full_scan_interval_ms", v.full_scan_interval_ms, "a number >= 0");
  }
  if (v.max_missed_frames < 0)
    Fail("video.max_missed_frames", v.max_missed_frames, "an integer >= 0");
  if (!(v.min_cutoff > 0) || !std::isfinite(v.min_cutoff)) {
    Fail("video.min_cutoff", v.min_cutoff, "a finite number > 0");
  }
  if (!(v.beta >= 0) || !std::isfinite(v.beta)) Fail("video.beta", v.beta, "a finite number >= 0");
  if (!(v.d_cutoff > 0) || !std::isfinite(v.d_cutoff)) {
    Fail("video.d_cutoff", v.d_cutoff, "a finite number > 0");
  }
}

}  // namespace mtcnn
