// The MTCNN cascade (SPEC.md, the seed's detect_faces): P-Net over the image pyramid,
// R-Net and O-Net on crops, with the seed's box arithmetic, NMS and output conventions.
#pragma once

#include <memory>
#include <vector>

#include "crop_net_runner.h"
#include "crops.h"
#include "face.h"
#include "image.h"
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

  // Faces in the image, highest confidence first. Throws kInvalidImage, kResourceLimit;
  // the detector stays usable after any error.
  std::vector<Face> Detect(const ImageView& image);
  // The same on an already packed RGB image.
  std::vector<Face> Detect(const ImageU8& rgb);

  void set_options(const DetectionOptions& options);
  const DetectionOptions& options() const { return options_; }
  int threads() const { return pool_.threads(); }
  const StageTimings& last_timings() const { return timings_; }

 private:
  std::vector<Box> RunPnet(const ImageU8& rgb);
  std::vector<Box> RunRnet(const ImageU8& rgb, std::vector<Box> boxes);
  std::vector<Face> RunOnet(const ImageU8& rgb, std::vector<Box> boxes);

  DetectionOptions options_;
  ThreadPool pool_;
  PnetStage pnet_stage_;
  CropNetRunner<Rnet> rnet_;
  CropNetRunner<Onet> onet_;
  CropBuilder crops_;
  // Reused between calls so steady-state detection does not allocate much.
  ImageU8 rgb_;
  std::vector<float> input_;
  NetOutput out_;
  StageTimings timings_;
  Stopwatch* watch_ = nullptr;
};

}  // namespace mtcnn
