// The public Detector (mtcnn/detector.h): the configuration, the threads, the caller's
// image copied in, and the cascade that does the rest.
#include "mtcnn/detector.h"

#include <utility>

#include "cascade/cascade.h"
#include "config.h"
#include "imaging/image.h"
#include "imaging/pack_rgb.h"
#include "nn/default_weights.h"
#include "nn/weights.h"
#include "runtime/memory_budget.h"
#include "runtime/stage_timer.h"
#include "runtime/stopwatch.h"
#include "runtime/thread_pool.h"
#include "video/tracker.h"

namespace mtcnn {

ImageView ImageView::InMemory(const uint8_t* data, int width, int height, PixelFormat format,
                              size_t stride_bytes) {
  ImageView v;
  v.data_ = data;
  v.width_ = width;
  v.height_ = height;
  v.format_ = format;
  v.stride_bytes_ = stride_bytes;
  return v;
}

ImageView ImageView::ByRows(int width, int height, PixelFormat format, RowReader read_rows) {
  ImageView v;
  v.width_ = width;
  v.height_ = height;
  v.format_ = format;
  v.read_rows_ = std::move(read_rows);
  return v;
}

class Detector::Impl {
 public:
  // `config` is valid.
  Impl(const Config& config, const Weights& weights, const Weights* lnet_weights)
      : config_(config), pool_(config.threads), cascade_(weights, config.threads, lnet_weights) {
    CheckRefinable(config);
    cascade_.set_layer_profiling(config.profile_layers);
  }

  // Copies the caller's image in, within the memory limit, then runs `work(plan, budget,
  // timer)` on it, timing the whole call.
  template <typename Work>
  auto Run(const ImageView& image, Work&& work) -> decltype(work(PnetPlan(), nullptr, nullptr)) {
    ValidateView(image);
    CheckImageSize(image.width(), image.height(), "an image");
    pool_.Start();
    timings_ = StageTimings();
    cascade_.ClearLayerTimings();
    Stopwatch total;
    StageTimer timer(&timings_);
    MemoryBudget budget(MegabytesToBytes(config_.max_memory_mb));
    const PnetPlan plan = cascade_.Plan(image.width(), image.height(), config_.detection,
                                        PackingBytes(image), &budget);
    timer.Time(&StageTimings::input, [&] { PackRgb(image, &rgb_, &staging_); });
    auto result = work(plan, &budget, &timer);
    total.Lap(&timings_.total);
    return result;
  }

  void StartThreads() { pool_.Start(); }

  std::vector<Face> Detect(const ImageView& image) {
    return Run(image, [&](const PnetPlan& plan, MemoryBudget* budget, StageTimer* timer) {
      return Refined(cascade_.Run(rgb_, plan, config_.detection, pool_.get(), budget, timer),
                     budget, timer);
    });
  }

  std::vector<VideoFace> DetectForVideo(const ImageView& frame, double timestamp_ms) {
    ValidateView(frame);
    tracker_.CheckFrame(timestamp_ms, frame.width(), frame.height());
    return Run(frame, [&](const PnetPlan& plan, MemoryBudget* budget, StageTimer* timer) {
      const auto full_scan = [&] {
        return Refined(cascade_.Run(rgb_, plan, config_.detection, pool_.get(), budget, timer),
                       budget, timer);
      };
      const auto score_windows = [&](const std::vector<Box>& windows) {
        return Refined(cascade_.ScoreWindows(rgb_, windows, pool_.get(), budget, timer), budget,
                       timer);
      };
      return tracker_.Step(timestamp_ms, frame.width(), frame.height(), config_.video,
                           config_.detection.thresholds[2], full_scan, score_windows,
                           &timer->timings());
    });
  }

  void ResetVideo() { tracker_.Reset(); }

  void Reconfigure(const Config& config) {
    ValidateConfig(config);
    CheckRefinable(config);
    if (config.threads != config_.threads) {
      throw Error(ErrorKind::kInvalidOption, "threads is set when a detector is made (it runs on " +
                                                 std::to_string(config_.threads) +
                                                 "); make another detector");
    }
    if (config.profile_layers != config_.profile_layers)
      cascade_.set_layer_profiling(config.profile_layers);
    config_ = config;
  }

  const Config& config() const { return config_; }
  const StageTimings& last_timings() const { return timings_; }
  std::vector<LayerTiming> last_layer_timings() const { return cascade_.layer_timings(); }

 private:
  void CheckRefinable(const Config& config) const {
    if (config.detection.refine_landmarks && !cascade_.can_refine_landmarks()) {
      throw Error(ErrorKind::kInvalidOption,
                  "refine_landmarks needs LNet's weights (weights/lnet.safetensors), which this "
                  "detector was made without");
    }
  }

  // `faces` with their landmarks refined when the options ask for it.
  std::vector<Face> Refined(std::vector<Face> faces, MemoryBudget* budget, StageTimer* timer) {
    if (config_.detection.refine_landmarks)
      cascade_.RefineLandmarks(rgb_, &faces, pool_.get(), budget, timer);
    return faces;
  }

  Config config_;
  ThreadPool pool_;
  Cascade cascade_;
  // Reused between calls, so that steady detection allocates little.
  ImageU8 rgb_;
  std::vector<uint8_t> staging_;
  StageTimings timings_;
  VideoTracker tracker_;
};

namespace {

Weights LoadWeights(const std::optional<WeightsFile>& file) {
  const WeightsFile bytes = file.value_or(DefaultWeights());
  return Weights::FromSafetensors(bytes.data, bytes.size);
}

}  // namespace

Detector::Detector(const Config& config, std::optional<WeightsFile> weights,
                   std::optional<WeightsFile> lnet_weights) {
  ValidateConfig(config);  // before the weights are parsed: a bad option is named first
  InitializeXnnpack();
  std::optional<Weights> lnet;
  if (lnet_weights) lnet = Weights::FromSafetensors(lnet_weights->data, lnet_weights->size);
  impl_ = std::make_unique<Impl>(config, LoadWeights(weights), lnet ? &*lnet : nullptr);
}

Detector::~Detector() = default;

void Detector::StartThreads() { impl_->StartThreads(); }
std::vector<Face> Detector::Detect(const ImageView& image) { return impl_->Detect(image); }
std::vector<VideoFace> Detector::DetectForVideo(const ImageView& frame, double timestamp_ms) {
  return impl_->DetectForVideo(frame, timestamp_ms);
}
void Detector::ResetVideo() { impl_->ResetVideo(); }
void Detector::Reconfigure(const Config& config) { impl_->Reconfigure(config); }
const Config& Detector::config() const { return impl_->config(); }
const StageTimings& Detector::last_timings() const { return impl_->last_timings(); }
std::vector<LayerTiming> Detector::last_layer_timings() const {
  return impl_->last_layer_timings();
}

}  // namespace mtcnn
