// The MTCNN cascade (SPEC.md, the seed's detect_faces): P-Net over the image pyramid,
// R-Net and O-Net on crops, with the seed's box arithmetic, NMS and output conventions.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "crop_net_runner.h"
#include "crops.h"
#include "face.h"
#include "image.h"
#include "layer_profile.h"
#include "networks.h"
#include "options.h"
#include "pnet_stage.h"
#include "stage_timings.h"
#include "thread_pool.h"
#include "weights.h"

namespace mtcnn {

class Detector {
 public:
  // Creates the networks' operators once. Throws kInvalidWeights, kInvalidOption.
  Detector(const Weights& weights, const DetectionOptions& options, int threads);

  // Starts the thread pool's threads (thread_pool.h); the first detection does it if this
  // has not. Throws kResourceLimit if the threads cannot be created.
  void StartThreads() { pool_.Start(); }

  // Faces in the image, highest confidence first. Throws kInvalidImage, kResourceLimit;
  // the detector stays usable after any error.
  std::vector<Face> Detect(const ImageView& image);
  // The same on an already packed RGB image.
  std::vector<Face> Detect(const ImageU8& rgb);
  // The same on a width x height RGBA image that read_rows(first_row, rows, out) delivers a
  // band of rows at a time (rows * width * 4 bytes into out), so that no full-size copy of
  // the caller's pixels is needed besides the packed RGB one.
  std::vector<Face> DetectRgbaRows(int width, int height, const std::function<void(int, int, uint8_t*)>& read_rows);

  void set_options(const DetectionOptions& options);

  // The most working memory one detection may need (memory_estimate.h), in bytes; an input
  // needing more is refused with kResourceLimit before anything is allocated for it.
  static constexpr uint64_t kDefaultMemoryLimit = uint64_t{2048} << 20;
  void set_memory_limit(uint64_t bytes) { memory_limit_ = bytes; }
  uint64_t memory_limit() const { return memory_limit_; }
  // Throws kResourceLimit if stage 1 on a width x height image, plus `held_bytes` the caller
  // already needs for the input, would exceed the limit; returns that amount.
  uint64_t CheckMemory(int width, int height, uint64_t held_bytes) const;
  const DetectionOptions& options() const { return options_; }
  int threads() const { return pool_.threads(); }
  const StageTimings& last_timings() const { return timings_; }
  // Per-layer times of the last detection (layer_profile.h), when switched on; off by
  // default, as timing every layer costs a little.
  void set_layer_profiling(bool on);
  bool layer_profiling() const { return layer_profiling_; }
  std::vector<LayerTiming> last_layer_timings() const { return MergeLayerTimings(layer_profiles_); }

 private:
  // Detect on rgb_, just packed from the caller's pixels since `conversion` started; that
  // time counts in the total.
  std::vector<Face> DetectConverted(Stopwatch* conversion);
  std::vector<Box> RunPnet(const ImageU8& rgb, uint64_t candidate_budget);
  std::vector<Box> RunRnet(const ImageU8& rgb, std::vector<Box> boxes);
  std::vector<Face> RunOnet(const ImageU8& rgb, std::vector<Box> boxes);
  // Crops of `boxes` and `net` over them into out_, the stage's time split into
  // timings_.crops and *net_ms; false where the seed aborts the stage.
  template <typename Net>
  bool RunCropStage(const ImageU8& rgb, const std::vector<Box>& boxes, CropNetRunner<Net>* net, double* net_ms,
                    double* idle_ms);
  // Stage 1's working memory plus the crop networks' (memory_estimate.h), plus held_bytes.
  uint64_t Stage1Bytes(int width, int height, uint64_t held_bytes) const;
  // Adds a crop stage's working memory to committed_bytes_; throws kResourceLimit past the
  // limit (buffers are kept between stages, so the stages add up).
  void CommitCropMemory(const ImageU8& rgb, const std::vector<Box>& boxes, int size);

  DetectionOptions options_;
  uint64_t memory_limit_ = kDefaultMemoryLimit;
  uint64_t committed_bytes_ = 0;  // the current detection's working memory so far
  ThreadPool pool_;
  PnetStage pnet_stage_;
  CropNetRunner<Rnet> rnet_;
  CropNetRunner<Onet> onet_;
  CropBuilder crops_;
  // Reused between calls so steady-state detection does not allocate much.
  ImageU8 rgb_;
  std::vector<uint8_t> staging_;  // a band of RGBA rows for DetectRgbaRows
  std::vector<float> input_;
  NetOutput out_;
  StageTimings timings_;
  bool layer_profiling_ = false;
  std::vector<LayerProfile> layer_profiles_;  // one per thread
  Stopwatch* watch_ = nullptr;
};

}  // namespace mtcnn
