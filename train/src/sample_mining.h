// Mining a net's training samples from annotated images: random windows for every net and,
// for R-Net and O-Net, the windows the cascade's earlier nets pass on (their hard examples).
// Each window becomes a sample by its best IoU with the image's faces (sample_kinds.h) and is
// cropped exactly as the detector crops it.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "annotations.h"
#include "cascade_proposals.h"
#include "random_windows.h"
#include "sample_set.h"

namespace mtcnn::train {

struct MiningOptions {
  RandomWindowCounts random;
  ProposalOptions proposals;
  // The cascade's windows per image kept as negatives at most (a random subset); its
  // positives and part faces are all kept.
  int cascade_negatives_per_image = 60;
  // P-Net's windows per image handed to R-Net at most (the best scoring): the detector has no
  // such cap, but an untrained P-Net can propose a window at almost every cell.
  int max_pnet_windows = 2000;
  // The share of random windows cropped through a lower resolution first (a side drawn from
  // [size / 3, size), at least 12, then resized up to the net's size), so that faces the
  // images show large are also learnt as the blurred crops small faces give.
  double low_resolution_fraction = 0.5;
  uint64_t seed = 1;
};

// The nets mining runs: P-Net for R-Net's samples, P-Net and R-Net for O-Net's.
struct UpstreamNets {
  CascadeNet* pnet = nullptr;
  CascadeNet* rnet = nullptr;
};

struct MiningCounts {
  int64_t by_kind[kNumSampleKinds] = {0, 0, 0, 0};
  int64_t cascade_windows = 0;  // of which the cascade proposed
  int64_t unused = 0;           // windows in the IoU band [0.3, 0.4) or near ignored faces
};

// `on_image(done, total)` reports progress after each image.
SampleSet MineSamples(NetKind net, const std::vector<AnnotatedImage>& images,
                      const MiningOptions& options, const UpstreamNets& upstream,
                      MiningCounts* counts, const std::function<void(int, int)>& on_image);

}  // namespace mtcnn::train
