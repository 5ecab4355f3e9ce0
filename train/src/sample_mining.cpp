#include "sample_mining.h"

#include <algorithm>
#include <random>
#include <stdexcept>

#include "cascade/crop_window.h"
#include "image_loading.h"
#include "imaging/resize_area.h"

namespace mtcnn::train {
namespace {

struct Match {
  double iou = 0;
  const AnnotatedFace* face = nullptr;
  bool near_ignored = false;
};

Match BestFace(const Box& window, const std::vector<AnnotatedFace>& faces) {
  Match m;
  for (const AnnotatedFace& f : faces) {
    const double iou = Iou(window, f.box);
    if (f.ignore) {
      m.near_ignored = m.near_ignored || iou >= 0.3;
    } else if (iou > m.iou || m.face == nullptr) {
      m.iou = iou;
      m.face = &f;
    }
  }
  return m;
}

// The kind of a window with this best match, or nothing (the unused IoU band, or near an
// ignored face).
std::optional<SampleKind> KindOf(const Match& m) {
  if (m.near_ignored) return std::nullopt;
  return KindByIou(m.face ? m.iou : 0);
}

// The windows P-Net (for R-Net) or P-Net and R-Net (for O-Net) hand to `net`.
std::vector<Box> CascadeWindows(NetKind net, const ImageU8& image, const MiningOptions& options,
                                const UpstreamNets& upstream) {
  if (net == NetKind::kPnet) return {};
  if (upstream.pnet == nullptr || (net == NetKind::kOnet && upstream.rnet == nullptr)) {
    throw std::logic_error("mining for R-Net and O-Net needs the nets before them");
  }
  std::vector<Box> boxes = ProposeWithPnet(*upstream.pnet, image, options.proposals);
  if (boxes.size() > static_cast<size_t>(options.max_pnet_windows)) {
    std::stable_sort(boxes.begin(), boxes.end(),
                     [](const Box& a, const Box& b) { return a.score > b.score; });
    boxes.resize(options.max_pnet_windows);
  }
  if (net == NetKind::kOnet)
    boxes = RefineWithRnet(*upstream.rnet, image, boxes, options.proposals);
  return boxes;
}

// The crop of `c` made at low x low, then resized up to size x size.
void LowResolutionCrop(const ImageU8& image, const CropWindow& c, int size, int low,
                       CropScratch* scratch, float* out) {
  std::vector<float> small(static_cast<size_t>(low) * low * 3);
  BuildCrop(image, c, low, scratch, small.data());
  ImageF64 from, to;
  from.Resize(low, low, 3);
  std::copy(small.begin(), small.end(), from.pixels.begin());
  ResizeArea(from, size, size, &to);
  std::copy(to.pixels.begin(), to.pixels.end(), out);
}

}  // namespace

SampleSet MineSamples(NetKind net, const std::vector<AnnotatedImage>& images,
                      const MiningOptions& options, const UpstreamNets& upstream,
                      MiningCounts* counts, const std::function<void(int, int)>& on_image) {
  const int size = InputSize(net);
  SampleSetBuilder builder(size);
  std::mt19937_64 rng(options.seed);
  CropScratch scratch;
  std::vector<float> crop(static_cast<size_t>(size) * size * 3);
  MiningCounts local;
  const std::array<float, 4> no_box{};
  const std::array<float, 10> no_landmarks{};

  const int low_min = std::max(12, size / 3);
  auto add = [&](const ImageU8& image, const Box& window, const Match& m, bool landmark_group,
                 bool random_window) {
    const std::optional<SampleKind> kind = KindOf(m);
    if (!kind || (landmark_group && *kind != SampleKind::kPositive)) {
      ++local.unused;
      return;
    }
    const SampleKind k = landmark_group ? SampleKind::kLandmark : *kind;
    const CropWindow c = PadBox(window, image.width, image.height);
    if (c.width <= 0 || c.height <= 0) return;
    if (random_window && low_min < size &&
        std::uniform_real_distribution<double>(0, 1)(rng) < options.low_resolution_fraction) {
      const int low = std::uniform_int_distribution<int>(low_min, size - 1)(rng);
      LowResolutionCrop(image, c, size, low, &scratch, crop.data());
    } else {
      BuildCrop(image, c, size, &scratch, crop.data());
    }
    const TaskMask tasks = TasksOf(k);
    builder.Add(crop.data(), k, tasks.box ? BoxTargets(net, window, m.face->box) : no_box,
                tasks.landmarks ? LandmarkTargets(window, *m.face) : no_landmarks);
    ++local.by_kind[static_cast<int>(k)];
  };

  for (size_t i = 0; i < images.size(); ++i) {
    const AnnotatedImage& annotated = images[i];
    const ImageU8 image = LoadRgbImage(annotated.path);
    for (const RandomWindow& w :
         RandomWindows(image.width, image.height, annotated.faces, options.random, &rng)) {
      add(image, w.box, BestFace(w.box, annotated.faces), w.landmark_group, true);
    }
    std::vector<std::pair<Box, Match>> negatives;
    for (const Box& b : CascadeWindows(net, image, options, upstream)) {
      ++local.cascade_windows;
      const Match m = BestFace(b, annotated.faces);
      if (KindOf(m) == SampleKind::kNegative) {
        negatives.emplace_back(b, m);
      } else {
        add(image, b, m, false, false);
      }
    }
    std::shuffle(negatives.begin(), negatives.end(), rng);
    negatives.resize(std::min<size_t>(negatives.size(), options.cascade_negatives_per_image));
    for (const auto& [b, m] : negatives) add(image, b, m, false, false);
    if (on_image) on_image(static_cast<int>(i + 1), static_cast<int>(images.size()));
  }
  if (counts) *counts = local;
  return builder.Finish();
}

}  // namespace mtcnn::train
