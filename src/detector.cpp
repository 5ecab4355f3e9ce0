#include "detector.h"

#include <algorithm>
#include <string>

#include "errors.h"
#include "memory_estimate.h"

namespace mtcnn {

Detector::Detector(const Weights& weights, const DetectionOptions& options, int threads)
    : options_((ValidateOptions(options), options)),
      pool_((ValidateThreads(threads), InitializeXnnpack(), threads)),
      pnet_stage_(weights, pool_.threads()),
      rnet_(weights, pool_.threads()),
      onet_(weights, pool_.threads()) {}

void Detector::set_options(const DetectionOptions& options) {
  ValidateOptions(options);
  options_ = options;
}

namespace {

std::string Mib(uint64_t bytes) { return std::to_string((bytes + (uint64_t{1} << 20) - 1) >> 20) + " MiB"; }

[[noreturn]] void OverLimit(uint64_t needed, uint64_t limit, const std::string& what) {
  throw Error(ErrorKind::kResourceLimit, what + " needs about " + Mib(needed) + " of working memory, over the limit of " +
                                             Mib(limit) +
                                             " (maxMemoryMB, --max-memory-mb); raise it or minFaceSize, or downscale the image");
}

}  // namespace

uint64_t Detector::Stage1Bytes(int width, int height, uint64_t held_bytes) const {
  const std::vector<PyramidLevel> levels =
      PyramidLevels(width, height, options_.min_face_size, options_.scale_factor);
  return held_bytes + PnetStageBytes(width, height, levels, threads()) + CropNetsBytes(threads());
}

uint64_t Detector::CheckMemory(int width, int height, uint64_t held_bytes) const {
  CheckImageSize(width, height, "an image");
  const uint64_t needed = Stage1Bytes(width, height, held_bytes);
  if (needed > memory_limit_) {
    OverLimit(needed, memory_limit_,
              "a " + std::to_string(width) + "x" + std::to_string(height) + " image at minFaceSize " +
                  std::to_string(static_cast<long long>(options_.min_face_size)) + " on " + std::to_string(threads()) +
                  " thread(s)");
  }
  return needed;
}

void Detector::CommitCropMemory(const ImageU8& rgb, const std::vector<Box>& boxes, int size) {
  const uint64_t needed = committed_bytes_ + CropStageBytes(boxes, size, rgb.width, rgb.height, threads());
  if (needed > memory_limit_) OverLimit(needed, memory_limit_, std::to_string(boxes.size()) + " crops of this image");
  committed_bytes_ = needed;
}

std::vector<Face> Detector::Detect(const ImageView& image) {
  if (image.width > 0 && image.height > 0) CheckMemory(image.width, image.height, 0);
  Stopwatch conversion;
  ToPackedRGB(image, &rgb_);
  return DetectConverted(&conversion);
}

std::vector<Face> Detector::DetectConverted(Stopwatch* conversion) {
  double convert_ms = 0;
  conversion->Lap(&convert_ms);
  std::vector<Face> faces = Detect(rgb_);
  timings_.input = convert_ms;
  timings_.total += convert_ms;
  return faces;
}

std::vector<Face> Detector::DetectRgbaRows(int width, int height,
                                           const std::function<void(int, int, uint8_t*)>& read_rows) {
  if (width <= 0 || height <= 0) {
    throw Error(ErrorKind::kInvalidImage, "image width and height must be positive, got " + std::to_string(width) +
                                              "x" + std::to_string(height));
  }
  constexpr size_t kStagingBytes = size_t{1} << 20;
  const int band = static_cast<int>(std::max<size_t>(1, kStagingBytes / (static_cast<size_t>(width) * 4)));
  CheckMemory(width, height, static_cast<uint64_t>(band) * width * 4);
  Stopwatch conversion;
  rgb_.Resize(width, height, 3);
  for (int y = 0; y < height; y += band) {
    const int rows = std::min(band, height - y);
    staging_.resize(static_cast<size_t>(rows) * width * 4);
    read_rows(y, rows, staging_.data());
    ToPackedRGBRows(ImageView{staging_.data(), width, rows, PixelFormat::kRGBA, 0}, y, &rgb_);
  }
  if (staging_.capacity() > kStagingBytes) std::vector<uint8_t>().swap(staging_);
  return DetectConverted(&conversion);
}

void Detector::set_layer_profiling(bool on) {
  layer_profiling_ = on;
  // One per thread (and per thread's networks), created before the networks are handed
  // pointers to them.
  layer_profiles_.assign(static_cast<size_t>(std::max(1, threads())), LayerProfile());
  std::vector<LayerProfile>* profiles = on ? &layer_profiles_ : nullptr;
  pnet_stage_.set_profile(profiles);
  rnet_.set_profile(profiles);
  onet_.set_profile(profiles);
}

std::vector<Face> Detector::Detect(const ImageU8& rgb) {
  StartThreads();
  timings_ = StageTimings();
  for (LayerProfile& profile : layer_profiles_) profile.Clear();
  Stopwatch total;
  Stopwatch watch;
  watch_ = &watch;
  committed_bytes_ = CheckMemory(rgb.width, rgb.height, 0);
  std::vector<Box> boxes = RunPnet(rgb, memory_limit_ - committed_bytes_);
  if (!boxes.empty()) boxes = RunRnet(rgb, std::move(boxes));
  std::vector<Face> faces;
  if (!boxes.empty()) faces = RunOnet(rgb, std::move(boxes));
  watch_ = nullptr;
  total.Lap(&timings_.total);
  return faces;
}

std::vector<Box> Detector::RunPnet(const ImageU8& rgb, uint64_t candidate_budget) {
  Stopwatch& watch = *watch_;
  double other = 0;
  watch.Lap(&other);
  std::vector<Box> total = pnet_stage_.Run(rgb, options_, pool_.get(), candidate_budget, &timings_);
  watch.Lap(&other);
  if (total.empty()) return total;
  total = Select(total, Nms(total, 0.7, NmsMethod::kUnion));
  watch.Lap(&timings_.nms);
  for (Box& b : total) {
    RegressPnet(&b);
    Square(&b);
    Truncate(&b);
  }
  return total;
}

template <typename Net>
bool Detector::RunCropStage(const ImageU8& rgb, const std::vector<Box>& boxes, CropNetRunner<Net>* net,
                            double* net_ms, double* idle_ms) {
  Stopwatch& watch = *watch_;
  double other = 0;
  watch.Lap(&other);
  if (!CropBuilder::Buildable(rgb, boxes)) return false;
  crops_.Reserve(static_cast<size_t>(threads()));
  const int size = static_cast<int>(Net::kInputSize);
  const auto build = [&](size_t thread, size_t first, size_t m, float* dst, pthreadpool_t split) {
    crops_.BuildRange(rgb, boxes, size, first, m, dst, thread, split);
  };
  CropStageTimes busy;
  net->Run(boxes.size(), pool_.get(), build, &input_, &out_, &busy);
  double wall = 0;
  watch.Lap(&wall);
  SplitWallTime(wall, busy.crops_ms, busy.net_ms, &timings_.crops, net_ms);
  *idle_ms += IdleTime(wall, boxes.size() > 1 ? threads() : 1, busy.crops_ms + busy.net_ms);
  crops_.Trim();
  return true;
}

std::vector<Box> Detector::RunRnet(const ImageU8& rgb, std::vector<Box> boxes) {
  Stopwatch& watch = *watch_;
  double other = 0;
  watch.Lap(&other);
  timings_.rnet_crops = static_cast<int>(boxes.size());
  CommitCropMemory(rgb, boxes, Rnet::kInputSize);
  if (!RunCropStage(rgb, boxes, &rnet_, &timings_.rnet, &timings_.rnet_idle)) return {};
  std::vector<Box> passed;
  std::vector<const float*> regs;
  for (size_t i = 0; i < boxes.size(); ++i) {
    const float score = out_.Face(i);
    if (!(score > static_cast<float>(options_.thresholds[1]))) continue;  // float32, as numpy
    Box b;
    b.x1 = boxes[i].x1;
    b.y1 = boxes[i].y1;
    b.x2 = boxes[i].x2;
    b.y2 = boxes[i].y2;
    b.score = score;
    regs.push_back(out_.Head(i) + 2);
    passed.push_back(b);
  }
  watch.Lap(&other);
  if (passed.empty()) return passed;
  const std::vector<int> picks = Nms(passed, 0.7, NmsMethod::kUnion);
  watch.Lap(&timings_.nms);
  std::vector<Box> out;
  out.reserve(picks.size());
  for (int p : picks) {
    Box b = passed[p];
    Regress(&b, regs[p]);
    Square(&b);
    out.push_back(b);
  }
  return out;
}

std::vector<Face> Detector::RunOnet(const ImageU8& rgb, std::vector<Box> boxes) {
  Stopwatch& watch = *watch_;
  double other = 0;
  for (Box& b : boxes) Truncate(&b);
  watch.Lap(&other);
  timings_.onet_crops = static_cast<int>(boxes.size());
  CommitCropMemory(rgb, boxes, Onet::kInputSize);
  if (!RunCropStage(rgb, boxes, &onet_, &timings_.onet, &timings_.onet_idle)) return {};
  std::vector<Box> passed;
  std::vector<Face> faces;
  for (size_t i = 0; i < boxes.size(); ++i) {
    const float score = out_.Face(i);
    if (!(score > static_cast<float>(options_.thresholds[2]))) continue;  // float32, as numpy
    Box b = boxes[i];
    b.score = score;
    Face f;
    const double w = b.x2 - b.x1 + 1;
    const double h = b.y2 - b.y1 + 1;
    const float* head = out_.Head(i);
    for (int k = 0; k < kNumKeypoints; ++k) {
      // Computed in float64 from the pre-regression box, stored as float32 (as the seed).
      f.keypoints[k][0] = static_cast<float>(w * head[6 + k] + b.x1 - 1);
      f.keypoints[k][1] = static_cast<float>(h * head[11 + k] + b.y1 - 1);
    }
    Regress(&b, head + 2);
    f.confidence = score;
    f.box = {b.x1, b.y1, b.x2 - b.x1, b.y2 - b.y1};
    passed.push_back(b);
    faces.push_back(f);
  }
  watch.Lap(&other);
  const std::vector<int> picks = Nms(passed, 0.7, NmsMethod::kMin);
  watch.Lap(&timings_.nms);
  std::vector<Face> out;
  out.reserve(picks.size());
  for (int p : picks) out.push_back(faces[p]);
  return out;
}

}  // namespace mtcnn
