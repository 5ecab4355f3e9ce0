#include "cascade/cascade.h"

#include <algorithm>
#include <string>
#include <utility>

#include "cascade/nms.h"
#include "cascade/stage_rules.h"
#include "cascade/working_memory.h"

namespace mtcnn {
namespace {

// O-Net runs in chunks of at most four crops when threads share its stage (eight alone):
// an O-Net crop costs as much as eight R-Net ones, and smaller chunks let the threads end
// closer together.
constexpr size_t kOnetThreadedChunk = 4;

// numpy compares a float32 score with a Python float in float32 (value-based casting).
float Threshold(double t) { return static_cast<float>(t); }

}  // namespace

Cascade::Cascade(const Weights& weights, int threads, const Weights* lnet_weights)
    : threads_(std::max(1, threads)),
      pnet_stage_(weights, threads_),
      rnet_(weights, threads_),
      onet_(weights, threads_, kOnetThreadedChunk),
      refiner_(lnet_weights != nullptr ? std::make_unique<LandmarkRefiner>(*lnet_weights)
                                       : nullptr) {}

void Cascade::set_layer_profiling(bool on) {
  // One profile per thread (and per thread's networks), made before the networks are
  // handed pointers to them.
  layer_profiles_.assign(on ? static_cast<size_t>(threads_) : 0, LayerProfile());
  std::vector<LayerProfile>* profiles = on ? &layer_profiles_ : nullptr;
  pnet_stage_.set_profile(profiles);
  rnet_.set_profile(profiles);
  onet_.set_profile(profiles);
  // LNet runs on the calling thread's network, its layers split over the pool.
  if (refiner_) refiner_->set_profile(on ? &layer_profiles_[0] : nullptr);
}

void Cascade::ClearLayerTimings() {
  for (LayerProfile& profile : layer_profiles_) profile.Clear();
}

PnetPlan Cascade::Plan(int width, int height, const DetectionOptions& options, uint64_t held_bytes,
                       MemoryBudget* budget) const {
  PnetPlan plan =
      PlanPnetStage(width, height, options.min_face_size, options.scale_factor, threads_);
  budget->Charge(
      held_bytes + PnetStageBytes(width, height, plan, threads_) + CropNetsBytes(threads_), [&] {
        return "a " + std::to_string(width) + "x" + std::to_string(height) +
               " image at minFaceSize " +
               std::to_string(static_cast<long long>(options.min_face_size)) + " on " +
               std::to_string(threads_) + " thread(s)";
      });
  return plan;
}

std::vector<Face> Cascade::Run(const ImageU8& rgb, const PnetPlan& plan,
                               const DetectionOptions& options, pthreadpool_t pool,
                               MemoryBudget* budget, StageTimer* timer) {
  std::vector<Box> boxes =
      ProposeWithPnet(rgb, plan, options.thresholds[0], pool, budget->remaining(), timer);
  if (!boxes.empty())
    boxes = RefineWithRnet(rgb, boxes, options.thresholds[1], pool, budget, timer);
  if (boxes.empty()) return {};
  return OutputWithOnet(rgb, std::move(boxes), options.thresholds[2], pool, budget, timer);
}

void Cascade::RefineLandmarks(const ImageU8& rgb, std::vector<Face>* faces, pthreadpool_t pool,
                              MemoryBudget* budget, StageTimer* timer) {
  if (faces->empty()) return;
  budget->Charge(LandmarkRefiner::WorkingBytes(), [] { return std::string("refining landmarks"); });
  timer->timings().lnet_faces += static_cast<int>(faces->size());
  timer->Time(&StageTimings::lnet, [&] { refiner_->Refine(rgb, faces, pool); });
}

std::vector<Box> Cascade::ProposeWithPnet(const ImageU8& rgb, const PnetPlan& plan,
                                          double threshold, pthreadpool_t pool,
                                          uint64_t candidate_budget, StageTimer* timer) {
  std::vector<Box> boxes =
      pnet_stage_.Run(rgb, plan, Threshold(threshold), pool, candidate_budget, timer);
  if (boxes.empty()) return boxes;
  return timer->Time(&StageTimings::nms, [&] { return FinishPnet(boxes); });
}

template <typename Net>
bool Cascade::RunCropStage(const ImageU8& rgb, const std::vector<Box>& boxes, CropStage<Net>* stage,
                           StageTimer::Field net_time, StageTimer::Field idle_time,
                           pthreadpool_t pool, MemoryBudget* budget, StageTimer* timer) {
  const int size = static_cast<int>(Net::kInputSize);
  const bool buildable = PadBoxes(boxes, rgb.width, rgb.height, &windows_);
  // Buffers are kept between the stages, so their memory adds up.
  budget->Charge(CropStageBytes(windows_, size, threads_),
                 [&] { return std::to_string(boxes.size()) + " crops of this image"; });
  if (!buildable) return false;
  crops_.Reserve(static_cast<size_t>(threads_));
  const auto build = [&](size_t thread, size_t first, size_t m, float* dst, pthreadpool_t split) {
    crops_.BuildRange(rgb, windows_, size, first, m, dst, thread, split);
  };
  timer->TimeParallel(&StageTimings::crops, net_time, idle_time, boxes.size() > 1 ? threads_ : 1,
                      [&] { return stage->Run(boxes.size(), pool, build, &input_, &out_); });
  crops_.Trim();
  return true;
}

std::vector<Box> Cascade::RefineWithRnet(const ImageU8& rgb, const std::vector<Box>& boxes,
                                         double threshold, pthreadpool_t pool, MemoryBudget* budget,
                                         StageTimer* timer) {
  timer->timings().rnet_crops = static_cast<int>(boxes.size());
  if (!RunCropStage(rgb, boxes, &rnet_, &StageTimings::rnet, &StageTimings::rnet_idle, pool, budget,
                    timer)) {
    return {};
  }
  std::vector<float> scores(boxes.size());
  std::vector<const float*> offsets(boxes.size());
  for (size_t i = 0; i < boxes.size(); ++i) {
    scores[i] = out_.FaceProbability(i);
    offsets[i] = out_.BoxOffsets(i);
  }
  return timer->Time(&StageTimings::nms,
                     [&] { return FinishRnet(boxes, scores, offsets, Threshold(threshold)); });
}

Face Cascade::OnetFace(size_t i, Box* window) const {
  Box& b = *window;
  b.score = out_.FaceProbability(i);
  Face f;
  // The landmarks are placed in float64 on the box before its calibration, and stored as
  // float32, as the reference does.
  const double w = b.x2 - b.x1 + 1;
  const double h = b.y2 - b.y1 + 1;
  for (int k = 0; k < kNumKeypoints; ++k) {
    f.keypoints[k][0] = static_cast<float>(w * out_.LandmarkX(i, k) + b.x1 - 1);
    f.keypoints[k][1] = static_cast<float>(h * out_.LandmarkY(i, k) + b.y1 - 1);
  }
  Regress(&b, out_.BoxOffsets(i));
  f.confidence = b.score;
  f.box = {b.x1, b.y1, b.x2 - b.x1, b.y2 - b.y1};
  return f;
}

std::vector<Face> Cascade::ScoreWindows(const ImageU8& rgb, const std::vector<Box>& windows,
                                        pthreadpool_t pool, MemoryBudget* budget,
                                        StageTimer* timer) {
  timer->timings().onet_crops += static_cast<int>(windows.size());
  if (windows.empty() || !RunCropStage(rgb, windows, &onet_, &StageTimings::onet,
                                       &StageTimings::onet_idle, pool, budget, timer)) {
    return {};
  }
  std::vector<Face> faces;
  faces.reserve(windows.size());
  for (size_t i = 0; i < windows.size(); ++i) {
    Box b = windows[i];
    faces.push_back(OnetFace(i, &b));
  }
  return faces;
}

std::vector<Face> Cascade::OutputWithOnet(const ImageU8& rgb, std::vector<Box> boxes,
                                          double threshold, pthreadpool_t pool,
                                          MemoryBudget* budget, StageTimer* timer) {
  for (Box& b : boxes) Truncate(&b);
  timer->timings().onet_crops += static_cast<int>(boxes.size());
  if (!RunCropStage(rgb, boxes, &onet_, &StageTimings::onet, &StageTimings::onet_idle, pool, budget,
                    timer)) {
    return {};
  }
  std::vector<Box> passed;
  std::vector<Face> faces;
  for (size_t i = 0; i < boxes.size(); ++i) {
    if (!(out_.FaceProbability(i) > Threshold(threshold))) continue;
    Box b = boxes[i];
    faces.push_back(OnetFace(i, &b));
    passed.push_back(b);
  }
  const std::vector<int> picks =
      timer->Time(&StageTimings::nms, [&] { return Nms(passed, 0.7, NmsMethod::kMin); });
  std::vector<Face> kept;
  kept.reserve(picks.size());
  for (int p : picks) kept.push_back(faces[p]);
  return kept;
}

}  // namespace mtcnn
